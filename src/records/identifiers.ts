import { sql, type Transaction } from 'kysely';
import type { Kdb } from '../platform/db.ts';
import type { Tables } from '../platform/db-schema.ts';
import type { Scheme } from './normalise/index.ts';

/**
 * A key written to record_identifiers: a normalised identifier (document, VIN, …), or a
 * person's name blocking key (scheme `name`, see person-names.ts), which the identifier
 * checks never probe.
 */
export interface IndexKey {
  scheme: Scheme | 'name';
  value: string;
  country?: string;
}

/**
 * Where a record's identifiers live. Exact keys go to record_identifiers (the btree every
 * check probes), IP ranges to record_ip_ranges (GiST). The record itself keeps the list of
 * exact keys it wrote (records.search_keys, "scheme:value"), so that a correction, a
 * deletion or the purge removes exactly those rows through the probe index — there is no
 * index on record_id to maintain on every import (migrations/0005).
 */

export function isIpRange(identifier: IndexKey): boolean {
  return identifier.scheme === 'ip' && identifier.value.includes('/');
}

/** The keys a record stores about itself: its exact identifiers as "scheme:value". */
export function searchKeys(identifiers: IndexKey[]): string[] {
  return identifiers.filter((i) => !isIpRange(i)).map((i) => `${i.scheme}:${i.value}`);
}

/**
 * Removes the identifier rows of many records at once (the purge, the names reindex), given
 * the search keys each stored — only those of `scheme` if named. The keys are spelt out as
 * (scheme, value, record) triples so that every row is found by the whole probe index.
 * Joining records' keys inside SQL instead lets the planner probe by (scheme, value) alone
 * and filter the record afterwards; at a million persons a common name's key holds tens of
 * thousands of rows, and 2,000 persons took 100 s that way instead of 2 s.
 */
export async function removeIdentifiersOf(
  db: Transaction<Tables> | Kdb,
  records: readonly { id: string; search_keys: readonly string[] }[],
  scheme?: string,
) {
  const schemes: string[] = [];
  const values: string[] = [];
  const ids: string[] = [];
  for (const r of records) {
    for (const key of r.search_keys) {
      // Schemes have no colon; values may (URLs, IPv6).
      const colon = key.indexOf(':');
      const keyScheme = key.slice(0, colon);
      if (colon < 0 || (scheme !== undefined && keyScheme !== scheme)) continue;
      schemes.push(keyScheme);
      values.push(key.slice(colon + 1));
      ids.push(r.id);
    }
  }
  if (ids.length === 0) return;
  await sql`
    DELETE FROM record_identifiers i
    USING unnest(${schemes}::text[], ${values}::text[], ${ids}::uuid[]) AS k(scheme, value, record_id)
    WHERE i.scheme = k.scheme AND i.value = k.value AND i.record_id = k.record_id`.execute(db);
}

export async function writeIdentifiers(
  trx: Transaction<Tables> | Kdb,
  recordId: string,
  identifiers: IndexKey[],
) {
  const ranges = identifiers.filter(isIpRange);
  const exact = identifiers.filter((i) => !isIpRange(i));
  if (exact.length > 0) {
    await trx
      .insertInto('record_identifiers')
      .values(
        exact.map((i) => ({
          scheme: i.scheme,
          value: i.value,
          country: i.country ?? '',
          record_id: recordId,
        })),
      )
      .execute();
  }
  if (ranges.length > 0) {
    await trx
      .insertInto('record_ip_ranges')
      .values(ranges.map((r) => ({ range: r.value, record_id: recordId })))
      .execute();
  }
}

/** Removes the identifiers a record wrote, given the search keys it stored when it wrote them. */
export async function removeIdentifiers(trx: Transaction<Tables>, recordId: string, keys: string[]) {
  if (keys.length > 0) {
    await sql`
      DELETE FROM record_identifiers i
      USING unnest(${keys}::text[]) AS k
      WHERE i.scheme = split_part(k, ':', 1) AND i.value = substr(k, strpos(k, ':') + 1)
        AND i.record_id = ${recordId}`.execute(trx);
  }
  await trx.deleteFrom('record_ip_ranges').where('record_id', '=', recordId).execute();
}

import { sql } from 'kysely';
import { NAMES_INDEX_VERSION } from '../names/index.ts';
import type { Job } from '../platform/jobs.ts';
import { removeIdentifiersOf, searchKeys } from './identifiers.ts';
import type { PersonData } from './kinds/person.ts';
import {
  NAME_SCHEME,
  namesVersionNoted,
  noteNamesVersion,
  personNameIndex,
  STALE_PERSON_MATCH,
} from './person-names.ts';

const SETTING = 'names-index-version';
const BATCH = 2000;

/**
 * Keeps every person findable by name: persons recorded before name matching existed, or
 * prepared by an older version of the names library (NAMES_INDEX_VERSION), get their
 * stored form and name keys recomputed, a batch per round and round after round until none
 * is left (each its own transaction). Then the version is noted in settings, and later runs
 * cost one lookup. Until a person's turn comes, its old keys still find it.
 */
export const personNameJobs: Job[] = [
  {
    name: 'records.person-names',
    intervalMs: 60_000,
    async run(ctx) {
      const { persons, last } = await reindexPersonNames(ctx, BATCH, resumeAfter);
      // The next round goes on from here (a pass is linear however many are done); a short
      // round ends the pass, and a later pass starts from the beginning.
      resumeAfter = persons === BATCH ? last : undefined;
      if (persons > 0) ctx.logger.info({ persons, version: NAMES_INDEX_VERSION }, 'person names reindexed');
      return { more: persons === BATCH };
    },
  },
];
/** Where this process's pass has got to (record ids in order). */
let resumeAfter: string | undefined;

/**
 * Re-prepares up to `batch` stale persons, in record id order after `after`; returns how many
 * and the last one's id.
 */
export async function reindexPersonNames(
  ctx: Parameters<Job['run']>[0],
  batch = BATCH,
  after?: string,
): Promise<{ persons: number; last?: string }> {
  if (await namesVersionNoted(ctx.db, SETTING)) return { persons: 0 };

  const staleRecords = sql`
    FROM records
    WHERE kind = 'person' AND status <> 'deleted'
      AND ${STALE_PERSON_MATCH}`;
  // A person being changed right now is left for a later round.
  const stale = await sql<{ id: string; data: PersonData; search_keys: string[] }>`
    SELECT id, data, search_keys ${staleRecords} ${after ? sql`AND id > ${after}` : sql``}
    ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(ctx.db);
  if (stale.rows.length > 0) {
    const rows: { id: string; person_match: object; search_keys: string[] }[] = [];
    const keys: { value: string; record_id: string }[] = [];
    for (const r of stale.rows) {
      const index = personNameIndex(r.data);
      const others = r.search_keys.filter((k) => !k.startsWith(`${NAME_SCHEME}:`));
      rows.push({
        id: r.id,
        person_match: index.prepared,
        search_keys: [...others, ...searchKeys(index.keys)],
      });
      for (const k of index.keys) keys.push({ value: k.value, record_id: r.id });
    }
    // The old name keys go (found through the keys the records stored), the new ones come,
    // and the records remember them, in the job's transaction.
    await removeIdentifiersOf(ctx.db, stale.rows, NAME_SCHEME);
    await sql`
      WITH fresh AS (
        INSERT INTO record_identifiers (scheme, value, country, record_id)
        SELECT ${NAME_SCHEME}, value, '', record_id
        FROM jsonb_to_recordset(${JSON.stringify(keys)}::text::jsonb) AS t(value text, record_id uuid)
      )
      UPDATE records r SET person_match = t.person_match, search_keys = t.search_keys
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS t(id uuid, person_match jsonb, search_keys text[])
      WHERE r.id = t.id`.execute(ctx.db);
  }
  const finished =
    stale.rows.length < batch &&
    (await sql<{ left: boolean }>`SELECT EXISTS (SELECT 1 ${staleRecords}) AS left`.execute(ctx.db)).rows[0]
      ?.left === false;
  if (finished) await noteNamesVersion(ctx.db, SETTING);
  return { persons: stale.rows.length, last: stale.rows.at(-1)?.id };
}

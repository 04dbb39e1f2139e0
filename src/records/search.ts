import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import {
  fromPartner,
  isOwnerSide,
  ownerIsTold,
  policySeenBy,
  type RecordAccess,
  type RecordOwner,
  type RecordPolicy,
  recordAccess,
  searcherFor,
} from '../access/records.ts';
import { cacheFor, HOT_ROW_TTL_MS } from '../platform/cache.ts';
import { coalescerFor } from '../platform/coalesce.ts';
import type { Context } from '../platform/context.ts';
import { type FieldError, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { NON_STATE_ISSUERS, parseMrz } from './mrz.ts';
import { type NormalisedIdentifier, normaliseIdentifier, type Scheme } from './normalise/index.ts';
import { checkCountry } from './normalise/text.ts';
import { WALLET_CHAINS, walletChain } from './normalise/wallet.ts';
import type { IdentifierQuery } from './schema.ts';

interface VisibleRecord {
  id: string;
  kind: string;
  owner: string;
  data: Record<string, unknown>;
  summary: string;
  policy: RecordPolicy;
  /** Found not by the query's own key but as what covers it (see `ProbeKey`). */
  matched?: Coverage;
}

/**
 * How a record relates to a query it does not equal: a domain the queried domain (or a
 * queried URL's host) lies under, the host of a queried URL, a recorded range the queried
 * address (or range) lies in — or, the other way round, a recorded address or range lying
 * inside the queried range.
 */
export type Coverage = 'parent-domain' | 'url-host' | 'range' | 'inside-range';

/**
 * The widest range whose inside a query searches. A /16 holds 65,536 addresses; a wider one
 * asks for a listing of the network's holdings rather than checks one infrastructure, and
 * each query of a batch of 10,000 may be one. A wider range is still checked as any other
 * key — exactly and against the recorded ranges holding it, as before ranges were searched
 * inside — with a warning that what lies inside it was not.
 */
export const WIDEST_QUERY_PREFIX = { v4: 16, v6: 48 } as const;

/**
 * Records one query answers from inside its range (hits and restricted hits together).
 * Beyond it the result says `truncated`: narrow the range to see the rest.
 */
export const INSIDE_RANGE_LIMIT = 100;

/**
 * Active records, whoever may see them, that may lie inside one query's range. A range
 * holding more is refused as too dense (`INSIDE_RANGE_DENSE`): reading only some of them
 * would let those kept from the caller take the place of those it may see, and an agency
 * missing some of its own records would learn of the others. Refusing says only that the
 * network holds many records in the range, never which or whose.
 */
export const INSIDE_RANGE_READ = 500;

/** Queries of one request that may search inside a range (identical ones included). */
export const INSIDE_RANGE_QUERIES = 100;

const INSIDE_RANGE_DENSE = `more than ${INSIDE_RANGE_READ} records lie inside this range: query narrower ranges`;
const INSIDE_RANGE_TOO_MANY = `at most ${INSIDE_RANGE_QUERIES} queries of a request may search inside a range`;

/** Whether a canonical `ip` key is a range whose inside a query searches. */
function searchesInside(key: string): boolean {
  const [address, prefix] = key.split('/');
  if (prefix === undefined) return false;
  return Number(prefix) >= (address!.includes(':') ? WIDEST_QUERY_PREFIX.v6 : WIDEST_QUERY_PREFIX.v4);
}

function insideNotSearched(key: string): string | null {
  if (!key.includes('/') || searchesInside(key)) return null;
  const [v6, widest] = key.includes(':') ? [true, WIDEST_QUERY_PREFIX.v6] : [false, WIDEST_QUERY_PREFIX.v4];
  return `what lies inside a range wider than /${widest} (${v6 ? 'IPv6' : 'IPv4'}) is not searched: only the range itself and recorded ranges holding it were checked — query the /${widest} ranges you need to find the addresses and ranges recorded inside`;
}

type ProbeKey = NormalisedIdentifier & { via?: Coverage };

/** Parents of a domain searched as well, at most: a longer name is not a real host. */
const MAX_PARENT_DOMAINS = 10;

/**
 * The keys a query probes besides its own: login.evil.com and https://login.evil.com/x lie
 * under a recorded evil.com; a URL's host is the domain (or the address) it points at. Not
 * the last label alone ("com"): no one records a top-level domain as an indicator.
 */
function coveringKeys(keys: NormalisedIdentifier[]): ProbeKey[] {
  const out: ProbeKey[] = [];
  const parents = (domain: string) => {
    const labels = domain.split('.');
    for (let i = 1; i < Math.min(labels.length - 1, MAX_PARENT_DOMAINS + 1); i++)
      out.push({ scheme: 'domain', value: labels.slice(i).join('.'), via: 'parent-domain' });
  };
  for (const key of keys) {
    if (key.scheme === 'domain') parents(key.value);
    if (key.scheme !== 'url') continue;
    const host = new URL(key.value).hostname;
    const address = /^[\d.]+$|^\[/.test(host) ? normaliseIdentifier('ip', host) : undefined;
    if (address?.ok) for (const ip of address.identifiers) out.push({ ...ip, via: 'url-host' });
    else if (!address) {
      out.push({ scheme: 'domain', value: host, via: 'url-host' });
      parents(host);
    }
  }
  return out;
}

export interface SearchResult {
  outcome: 'hit' | 'restricted-hit' | 'no-hit' | 'invalid';
  /** Why a query could not be read (outcome `invalid`, only when the caller asked for it). */
  errors?: FieldError[];
  records?: VisibleRecord[];
  restricted?: { owner: string; hitRef: string }[];
  owner?: string;
  hitRef?: string;
  warnings?: string[];
  /** More records lie inside the queried range than the `INSIDE_RANGE_LIMIT` answered. */
  truncated?: boolean;
}

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';

/**
 * Guesses a wallet's chain from its form when the caller did not say: a payment URI names it
 * (`bitcoin:…?amount=`, read by the normaliser); bech32 comes in upper case from QR codes.
 */
export function guessChain(address: string): string | undefined {
  const uri = /^([a-zA-Z]+):/.exec(address);
  if (uri) return walletChain(uri[1]!) ?? undefined;
  if (/^0x[0-9a-fA-F]{40}$/.test(address)) return 'ethereum';
  if (/^(bc1[02-9ac-hj-np-z]{8,87}|BC1[02-9AC-HJ-NP-Z]{8,87})$/.test(address)) return 'bitcoin';
  if (new RegExp(`^[13]${BASE58}{25,34}$`).test(address)) return 'bitcoin';
  if (/^(ltc1[02-9ac-hj-np-z]{8,87}|LTC1[02-9AC-HJ-NP-Z]{8,87})$/.test(address)) return 'litecoin';
  if (new RegExp(`^[LM]${BASE58}{25,34}$`).test(address)) return 'litecoin';
  if (new RegExp(`^D${BASE58}{25,34}$`).test(address)) return 'dogecoin';
  if (new RegExp(`^T${BASE58}{33}$`).test(address)) return 'tron';
  if (/^41[0-9a-fA-F]{40}$/.test(address)) return 'tron';
  if (new RegExp(`^[48]${BASE58}{94}$`).test(address)) return 'monero';
  return undefined;
}

interface PreparedQuery {
  keys: ProbeKey[];
  warnings: string[];
}

/** Turns what the caller sent into search keys, the same way records' identifiers were made. */
export function prepareQuery(query: IdentifierQuery, field: string): PreparedQuery | FieldError {
  if (query.scheme === 'mrz') {
    const mrz = parseMrz(query.value);
    if (!mrz.ok) return { field, message: mrz.error };
    // ICAO's specimen state (Utopia) and issuers that are not states (the UN, INTERPOL, the
    // EU, documents for the stateless) are no member's: the number is checked without a country.
    const specimen = mrz.issuingCountry === 'ZZ';
    const doc = normaliseIdentifier(
      'document',
      mrz.documentNumber,
      specimen ? {} : { country: mrz.issuingCountry },
    );
    if (!doc.ok) return { field, message: doc.error };
    const warnings =
      mrz.checkDigitErrors.length > 0 ? [`MRZ check digits failed: ${mrz.checkDigitErrors.join(', ')}`] : [];
    if (specimen)
      warnings.push(
        mrz.issuer === 'UTO'
          ? 'issuing state UTO is ICAO’s specimen state: the number was checked without a country'
          : `issued by ${NON_STATE_ISSUERS[mrz.issuer]} (${mrz.issuer}), not a state: the number was checked without a country`,
      );
    return { keys: doc.identifiers, warnings: [...warnings, ...doc.warnings] };
  }
  const scheme = query.scheme as Scheme;
  // A bad country or chain is the error of that field, not of the value.
  const sibling = (name: string) => field.replace(/value$/, name);
  if (query.country !== undefined) {
    const country = checkCountry(query.country);
    if (!country.ok) return { field: sibling('country'), message: country.error };
  }
  if (scheme === 'wallet' && query.chain !== undefined && !walletChain(query.chain))
    return {
      field: sibling('chain'),
      message: `unknown chain ${query.chain}: one of ${WALLET_CHAINS.join(', ')}`,
    };
  const chain = scheme === 'wallet' ? (query.chain ?? guessChain(query.value.trim())) : undefined;
  if (scheme === 'wallet' && !chain)
    return { field: sibling('chain'), message: 'say which chain (bitcoin, ethereum, …)' };
  const result = normaliseIdentifier(scheme, query.value, {
    ...(query.country ? { country: query.country } : {}),
    ...(chain ? { chain } : {}),
  });
  if (!result.ok) return { field, message: result.error };
  const warnings = [...result.warnings];
  if (scheme === 'ip') {
    const notInside = insideNotSearched(result.identifiers[0]!.value);
    if (notInside) warnings.push(notInside);
  }
  return { keys: [...result.identifiers, ...coveringKeys(result.identifiers)], warnings };
}

export function queryFingerprint(keys: string[]): string {
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32);
}

interface CandidateRow {
  idx: number;
  record_id: string;
}

interface MatchedRecord {
  id: string;
  kind: string;
  owner_agency: string;
  data: unknown;
  summary: string;
  policy: unknown;
  notifications_muted: boolean;
}

/**
 * What to do with a query that cannot be read: `reject` the whole batch with a 400 naming
 * every such query (the default, and what other systems were built against), or `report`
 * it as that query's `invalid` outcome and answer the others — a border system checking a
 * flight's manifest should not lose 300 checks to one passenger's mistyped number.
 */
export type InvalidQueries = 'reject' | 'report';

export interface IdentifierSearchOptions {
  invalid?: InvalidQueries;
  /** Queries already found malformed in shape (a value too long, a bad country), by position. */
  malformed?: ReadonlyMap<number, FieldError[]>;
}

/**
 * Hit/no-hit checks for up to 10,000 identifiers in one round trip per table: the queries
 * travel as arrays and are joined to the identifiers index. Every hit, visible or not,
 * notifies the owner; the search itself is audited before the answer leaves.
 */
/** One probe key as text, to find identical queries (a batch of 10,000 pays this per query). */
function probeKey(k: ProbeKey): string {
  return `${k.scheme}\u0000${k.country ?? ''}\u0000${k.via ?? ''}\u0000${k.value}`;
}

export async function searchIdentifiers(
  ctx: Context,
  principal: Principal,
  queries: IdentifierQuery[],
  options: IdentifierSearchOptions = {},
) {
  // Position for position with the queries; an unreadable query has no keys to probe.
  const prepared: PreparedQuery[] = [];
  const unreadable = new Map<number, FieldError[]>();
  let searchingInside = 0;
  queries.forEach((query, i) => {
    const field = `/body/queries/${i}/value`;
    const malformed = options.malformed?.get(i);
    let p = malformed ? malformed : prepareQuery(query, field);
    // Each query that searches inside a range may read hundreds of records: so many per request.
    if (
      !Array.isArray(p) &&
      !('field' in p) &&
      p.keys.some((k) => k.scheme === 'ip' && searchesInside(k.value))
    )
      if (++searchingInside > INSIDE_RANGE_QUERIES) p = { field, message: INSIDE_RANGE_TOO_MANY };
    if (Array.isArray(p) || 'field' in p) {
      unreadable.set(i, Array.isArray(p) ? p : [p]);
      prepared.push({ keys: [], warnings: [] });
    } else prepared.push(p);
  });
  if (unreadable.size > 0 && options.invalid !== 'report')
    throw problems.validation([...unreadable.values()].flat().slice(0, 100));

  // Identical queries are probed once: each distinct one has a slot, shared by its copies.
  const slotOf = new Map<string, number>();
  const positions: number[][] = [];
  const probes: ProbeSet = { queryCount: 0, idx: [], schemes: [], values: [], countries: [], vias: [] };
  prepared.forEach((p, i) => {
    if (p.keys.length === 0) return;
    const signature = p.keys.length === 1 ? probeKey(p.keys[0]!) : p.keys.map(probeKey).join('\u0001');
    let slot = slotOf.get(signature);
    if (slot === undefined) {
      slot = positions.length;
      slotOf.set(signature, slot);
      positions.push([]);
      for (const key of p.keys) {
        probes.idx.push(slot);
        probes.schemes.push(key.scheme);
        probes.values.push(key.value);
        probes.countries.push(key.country ?? '');
        probes.vias.push(key.via ?? '');
      }
    }
    positions[slot]!.push(i);
  });
  probes.queryCount = positions.length;
  // The fingerprint is of every query's keys, copies included, as before.
  const fingerprintKeys = prepared.flatMap((p) =>
    p.keys.map((k) => `${k.scheme}:${k.country ?? ''}:${k.value}`),
  );
  // A large batch goes on its own; small checks from concurrent requests share a statement.
  const probed: ProbeAnswer =
    probes.idx.length === 0
      ? { candidates: [], records: [], dense: [] }
      : probes.idx.length > 64
        ? (await runProbes(ctx, [probes]))[0]!
        : await coalescerFor(ctx, 'identifier-probes', (sets: readonly ProbeSet[]) =>
            runProbes(ctx, sets),
          ).load(probes);

  // A range holding too many records is refused like an unreadable query — before anything
  // of the request is written (notifications, audit) — and nothing of it is answered.
  for (const slot of probed.dense)
    for (const i of positions[slot]!)
      unreadable.set(i, [{ field: `/body/queries/${i}/value`, message: INSIDE_RANGE_DENSE }]);
  if (probed.dense.length > 0 && options.invalid !== 'report')
    throw problems.validation([...unreadable.values()].flat().slice(0, 100));
  const refused = new Set(probed.dense);
  const candidates = probed.candidates
    .filter((c) => !refused.has(c.idx))
    .flatMap((c) => positions[c.idx]!.map((i) => ({ ...c, idx: i })));

  const byId = new Map<string, MatchedRecord>(probed.records.map((r) => [r.id, r]));
  const owners = await loadOwners(ctx, [...new Set(probed.records.map((r) => r.owner_agency))]);

  const now = ctx.clock.now();
  const notifications: HitNotificationRow[] = [];
  const notified = new Map<string, string>(); // record id → hit ref, one notification per record per request
  const access = new Map<string, RecordAccess>();

  const results: SearchResult[] = prepared.map((p, i) => {
    const errors = unreadable.get(i);
    if (errors) return { outcome: 'invalid', errors };
    return { outcome: 'no-hit', ...(p.warnings.length ? { warnings: p.warnings } : {}) };
  });
  const seen = new Set<string>();
  // A record found by the query's own key and as what covers it (a recorded range holding a
  // recorded address) is an exact hit: exact matches first.
  candidates.sort((a, b) => (a.via ? 1 : 0) - (b.via ? 1 : 0));
  const answeredInside = new Map<number, number>(); // query → records it answered from inside its range
  for (const { idx: i, record_id, via } of candidates) {
    const record = byId.get(record_id);
    if (!record || seen.has(`${i}:${record_id}`)) continue;
    seen.add(`${i}:${record_id}`);
    const owner = owners.get(record.owner_agency)!;
    let level = access.get(record_id);
    if (!level) {
      level = recordAccess(principal, owner, record.policy as RecordPolicy);
      access.set(record_id, level);
    }
    if (via === 'inside-range') {
      // Past the limit the search stops: what follows is no part of the answer (nor of the
      // owners' notifications). Only records the caller may know of count, and only they
      // make the result `truncated`: one it may not see must not show through the flag.
      const answered = answeredInside.get(i) ?? 0;
      if (answered >= INSIDE_RANGE_LIMIT) {
        if (level !== 'none') results[i]!.truncated = true;
        continue;
      }
      if (level !== 'none') answeredInside.set(i, answered + 1);
    }
    let hitRef = notified.get(record_id);
    if (!hitRef && !isOwnerSide(principal.agency, owner)) {
      hitRef = newId();
      notified.set(record_id, hitRef);
      if (!record.notifications_muted && ownerIsTold(owner, level)) {
        notifications.push({
          id: hitRef,
          record_id,
          owner_agency: record.owner_agency,
          searcher_agency: principal.agency.code,
          ...searcherFor(owner, principal),
          outcome: level === 'full' ? 'hit' : level === 'existence' ? 'restricted-hit' : 'hidden',
          scheme: prepared[i]!.keys[0]?.scheme ?? 'unknown',
          at: now,
        });
      }
    }
    const result = results[i]!;
    if (level === 'full') {
      result.outcome = 'hit';
      result.records ??= [];
      result.records.push({
        id: record.id,
        kind: record.kind,
        owner: record.owner_agency,
        data: record.data as Record<string, unknown>,
        summary: record.summary,
        policy: policySeenBy(principal.agency, owner, record.policy as RecordPolicy),
        ...fromPartner(owner),
        ...(via ? { matched: via as Coverage } : {}),
      });
    } else if (level === 'existence') {
      const ref = hitRef ?? newId();
      result.restricted ??= [];
      // The owner and a reference, nothing else: not even the kind, which says whether the
      // passport checked belongs to a person the owner wants (a person record) or was stolen.
      result.restricted.push({ owner: record.owner_agency, hitRef: ref });
      if (result.outcome === 'no-hit') {
        result.outcome = 'restricted-hit';
        result.owner = record.owner_agency;
        result.hitRef = ref;
      }
    }
  }

  const recorded = recordHitNotifications(ctx, notifications);

  const counts = { hit: 0, 'restricted-hit': 0, 'no-hit': 0, invalid: 0 };
  for (const r of results) counts[r.outcome]++;
  const audited = ctx.audit.record({
    principal,
    action: 'search.identifiers',
    outcome: 'success',
    queryFingerprint: queryFingerprint(fingerprintKeys),
    resultCount: counts.hit + counts['restricted-hit'],
    details: {
      queries: queries.length,
      hits: counts.hit,
      restrictedHits: counts['restricted-hit'],
      noHits: counts['no-hit'],
      ...(counts.invalid ? { invalid: counts.invalid } : {}),
    },
  });
  // Both durable before the answer leaves; written side by side, each in its own group.
  await Promise.all([recorded, audited]);
  return { results };
}

interface ProbeSet {
  /** How many queries the set's idx values refer to (0 … queryCount-1). */
  queryCount: number;
  idx: number[];
  schemes: string[];
  values: string[];
  countries: string[];
  /** How each key covers its query ('' for the query's own key). */
  vias: string[];
}

type Candidate = CandidateRow & { via: string };

interface ProbeAnswer {
  /** Which query found which record, and how (`via`); records not active found nothing. */
  candidates: Candidate[];
  /** The active records found, each once. */
  records: MatchedRecord[];
  /** Queries whose range holds more than INSIDE_RANGE_READ records: refused. */
  dense: number[];
}

/**
 * One round trip for the probes of several requests: every query's keys joined to the
 * identifiers index (IP addresses and ranges also to the recorded ranges holding them, a
 * range to the addresses and ranges recorded inside it), and the records found, each once.
 * The inside of a range reads record ids only, at most INSIDE_RANGE_READ + 1 distinct
 * active ones: one more says the range is too dense, and its records are not fetched.
 * Each set's query numbers are shifted into one numbering and back.
 */
async function runProbes(ctx: Context, sets: readonly ProbeSet[]): Promise<ProbeAnswer[]> {
  const idx: number[] = [];
  const schemes: string[] = [];
  const values: string[] = [];
  const countries: string[] = [];
  const vias: string[] = [];
  const ipIdx: number[] = [];
  const ips: string[] = [];
  const rangeIdx: number[] = [];
  const ranges: string[] = [];
  const setOf: number[] = [];
  const bases: number[] = [];
  let base = 0;
  sets.forEach((set, s) => {
    bases.push(base);
    for (let k = 0; k < set.idx.length; k++) {
      const global = base + set.idx[k]!;
      idx.push(global);
      schemes.push(set.schemes[k]!);
      values.push(set.values[k]!);
      countries.push(set.countries[k]!);
      vias.push(set.vias[k]!);
      if (set.schemes[k] === 'ip') {
        ipIdx.push(global);
        ips.push(set.values[k]!);
        if (searchesInside(set.values[k]!)) {
          rangeIdx.push(global);
          ranges.push(set.values[k]!);
        }
      }
    }
    for (let q = 0; q < set.queryCount; q++) setOf.push(s);
    base += set.queryCount;
  });
  // A recorded range equal to a queried one is an exact hit; a wider one holds the query.
  const rangeProbe = ipIdx.length
    ? sql`UNION ALL
      SELECT q.idx, r.record_id, CASE WHEN r.range = q.ip THEN '' ELSE 'range' END AS via
      FROM unnest(${ipIdx}::int[], ${ips}::inet[]) AS q(idx, ip)
      JOIN record_ip_ranges r ON r.range >>= q.ip`
    : sql``;
  // What lies inside a queried range: recorded addresses (record_identifiers read as inet,
  // migrations/0045 — the literal 'ip' is the partial index's condition, so that a generic
  // plan uses it too, and the CASE its expression, which a lossy bitmap scan rechecks on
  // every row of a page, whatever its scheme) and narrower recorded ranges. Distinct active
  // records, one more than a range may hold; WIDEST_QUERY_PREFIX bounds the index scans.
  const insideProbe = rangeIdx.length
    ? sql`
      SELECT q.idx, inside.record_id, count(*) OVER (PARTITION BY q.idx) AS n
      FROM unnest(${rangeIdx}::int[], ${ranges}::cidr[]) AS q(idx, range)
      CROSS JOIN LATERAL (
        SELECT DISTINCT found.record_id FROM (
          SELECT i.record_id FROM record_identifiers i
          WHERE i.scheme = 'ip' AND (CASE WHEN i.scheme = 'ip' THEN i.value::inet END) << q.range
          UNION ALL
          SELECT n.record_id FROM record_ip_ranges n WHERE n.range << q.range
        ) found
        JOIN records a ON a.id = found.record_id AND a.status = 'active'
        LIMIT ${INSIDE_RANGE_READ + 1}
      ) inside`
    : sql`SELECT NULL::int AS idx, NULL::uuid AS record_id, NULL::bigint AS n WHERE false`;
  const rows = (
    await sql<{ idx: number | null; record_id: string; via: string | null } & Omit<MatchedRecord, 'id'>>`
      WITH inside AS MATERIALIZED (${insideProbe}),
      probe AS MATERIALIZED (
        SELECT q.idx, i.record_id, q.via
        FROM unnest(${idx}::int[], ${schemes}::text[], ${values}::text[], ${countries}::text[], ${vias}::text[]) AS q(idx, scheme, value, country, via)
        -- One index probe per key, whatever the planner estimates: knowing a batch's 10,000
        -- keys, it would otherwise sort the whole identifiers table for a merge join.
        CROSS JOIN LATERAL (
          SELECT i.record_id FROM record_identifiers i
          WHERE i.scheme = q.scheme AND i.value = q.value
            AND (q.country = '' OR i.country = '' OR i.country = q.country)
          OFFSET 0
        ) i
        ${rangeProbe}
        UNION ALL
        SELECT idx, record_id, 'inside-range' FROM inside WHERE n <= ${INSIDE_RANGE_READ}
        UNION ALL
        SELECT DISTINCT idx, NULL::uuid, 'dense' FROM inside WHERE n > ${INSIDE_RANGE_READ}
      )
      SELECT idx, record_id, via, NULL AS kind, NULL AS owner_agency, NULL::jsonb AS data, NULL AS summary,
        NULL::jsonb AS policy, NULL::boolean AS notifications_muted
      FROM probe
      UNION ALL
      SELECT NULL, r.id, NULL, r.kind, r.owner_agency, r.data, r.summary, r.policy, r.notifications_muted
      FROM records r
      WHERE r.status = 'active' AND r.id IN (SELECT record_id FROM probe WHERE record_id IS NOT NULL)`.execute(
      ctx.db,
    )
  ).rows;
  const out: ProbeAnswer[] = sets.map(() => ({ candidates: [], records: [], dense: [] }));
  const bodies = new Map<string, MatchedRecord>();
  for (const row of rows) {
    if (row.idx === null) {
      bodies.set(row.record_id, {
        id: row.record_id,
        kind: row.kind,
        owner_agency: row.owner_agency,
        data: row.data,
        summary: row.summary,
        policy: row.policy,
        notifications_muted: row.notifications_muted,
      });
      continue;
    }
    const s = setOf[row.idx]!;
    const local = row.idx - bases[s]!;
    if (row.via === 'dense') out[s]!.dense.push(local);
    else out[s]!.candidates.push({ idx: local, record_id: row.record_id, via: row.via ?? '' });
  }
  // Each set gets the records its own candidates found.
  for (const answer of out) {
    const mine = new Set<string>();
    for (const c of answer.candidates) {
      const record = bodies.get(c.record_id);
      if (record && !mine.has(c.record_id)) {
        mine.add(c.record_id);
        answer.records.push(record);
      }
    }
  }
  return out;
}

/** Writes hit notifications (and their events); those of concurrent searches share a statement. */
export function recordHitNotifications(
  ctx: Context,
  rows: HitNotificationRow[],
): Promise<undefined> | undefined {
  if (rows.length === 0) return undefined;
  return coalescerFor(ctx, 'hit-notifications', (sets: readonly HitNotificationRow[][]) =>
    insertHitNotifications(ctx, sets),
  ).load(rows);
}

export interface HitNotificationRow {
  id: string;
  record_id: string;
  owner_agency: string;
  searcher_agency: string;
  searcher_id: string | null;
  searcher_name: string | null;
  outcome: string;
  scheme: string;
  at: Date;
}

/** The notifications of several searches and their outbox events, in one statement (atomic on its own). */
async function insertHitNotifications(
  ctx: Context,
  sets: readonly HitNotificationRow[][],
): Promise<undefined[]> {
  const n = sets.flat();
  await sql`
    WITH inserted AS (
      INSERT INTO hit_notifications (id, record_id, owner_agency, searcher_agency, searcher_id, searcher_name, outcome, scheme, at)
      SELECT * FROM unnest(${n.map((x) => x.id)}::uuid[], ${n.map((x) => x.record_id)}::uuid[], ${n.map((x) => x.owner_agency)}::text[],
                  ${n.map((x) => x.searcher_agency)}::text[], ${n.map((x) => x.searcher_id)}::text[], ${n.map((x) => x.searcher_name)}::text[],
                  ${n.map((x) => x.outcome)}::text[], ${n.map((x) => x.scheme)}::text[], ${n.map((x) => x.at.toISOString())}::timestamptz[])
      RETURNING id, record_id, owner_agency, searcher_agency, outcome, scheme, at
    )
    INSERT INTO outbox (id, type, agency, payload, created_at)
    SELECT gen_random_uuid(), 'hit-notification', owner_agency,
      jsonb_build_object('id', id, 'recordId', record_id, 'outcome', outcome, 'searcherAgency', searcher_agency,
        'scheme', scheme, 'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      at
    FROM inserted`.execute(ctx.db);
  return sets.map(() => undefined);
}

/** Owners of matched records; agencies change rarely, so the whole directory is cached briefly. */
export async function loadOwners(ctx: Context, codes: string[]): Promise<Map<string, RecordOwner>> {
  if (codes.length === 0) return new Map();
  const directory = await cacheFor<string, Map<string, RecordOwner>>(
    ctx,
    'record-owners',
    ctx.clock,
    HOT_ROW_TTL_MS,
  ).get('all', async () => {
    const rows = await ctx.db
      .selectFrom('agencies')
      .select(['code', 'country', 'parent_code', 'kind'])
      .execute();
    return new Map(
      rows.map((r) => [
        r.code,
        { code: r.code, country: r.country, parentCode: r.parent_code, kind: r.kind },
      ]),
    );
  });
  const out = new Map<string, RecordOwner>();
  for (const code of codes) out.set(code, directory.get(code) ?? { code, country: null, parentCode: null });
  return out;
}

/** What a free-text search box input most likely is, in the order to try. */
export function recogniseQuery(text: string): IdentifierQuery[] {
  // Indicators arrive defanged from threat reports (evil[.]com, hxxps://, 198[.]51[.]100[.]7):
  // read them as written before they were made safe to paste.
  const q = text
    .trim()
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, '.')
    .replace(/\[@\]|\(@\)/g, '@')
    .replace(/\[:\]/g, ':')
    .replace(/^hxxp/i, 'http')
    .replace(/^fxp/i, 'ftp');
  const compact = q.replace(/[\s-]/g, '');
  const out: IdentifierQuery[] = [];
  // Each guess is kept only if its scheme's normaliser takes it (free-search.ts): generous
  // guesses cost nothing, a missed one shows the officer "nothing" for a recorded item.
  if (q.includes('\n') || (/^[A-Z0-9<]{30,44}$/.test(compact) && compact.includes('<')))
    out.push({ scheme: 'mrz', value: q });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(q)) out.push({ scheme: 'url', value: q });
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q)) out.push({ scheme: 'email', value: q });
  if (
    /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(q) ||
    (/^\[?[0-9a-f:.]+(%[\w.]+)?\]?(\/\d{1,3})?$/i.test(q) && q.includes(':'))
  )
    out.push({ scheme: 'ip', value: q });
  if (guessChain(q) !== undefined) out.push({ scheme: 'wallet', value: q });
  if (
    /^((md5|sha-?1|sha-?256|sha-?512)\s*[:=]?\s*)?([a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{128})$/i.test(
      q,
    )
  )
    out.push({ scheme: 'hash', value: q });
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/i.test(compact)) out.push({ scheme: 'iban', value: q });
  if (/^[A-Z0-9]{4,11}\s*:\s*[A-Z0-9 -]{4,40}$/i.test(q)) out.push({ scheme: 'account', value: q });
  if (/^(\+|00|011)\s*\d[\d\s().-]{6,}$/.test(q) || /^tel:/i.test(q)) out.push({ scheme: 'phone', value: q });
  if (/^(IMO\s*(No\.?|number)?\s*[:#]?\s*)?\d{7}$/i.test(q)) out.push({ scheme: 'imo', value: q });
  if (/^[A-HJ-NPR-Z0-9]{17}$/i.test(compact)) out.push({ scheme: 'vin', value: q });
  if (!q.includes(' ') && /^[^\s/@]+\.[a-z\u00a1-\uffff]{2,}\.?$/i.test(q) && !/^\d/.test(q))
    out.push({ scheme: 'domain', value: q });
  // Numbers and plates of any script (Cyrillic, Greek, Arabic, full-width), with a digit.
  if (/^[\p{L}\p{N}][\p{L}\p{N} .<\-/]{3,20}$/u.test(q) && /\p{N}/u.test(q)) {
    out.push({ scheme: 'document', value: q });
    out.push({ scheme: 'plate', value: q });
    out.push({ scheme: 'firearm-serial', value: q });
  }
  return out;
}

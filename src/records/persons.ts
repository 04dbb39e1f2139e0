import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import {
  isOwnerSide,
  ownerIsTold,
  policySeenBy,
  type RecordAccess,
  type RecordPolicy,
  recordAccess,
  searcherFor,
} from '../access/records.ts';
import { ownAndUnitCodes } from '../identity/agencies.ts';
import {
  type Band,
  bandOf,
  EARLIEST_BIRTH_YEAR,
  type Explanation,
  frequencyKey,
  MAX_CANDIDATES,
  PER_KEY_LIMIT,
  POSSIBLE,
  type PreparedPerson,
  type PreparedQuery,
  prepareQuery,
  queryBlockingKeys,
  type Sex,
  STRONG,
  scoreOnly,
  scorePerson,
  type TokenFrequency,
} from '../names/index.ts';
import { cacheFor } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import { isRealDate } from '../platform/dates.ts';
import { problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { isCountryCode } from './normalise/text.ts';
import { NAME_SCHEME } from './person-names.ts';
import { type HitNotificationRow, loadOwners, recordHitNotifications } from './search.ts';

/**
 * Person search by name: the query's blocking keys fetch candidates from the index (at most
 * PER_KEY_LIMIT per key, at most MAX_CANDIDATES in all, those sharing the most weighty keys
 * first), the names library scores them in TypeScript, and the access policy decides what
 * the searcher learns of each — as for every other search, with hit notifications and an
 * audit entry before the answer leaves. Work per query is bounded however common the name.
 */

export interface PersonQueryInput {
  name: string;
  dateOfBirth?: string;
  sex?: Sex;
  nationality?: string;
  limit?: number;
  /** own: only the caller's side's persons (a notice's subject is one of them). */
  scope?: 'all' | 'own';
}

interface VisibleRecord {
  id: string;
  kind: string;
  owner: string;
  data: Record<string, unknown>;
  summary: string;
  policy: RecordPolicy;
}

export type PersonCandidate =
  | {
      outcome: 'hit';
      recordId: string;
      score: number;
      band: Band;
      explanation: Explanation;
      record: VisibleRecord;
    }
  | { outcome: 'restricted-hit'; owner: string; hitRef: string; score: number; band: Band };

/** Below this a candidate is noise, not a weak match worth an officer's time. */
const MIN_SCORE = 0.3;
/** Token frequencies are counted up to this many persons (beyond it a name is simply common). */
const FREQUENCY_CAP = 50_000;
/** Frequencies and the number of persons change slowly: each process keeps them this long. */
const FREQUENCY_TTL_MS = 10 * 60_000;

interface CandidateRow {
  id: string;
  owner_agency: string;
  policy: unknown;
  notifications_muted: boolean;
  person_match: unknown;
}

/** Retrieval bounds; the defaults are what the API uses (benchmarks try others). */
export interface RetrievalBounds {
  perKey: number;
  maxCandidates: number;
}
/** Index entries read per key (a very common name's key cannot flood the candidates) and
 * candidates scored: the same bounds as the evaluation's (src/names/retrieve.ts). */
const DEFAULT_BOUNDS: RetrievalBounds = { perKey: PER_KEY_LIMIT, maxCandidates: MAX_CANDIDATES };

export async function searchPersons(
  ctx: Context,
  principal: Principal,
  input: PersonQueryInput,
  bounds: RetrievalBounds = DEFAULT_BOUNDS,
) {
  const query = preparePersonQuery(input);
  const limit = input.limit ?? 10;

  const keys = queryBlockingKeys(query);
  const owners = input.scope === 'own' ? await ownSide(ctx, principal) : undefined;
  const [rows, freq] = await Promise.all([
    fetchCandidates(ctx, keys, bounds, owners),
    tokenFrequency(ctx, query),
  ]);
  const scored = rows
    .map((row) => ({ row, score: scoreOnly(query, row.person_match as PreparedPerson, freq) }))
    .filter((c) => c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score);

  const ownerRows = await loadOwners(ctx, [...new Set(scored.map((c) => c.row.owner_agency))]);
  const now = ctx.clock.now();
  const notifications: HitNotificationRow[] = [];
  const candidates: PersonCandidate[] = [];
  const bands = { strong: 0, possible: 0, weak: 0 };
  for (const { row, score } of scored) {
    const owner = ownerRows.get(row.owner_agency)!;
    const level: RecordAccess = recordAccess(principal, owner, row.policy as RecordPolicy);
    const band = bandOf(score);
    // A weak resemblance to a person the searcher may not see is not worth a reference to
    // quote: it is left out, as a hidden person is.
    const returned =
      candidates.length < limit && level !== 'none' && !(level === 'existence' && band === 'weak');
    // The owner hears of searches that found its person — shown or not — when the match is
    // worth a look; weak resemblances are not hits. A restricted hit gives the searcher a
    // reference to quote, so the owner has it too.
    let hitRef: string | undefined;
    const notify = band !== 'weak' && (returned || level === 'none');
    if (notify && !isOwnerSide(principal.agency, owner)) {
      hitRef = newId();
      if (!row.notifications_muted && ownerIsTold(owner, level)) {
        notifications.push({
          id: hitRef,
          record_id: row.id,
          owner_agency: row.owner_agency,
          searcher_agency: principal.agency.code,
          ...searcherFor(owner, principal),
          outcome: level === 'full' ? 'hit' : level === 'existence' ? 'restricted-hit' : 'hidden',
          scheme: NAME_SCHEME,
          at: now,
        });
      }
    }
    if (!returned) {
      if (candidates.length >= limit && level !== 'none') break;
      continue;
    }
    bands[band]++;
    const rounded = Math.round(score * 1000) / 1000;
    if (level === 'full') {
      const { explanation } = scorePerson(query, row.person_match as PreparedPerson, freq);
      candidates.push({
        outcome: 'hit',
        recordId: row.id,
        score: rounded,
        band,
        explanation,
        // Filled in below from the records shown.
        record: {
          id: row.id,
          kind: 'person',
          owner: row.owner_agency,
          data: {},
          summary: '',
          policy: policySeenBy(principal.agency, owner, row.policy as RecordPolicy),
        },
      });
    } else {
      // Existence only: who to ask and what to quote — not the names that matched, nor the
      // precise score: trying variants against it would tell the searcher the record's date
      // of birth, sex, nationality and spelling. The band's floor is all it says.
      candidates.push({
        outcome: 'restricted-hit',
        owner: row.owner_agency,
        hitRef: hitRef ?? newId(),
        score: band === 'strong' ? STRONG : POSSIBLE,
        band,
      });
    }
  }

  const shown = await loadShown(
    ctx,
    candidates.flatMap((c) => (c.outcome === 'hit' ? [c.recordId] : [])),
  );
  for (const c of candidates) {
    const row = c.outcome === 'hit' ? shown.get(c.recordId) : undefined;
    if (c.outcome === 'hit' && row) {
      c.record.kind = row.kind;
      c.record.data = row.data as Record<string, unknown>;
      c.record.summary = row.summary;
    }
  }

  const recorded = recordHitNotifications(ctx, notifications);
  const audited = ctx.audit.record({
    principal,
    action: 'search.persons',
    outcome: 'success',
    queryFingerprint: personQueryFingerprint(query),
    resultCount: candidates.length,
    // The bands of what was shown only: a count of every candidate found would tell the
    // searcher's auditors that a person they may not see matched.
    details: { ...bands, ...(input.scope === 'own' ? { scope: 'own' } : {}) },
  });
  await Promise.all([recorded, audited]);
  return {
    query: {
      name: query.q,
      ...(query.d ? { dateOfBirth: query.d } : {}),
      ...(query.x ? { sex: query.x } : {}),
      ...(query.c?.[0] ? { nationality: query.c[0] } : {}),
    },
    candidates,
  };
}

/**
 * Prepares a search by name — persons, notices — refusing, by field, what cannot be
 * searched: no name at all, an impossible date, an unknown country.
 */
export function preparePersonQuery(input: {
  name: string;
  dateOfBirth?: string;
  nationality?: string;
}): PreparedQuery {
  const query = prepareQuery(input);
  if (!query.n[0]?.t.some((t) => t.r !== 'x' && t.f.length > 0))
    throw problems.invalidField('/body/name', 'must contain at least one name');
  if (input.dateOfBirth && (!query.d || !isRealDate(input.dateOfBirth)))
    throw problems.invalidField(
      '/body/dateOfBirth',
      `must be YYYY, YYYY-MM or YYYY-MM-DD, a real date from ${EARLIEST_BIRTH_YEAR}`,
    );
  if (input.nationality && !isCountryCode(input.nationality))
    throw problems.invalidField(
      '/body/nationality',
      `not an ISO 3166-1 alpha-2 country code: ${input.nationality}`,
    );
  return query;
}

/** What the audit keeps of a name search: who and when, not the name (a fingerprint). */
function personQueryFingerprint(q: PreparedQuery): string {
  return createHash('sha256')
    .update(['name', q.q.toLowerCase(), q.d ?? '', q.x ?? '', q.c?.[0] ?? ''].join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/** Index entries read per key when only the caller's side's persons are wanted. */
const OWN_SCAN_LIMIT = 5000;

/** The owners whose persons an agency may request notices on (records' isOwnerSide). */
async function ownSide(ctx: Context, principal: Principal): Promise<string[]> {
  const codes = await ownAndUnitCodes(ctx, principal);
  return principal.agency.parentCode ? [...codes, principal.agency.parentCode] : codes;
}

/**
 * One round trip: every key's first PER_KEY_LIMIT index entries, the candidates that share the
 * most key weight, and their records (active persons only).
 */
async function fetchCandidates(
  ctx: Context,
  keys: { key: string; weight: number }[],
  bounds: RetrievalBounds,
  owners?: string[],
) {
  if (keys.length === 0) return [];
  // Only some owners' persons: each key's entries are read up to OWN_SCAN_LIMIT and those of
  // other owners skipped, so that a name common across the network does not leave the
  // caller's own person out of the first entries, and the work stays bounded.
  const entries = owners
    ? sql`SELECT i.record_id FROM (
          SELECT record_id FROM record_identifiers
          WHERE scheme = ${NAME_SCHEME} AND value = k.key
          LIMIT ${OWN_SCAN_LIMIT}
        ) i JOIN records o ON o.id = i.record_id AND o.owner_agency = ANY(${owners}::text[])
        LIMIT ${bounds.perKey}`
    : sql`SELECT i.record_id FROM record_identifiers i
        WHERE i.scheme = ${NAME_SCHEME} AND i.value = k.key
        LIMIT ${bounds.perKey}`;
  const { rows } = await sql<CandidateRow>`
    WITH k AS (
      SELECT * FROM unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.weight)}::float8[]) AS k(key, weight)
    ), found AS (
      SELECT k.weight, p.record_id, count(*) OVER (PARTITION BY k.key) AS n
      FROM k CROSS JOIN LATERAL (${entries}) p
    ), c AS (
      -- A key shared by few persons says more than one shared by many: weigh each by its
      -- rarity among what was read, so that many common keys do not outrank one rare one.
      SELECT record_id, sum(weight * (1 + ln(${bounds.perKey}::float8 / n))) AS w
      FROM found
      GROUP BY record_id
      ORDER BY w DESC
      LIMIT ${bounds.maxCandidates}
    )
    SELECT r.id, r.owner_agency, r.policy, r.notifications_muted, r.person_match
    FROM c JOIN records r ON r.id = c.record_id
    WHERE r.status = 'active' AND r.person_match IS NOT NULL`.execute(ctx.db);
  return rows;
}

/** The records shown: read only for the few candidates returned in full. */
async function loadShown(ctx: Context, ids: string[]) {
  if (ids.length === 0) return new Map<string, ShownRow>();
  const rows = await ctx.db
    .selectFrom('records')
    .select(['id', 'kind', 'data', 'summary'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r as ShownRow]));
}

interface ShownRow {
  id: string;
  kind: string;
  data: unknown;
  summary: string;
}

/**
 * Token frequencies learned from the data: the share of persons having each of the query's
 * tokens, counted from the single-token name keys (`t:<code>`, one per person and token) up
 * to FREQUENCY_CAP, over the number of active persons.
 */
async function tokenFrequency(ctx: Context, q: PreparedQuery): Promise<TokenFrequency> {
  const tokens = [...new Set((q.n[0]?.t ?? []).filter((t) => t.r !== 'x').map(frequencyKey))].filter(Boolean);
  const cache = cacheFor<string, number>(ctx, 'name-token-counts', ctx.clock, FREQUENCY_TTL_MS);
  const missing = tokens.filter((t) => cache.peek(t) === undefined);
  const [persons] = await Promise.all([
    personCount(ctx),
    missing.length === 0
      ? undefined
      : sql<{ token: string; n: number | string }>`
          SELECT t.token, (
            SELECT count(*) FROM (
              SELECT 1 FROM record_identifiers i
              WHERE i.scheme = ${NAME_SCHEME} AND i.value = 't:' || t.token
              LIMIT ${FREQUENCY_CAP}
            ) x
          ) AS n
          FROM unnest(${missing}::text[]) AS t(token)`
          .execute(ctx.db)
          .then(({ rows }) => {
            for (const r of rows) cache.set(r.token, Number(r.n));
          }),
  ]);
  return (key) => {
    const n = cache.peek(key);
    return n && persons > 0 ? Math.min(1, n / persons) : undefined;
  };
}

/**
 * Active persons, for token shares. Exact on small databases; on large ones estimated from
 * the planner's statistics (table size times the share of the kind), which ANALYZE and
 * autovacuum keep current, instead of counting millions of rows.
 */
async function personCount(ctx: Context): Promise<number> {
  const cache = cacheFor<string, number>(ctx, 'person-count', ctx.clock, FREQUENCY_TTL_MS);
  return cache.get('persons', async () => {
    const { rows } = await sql<{ tuples: number | string; vals: string | null; freqs: number[] | null }>`
      SELECT c.reltuples::float8 AS tuples, s.most_common_vals::text AS vals, s.most_common_freqs AS freqs
      FROM pg_class c
      LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'records' AND s.attname = 'kind'
      WHERE c.oid = 'records'::regclass`.execute(ctx.db);
    const stats = rows[0];
    const tuples = Number(stats?.tuples ?? -1);
    if (stats?.vals && stats.freqs && tuples >= 200_000) {
      const kinds = stats.vals.replace(/^\{|\}$/g, '').split(',');
      const share = stats.freqs[kinds.indexOf('person')];
      if (share !== undefined) return Math.round(tuples * share);
    }
    const exact = await ctx.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('kind', '=', 'person')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(exact.n);
  });
}

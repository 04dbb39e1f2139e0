import { type Selectable, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { namesInAllowLists, type RecordPolicy, recordAccess } from '../access/records.ts';
import { ownAndUnitCodes } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import type { RecordTable } from '../platform/db-schema.ts';
import { problems } from '../platform/errors.ts';
import type { RecordListQuery } from './schema.ts';
import { loadOwners } from './search.ts';
import { recordDto } from './service.ts';

/**
 * "Shared with us": other agencies' active records whose allow list names the reader's
 * agency — what was marked for it. A private partner sees nothing else, so without this it
 * received what owners shared only by guessing the exact value; a bureau finds what one
 * member sent it alone. Records open to every member are not listed (they are searched).
 * Served by the partial indexes of migrations 0015 and 0049 (`sharedRows`); the policy is
 * checked again, here as everywhere, by `recordAccess`.
 */
export async function listSharedRecords(ctx: Context, principal: Principal, query: RecordListQuery) {
  for (const field of ['status', 'reviewDue', 'externalRef'] as const)
    if (query[field] !== undefined)
      throw problems.invalidField(
        `/query/${field}`,
        'applies to my agency’s own records, not with scope=shared',
      );
  const limit = query.limit ?? 50;
  const names = namesInAllowLists(principal.agency);
  // The owner's side sees its records as its own: not "shared with" it.
  const ownSide = [
    ...(await ownAndUnitCodes(ctx, principal)),
    ...(principal.agency.parentCode ? [principal.agency.parentCode] : []),
  ];
  const since = query.updatedSince ? new Date(query.updatedSince) : undefined;
  const listed = await sharedRows(ctx.db, names, ownSide, query, since, limit + 1);
  // A full listing has nothing to take back; a feed's next poll does.
  const exits = since ? await exitsSince(ctx, names, ownSide, since, query, limit) : [];
  // One page spans the newest ids of both, so that a cursor goes on from where both stopped.
  const span = [...new Set([...listed.map((row) => row.id), ...exits.map((exit) => exit.record_id)])]
    .sort()
    .reverse();
  const last = span.length > limit ? span[limit - 1] : undefined;
  const inPage = (id: string) => last === undefined || id >= last;
  const page = listed.filter((row) => inPage(row.id));
  const owners = await loadOwners(ctx, [
    ...new Set([...page.map((row) => row.owner_agency), ...exits.map((exit) => exit.owner_agency)]),
  ]);
  const items = [];
  for (const row of page) {
    const owner = owners.get(row.owner_agency)!;
    if (recordAccess(principal, owner, row.policy as RecordPolicy) === 'full')
      items.push(recordDto(row, principal, owner));
  }
  // Taken back: what an earlier policy let this reader see in full and the present one does
  // not — never a record it could not have received, and never one it still receives.
  const stillShared = new Set(items.map((item) => item.id));
  const removed = exits
    .filter(
      (exit) =>
        inPage(exit.record_id) &&
        !stillShared.has(exit.record_id) &&
        exit.policies.some(
          (policy) => recordAccess(principal, owners.get(exit.owner_agency)!, policy) === 'full',
        ),
    )
    .map((exit) => ({
      id: exit.record_id,
      owner: exit.owner_agency,
      removedAt: exit.exited_at.toISOString(),
    }));
  // Each owner sees who read its records (as for a read by id): one entry per owner, with the
  // ids it read and those it was told were taken back.
  const byOwner = new Map<string, { ids: string[]; removed: string[] }>();
  const entryOf = (owner: string) => {
    const entry = byOwner.get(owner) ?? { ids: [], removed: [] };
    byOwner.set(owner, entry);
    return entry;
  };
  for (const item of items) entryOf(item.owner).ids.push(item.id);
  for (const gone of removed) entryOf(gone.owner).removed.push(gone.id);
  if (byOwner.size === 0)
    await ctx.audit.record({
      principal,
      action: 'record.list',
      outcome: 'success',
      resultCount: 0,
      details: { scope: 'shared', kind: query.kind ?? null },
    });
  for (const [owner, entry] of byOwner)
    await ctx.audit.record({
      principal,
      action: 'record.list',
      outcome: 'success',
      objectType: 'record',
      objectAgency: owner,
      resultCount: entry.ids.length,
      details: {
        scope: 'shared',
        kind: query.kind ?? null,
        ids: entry.ids,
        ...(entry.removed.length > 0 ? { removed: entry.removed } : {}),
      },
    });
  return {
    items,
    ...(since ? { removed: removed.map(({ id, removedAt }) => ({ id, removedAt })) } : {}),
    nextCursor: last ?? null,
  };
}

/** Who the reader is in allow lists: its agency or bureau, and its country. */
type AllowListNames = ReturnType<typeof namesInAllowLists>;

/** The records of allow-list policies still in force: those the partial indexes hold. */
const SHARED = sql`status = 'active' AND policy ->> 'visibility' = 'allow'`;
/**
 * The same, as only the windows state it (migration 0049): `policy ? 'visibility'` holds for
 * every allow-list policy, and keeps the windows' indexes from the lists' lookup, which the
 * planner would otherwise send walking every allow-list record through them.
 */
const WINDOWED = sql`${SHARED} AND policy ? 'visibility'`;

/** How many allow-list records, newest first, a page reads before asking the lists' indexes. */
export const NEWEST_WINDOW = 5_000;
/** How many allow-list records updated since a feed's last poll are read by their update time. */
export const UPDATED_WINDOW = 10_000;

/**
 * The newest `wanted` records shared with the reader (below the cursor; updated since `since`
 * for a feed's poll). The lists' GIN indexes find every record naming the reader, in no order:
 * a reader named in many (a country in many country lists, a partner fed daily) had them all
 * read and sorted for each page — about 1 s for 78,000 among 2,000,000 records. So:
 * - a page reads the newest allow-list records first (records_shared_newest, at most
 *   `windows.newest`), which fill it for a reader named in many; a reader named in few is
 *   looked up by the lists' indexes below what was read;
 * - a feed's poll reads the allow-list records updated since its last one
 *   (records_shared_updated, at most `windows.updated`): all of them when they are fewer,
 *   else, after a long absence, the lists' indexes answer as before.
 * The window is fenced (materialised, then ids), so that no plan PostgreSQL keeps can turn it
 * into another walk; the lists' lookup is fenced the same way.
 */
export async function sharedRows(
  db: Kdb,
  names: AllowListNames,
  ownSide: string[],
  query: RecordListQuery,
  since: Date | undefined,
  wanted: number,
  windows = { newest: NEWEST_WINDOW, updated: UPDATED_WINDOW },
): Promise<Selectable<RecordTable>[]> {
  // One snapshot for the statements below: a record deleted or re-shared between them would
  // otherwise leave the page short, and a short page reads as the last one.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const size = since ? windows.updated : windows.newest;
      const [read] = (await sharedWindowStatement(names, ownSide, query, since, size, wanted).execute(trx))
        .rows;
      let ids = read!.ids;
      const whole = Number(read!.seen) <= size; // the window held every record it could
      // The newest records fill the page: what lies below them comes after it.
      const filled = !since && ids.length === wanted;
      if (!whole && !filled) {
        // Below the newest records (a reader named in few), or a feed's poll after a long absence:
        // the lists' indexes, for what the window could not say.
        const below = since ? undefined : read!.lowest!;
        const more = (
          await sharedByListsStatement(
            names,
            ownSide,
            query,
            since,
            below,
            since ? wanted : wanted - ids.length,
          ).execute(trx)
        ).rows.map((r) => r.id);
        ids = since ? more : [...ids, ...more];
      }
      if (ids.length === 0) return [];
      return (
        await sql<Selectable<RecordTable>>`
        SELECT * FROM records WHERE id = ANY(${ids}::uuid[]) AND ${SHARED} ORDER BY id DESC`.execute(trx)
      ).rows;
    });
}

/** What a shared record must be besides allow-listed: named for the reader, as the query says. */
function sharedMatches(
  names: AllowListNames,
  ownSide: string[],
  query: RecordListQuery,
  since: Date | undefined,
) {
  return sql`${namesReader(names)}
    AND owner_agency <> ALL(${ownSide}::text[])
    ${query.kind ? sql`AND kind = ${query.kind}` : sql``}
    ${since ? sql`AND updated_at >= ${since}` : sql``}`;
}

/** Below the cursor, and below what the window read. */
function idsBelow(...bounds: (string | undefined)[]) {
  return sql.join(
    bounds.filter((b) => b !== undefined).map((b) => sql`AND id < ${b}`),
    sql` `,
  );
}

/**
 * The window (`size` allow-list records: the newest below the cursor, or a feed's updated
 * since `since`), materialised; how many it held, its lowest id, and the ids of the newest
 * `wanted` of them shared with the reader.
 */
export function sharedWindowStatement(
  names: AllowListNames,
  ownSide: string[],
  query: RecordListQuery,
  since: Date | undefined,
  size: number,
  wanted: number,
) {
  const window = since
    ? sql`SELECT id, owner_agency, kind, policy, updated_at FROM records
        WHERE ${WINDOWED} AND updated_at >= ${since} ORDER BY updated_at LIMIT ${size + 1}`
    : sql`SELECT id, owner_agency, kind, policy, updated_at FROM records
        WHERE ${WINDOWED} ${query.cursor ? sql`AND id < ${query.cursor}` : sql``} ORDER BY id DESC LIMIT ${size + 1}`;
  return sql<{ seen: number | string; lowest: string | null; ids: string[] }>`
    WITH w AS MATERIALIZED (${window})
    SELECT (SELECT count(*) FROM w) AS seen,
      (SELECT id FROM w ORDER BY id LIMIT 1) AS lowest,
      ARRAY(SELECT id FROM w WHERE ${sharedMatches(names, ownSide, query, since)} ${idsBelow(query.cursor)}
        ORDER BY id DESC LIMIT ${wanted}) AS ids`;
}

/**
 * The newest `wanted` ids shared with the reader (below `below`), by the lists' GIN indexes:
 * every record naming the reader is read and sorted, so this is for what the windows cannot
 * say — a reader named in few records, a feed back after a long absence, or a rare kind (the
 * windows are not by kind).
 */
export function sharedByListsStatement(
  names: AllowListNames,
  ownSide: string[],
  query: RecordListQuery,
  since: Date | undefined,
  below: string | undefined,
  wanted: number,
) {
  // Fenced, the id bounds outside: with them or the order beside it, a plan walked
  // records_shared_newest and filtered every allow-list record — the walk the window bounds.
  return sql<{ id: string }>`
    SELECT id FROM (
      SELECT id FROM records WHERE ${SHARED} AND ${sharedMatches(names, ownSide, query, since)}
      OFFSET 0
    ) named
    WHERE true ${idsBelow(query.cursor, below)}
    ORDER BY id DESC LIMIT ${wanted}`;
}

/**
 * A policy (of a record, or one a record left under) whose allow lists name the reader: its
 * agency or bureau, or its country. Written on `policy` so that the lists' GIN indexes serve
 * it, records' (migration 0015) and exits' (0042) alike.
 */
function namesReader(names: AllowListNames) {
  return sql`((policy -> 'agencies') ?| ${names.agencies}::text[]
    ${names.countries.length > 0 ? sql`OR (policy -> 'countries') ?| ${names.countries}::text[]` : sql``})`;
}

interface FeedExit {
  record_id: string;
  owner_agency: string;
  exited_at: Date;
  /** The policies the record was shared under before each time it left. */
  policies: RecordPolicy[];
}

/**
 * The records that left an allow list naming the reader since a time (migration 0042), newest
 * id first, one line per record with every policy it left under: read by the same list
 * indexes as the records themselves.
 */
async function exitsSince(
  ctx: Context,
  names: AllowListNames,
  ownSide: string[],
  since: Date,
  query: RecordListQuery,
  limit: number,
): Promise<FeedExit[]> {
  return (
    await sql<FeedExit>`
      SELECT record_id, owner_agency, max(exited_at) AS exited_at, jsonb_agg(policy) AS policies
      FROM record_feed_exits
      WHERE ${namesReader(names)}
        AND owner_agency <> ALL(${ownSide}::text[])
        AND exited_at >= ${since}
        ${query.kind ? sql`AND kind = ${query.kind}` : sql``}
        ${query.cursor ? sql`AND record_id < ${query.cursor}` : sql``}
      GROUP BY record_id, owner_agency
      ORDER BY record_id DESC LIMIT ${limit + 1}`.execute(ctx.db)
  ).rows.map((row) => ({ ...row, exited_at: new Date(row.exited_at) }));
}

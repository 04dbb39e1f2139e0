import { sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { type RecordPolicy, recordAccess } from '../access/records.ts';
import { ownAndUnitCodes } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import { problems } from '../platform/errors.ts';
import { loadOwners } from './search.ts';

/** The unread count stops here (the list's `unread` says at least this many). */
export const UNREAD_COUNTED_UP_TO = 10_000;

type HitQuery = { unread?: boolean; recordId?: string; limit?: number; cursor?: string };

/**
 * A page of the owners' hit notifications, newest first: each owner's newest from its own index
 * entries (hit_notifications_owner, or hit_notifications_unread for unread only), or one
 * record's from its entries (hit_notifications_record), and only their ids merged; the page's
 * rows are then fetched by id. Filtered with `owner_agency IN (…)` and sorted, PostgreSQL walked
 * every notification of the network newest first for a bureau with its units (an IN list is
 * not read in id order from the owner's index): 0.3-0.7 s at 2,000,000 notifications for one
 * with none unread, under its own plans and kept ones alike.
 */
export function hitNotificationsStatement(owners: string[], query: HitQuery, size: number) {
  const filters = sql`${query.unread ? sql`AND read_at IS NULL` : sql``}
    ${query.cursor ? sql`AND id < ${query.cursor}` : sql``}`;
  const ids = query.recordId
    ? sql`SELECT id FROM hit_notifications
        WHERE record_id = ${query.recordId} AND owner_agency = ANY(${owners}::text[]) ${filters}
        ORDER BY id DESC LIMIT ${size}`
    : sql`SELECT p.id FROM unnest(${owners}::text[]) AS o(owner)
        CROSS JOIN LATERAL (
          SELECT id FROM hit_notifications WHERE owner_agency = o.owner ${filters}
          ORDER BY id DESC LIMIT ${size}
        ) p
        ORDER BY p.id DESC LIMIT ${size}`;
  return sql<HitRow>`
    SELECT n.id, n.record_id, r.summary, r.kind, r.data, r.policy, n.owner_agency, n.searcher_agency,
      n.searcher_name, n.outcome, n.scheme, n.at, n.read_at
    FROM hit_notifications n JOIN records r ON r.id = n.record_id
    WHERE n.id = ANY(ARRAY(${ids}))
    ORDER BY n.id DESC`;
}

interface HitRow {
  id: string;
  record_id: string;
  summary: string;
  kind: string;
  data: unknown;
  policy: unknown;
  owner_agency: string;
  searcher_agency: string;
  searcher_name: string | null;
  outcome: string;
  scheme: string;
  at: Date;
  read_at: Date | null;
}

export async function listHitNotifications(ctx: Context, principal: Principal, query: HitQuery) {
  const limit = query.limit ?? 50;
  const agencies = await ownAndUnitCodes(ctx, principal); // a bureau receives its units' too
  const rows = (await hitNotificationsStatement(agencies, query, limit + 1).execute(ctx.db)).rows;
  const page = rows.slice(0, limit);
  // Counted up to a bound: a count reads every unread notification (an index entry each), and
  // an agency whose records are hit at every border and never read would pay for millions on
  // every list. The bell shows "99+" long before.
  const unread = await ctx.db
    .selectFrom(
      ctx.db
        .selectFrom('hit_notifications')
        .select('id')
        .where('owner_agency', 'in', agencies)
        .where('read_at', 'is', null)
        .limit(UNREAD_COUNTED_UP_TO)
        .as('u'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await ctx.audit.record({
    principal,
    action: 'hit-notification.list',
    outcome: 'success',
    resultCount: page.length,
    ...(query.recordId ? { objectType: 'record', objectId: query.recordId } : {}),
  });
  // The notified are the owner's side, but reading the record's data is still the policy's
  // call (a role may follow hits without reading records).
  const owners = await loadOwners(ctx, [...new Set(page.map((n) => n.owner_agency))]);
  const readable = (n: (typeof page)[number]) =>
    recordAccess(principal, owners.get(n.owner_agency)!, n.policy as RecordPolicy) === 'full';
  return {
    items: page.map((n) => ({
      id: n.id,
      recordId: n.record_id,
      recordSummary: n.summary,
      ...(readable(n) ? { recordKind: n.kind, recordData: n.data as Record<string, unknown> } : {}),
      owner: n.owner_agency,
      searcherAgency: n.searcher_agency,
      searcherName: n.searcher_name,
      outcome: n.outcome as 'hit' | 'restricted-hit' | 'hidden',
      scheme: n.scheme,
      at: n.at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
    unread: Number(unread.n),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export async function markHitNotificationRead(ctx: Context, principal: Principal, id: string): Promise<void> {
  const agencies = await ownAndUnitCodes(ctx, principal); // a bureau receives its units' too
  const result = await ctx.db
    .updateTable('hit_notifications')
    .set({ read_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('owner_agency', 'in', agencies)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await ctx.db
      .selectFrom('hit_notifications')
      .select('id')
      .where('id', '=', id)
      .where('owner_agency', 'in', agencies)
      .executeTakeFirst();
    if (!exists) throw problems.notFound('hit notification');
  }
}

/**
 * Marks read every unread notification the caller's agency (a bureau: and its units) has up
 * to and including `upTo` — the newest one the reader has seen, so that one arriving while
 * they read stays unread — optionally for one record only. Returns how many were marked.
 */
export async function markHitNotificationsRead(
  ctx: Context,
  principal: Principal,
  input: { upTo: string; recordId?: string },
): Promise<number> {
  const agencies = await ownAndUnitCodes(ctx, principal);
  let q = ctx.db
    .updateTable('hit_notifications')
    .set({ read_at: ctx.clock.now() })
    .where('owner_agency', 'in', agencies)
    .where('read_at', 'is', null)
    .where('id', '<=', input.upTo);
  if (input.recordId) q = q.where('record_id', '=', input.recordId);
  const result = await q.executeTakeFirst();
  const marked = Number(result.numUpdatedRows);
  await ctx.audit.record({
    principal,
    action: 'hit-notification.read-all',
    outcome: 'success',
    resultCount: marked,
    ...(input.recordId ? { objectType: 'record', objectId: input.recordId } : {}),
  });
  return marked;
}

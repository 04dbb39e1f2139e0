import { sql } from 'kysely';
import type { Context } from './context.ts';
import type { Kdb } from './db.ts';
import { newId } from './ids.ts';
import type { Job } from './jobs.ts';

export interface OutboxEvent {
  type: string;
  /** The agency the event is for; null for everyone. */
  agency: string | null;
  payload: Record<string, unknown>;
}

/**
 * Writes events in the caller's transaction, so that an event exists exactly when the
 * change it announces does. Delivery (server-sent events, later webhooks) reads the table.
 */
export async function emit(db: Kdb, events: OutboxEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      events.map((e) => ({
        id: newId(),
        type: e.type,
        agency: e.agency,
        payload: e.payload,
        created_at: now,
      })),
    )
    .execute();
}

/**
 * How long events stay in the outbox: long enough for any client that reconnects with
 * Last-Event-ID (a national system down over a long weekend) to be replayed what it missed.
 * The outbox is only the event streams' buffer — notifications, messages and webhook
 * deliveries keep their own tables — so without this it would grow with every search hit.
 */
export const EVENT_REPLAY_DAYS = 7;
const PRUNE_BATCH = 10_000;

export const outboxJobs: Job[] = [
  {
    name: 'platform.outbox-prune',
    intervalMs: 60 * 60_000,
    async run(ctx) {
      const removed = await pruneOutbox(ctx);
      if (removed > 0) ctx.logger.info({ removed }, 'events past the replay window removed');
      return { more: removed === PRUNE_BATCH };
    },
  },
];

/** Where the highest event sequence number removed so far is kept (settings). */
export const PRUNED_THROUGH_KEY = 'outbox.pruned-through';

/**
 * Removes events older than EVENT_REPLAY_DAYS, reading at most the oldest PRUNE_BATCH, and
 * notes the highest sequence number removed: a client resuming from before it is told that
 * events were lost (see EventHub.subscribe) instead of silently missing them.
 */
export async function pruneOutbox(ctx: Context): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - EVENT_REPLAY_DAYS * 86_400_000);
  const { rows } = await sql<{ n: number | string }>`
    WITH gone AS (
      DELETE FROM outbox WHERE seq IN (
        SELECT seq FROM (SELECT seq, created_at FROM outbox ORDER BY seq LIMIT ${PRUNE_BATCH}) oldest
        WHERE created_at < ${cutoff}
      )
      RETURNING seq
    ), noted AS (
      INSERT INTO settings (key, value)
      SELECT ${PRUNED_THROUGH_KEY}, jsonb_build_object('seq', max(seq)) FROM gone HAVING count(*) > 0
      ON CONFLICT (key) DO UPDATE SET value = jsonb_build_object('seq',
        greatest((settings.value->>'seq')::bigint, (excluded.value->>'seq')::bigint))
    )
    SELECT count(*) AS n FROM gone`.execute(ctx.db);
  return Number(rows[0]?.n ?? 0);
}

/** The highest event sequence number pruned from the outbox (0: none yet). */
export async function prunedThrough(db: Kdb): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', PRUNED_THROUGH_KEY)
    .executeTakeFirst();
  return Number((row?.value as { seq?: number | string } | undefined)?.seq ?? 0);
}

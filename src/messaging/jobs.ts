import type { Job } from '../platform/jobs.ts';
import { purgeStaleUploads } from './attachments.ts';
import { runUrgentClocks } from './urgent/clocks.ts';
import { claimDeliveries, PRUNE_BATCH, pruneDeliveredWebhooks, sendClaimed } from './webhooks.ts';

/**
 * Messaging's background work. Webhook deliveries are claimed under the job's lock and sent
 * after it is released: an endpoint that takes ten seconds to answer must not hold a
 * database transaction (on the embedded database, the only connection) meanwhile.
 */
const inFlight = new Set<Promise<unknown>>();
const busyWebhooks = new Set<string>();

/** Waits for the webhook rounds still sending (at shutdown, before the database closes). */
export async function settleMessagingWork(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

export const messagingJobs: Job[] = [
  {
    name: 'messaging.webhooks',
    intervalMs: 1_000,
    async run(ctx) {
      // An endpoint whose round is still sending (a slow or hanging one) sits the next out:
      // at most one round of requests in flight per endpoint and process.
      const claimed = await claimDeliveries(ctx.db, ctx, ctx.clock.now(), busyWebhooks);
      if (claimed.length === 0) return;
      const db = ctx.database.kysely;
      const byWebhook = new Map<string, typeof claimed>();
      for (const c of claimed) {
        const group = byWebhook.get(c.delivery.webhook_id);
        if (group) group.push(c);
        else byWebhook.set(c.delivery.webhook_id, [c]);
      }
      for (const [webhook, group] of byWebhook) {
        busyWebhooks.add(webhook);
        const round: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => sendClaimed(ctx, db, group))
          .then(
            () => undefined,
            (error) => ctx.logger.error({ err: error }, 'webhook round failed'),
          )
          .finally(() => {
            inFlight.delete(round);
            busyWebhooks.delete(webhook);
          });
        inFlight.add(round);
      }
    },
  },
  {
    name: 'messaging.urgent-clocks',
    intervalMs: 60_000,
    async run(ctx) {
      await runUrgentClocks(ctx);
    },
  },
  {
    name: 'messaging.webhook-log-prune',
    intervalMs: 6 * 60 * 60_000,
    async run(ctx) {
      const removed = await pruneDeliveredWebhooks(ctx);
      if (removed > 0) ctx.logger.info({ removed }, 'delivered webhook calls past 30 days removed');
      return { more: removed === PRUNE_BATCH };
    },
  },
  {
    name: 'messaging.stale-uploads',
    intervalMs: 6 * 60 * 60_000,
    async run(ctx) {
      await purgeStaleUploads(ctx);
    },
  },
];

import type { FastifyInstance } from 'fastify';

const scheduled = new WeakSet<FastifyInstance>();

/**
 * Tells this process's event hub to look at the outbox now rather than at its next tick, so
 * that a connected recipient hears of a message at once. Nudges within a few milliseconds
 * share one look: a system sending hundreds a second would otherwise cause as many queries.
 */
export function nudgeEvents(app: FastifyInstance): void {
  if (scheduled.has(app)) return;
  scheduled.add(app);
  setTimeout(() => {
    scheduled.delete(app);
    void app.events.poll();
  }, 5).unref();
}

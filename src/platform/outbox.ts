import type { Kdb } from './db.ts';
import { newId } from './ids.ts';

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

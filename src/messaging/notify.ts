import type { Kdb } from '../platform/db.ts';
import { restrictEvents } from '../platform/events.ts';
import { newId } from '../platform/ids.ts';
import { emit, type OutboxEvent } from '../platform/outbox.ts';

// Message and urgent-request events carry no content, but even their metadata (who wrote
// to whom, when) is for those who read the mailbox or the urgent queue.
restrictEvents('message.', 'messages:read');
restrictEvents('forward.', 'messages:read');
restrictEvents('urgent.', 'urgent:read');

export interface MessagingEvent extends OutboxEvent {
  /**
   * What a national system's webhook receives for this event (it may carry ciphertext);
   * the outbox payload, streamed to browsers, holds only metadata. Absent: the payload.
   */
  webhook?: Record<string, unknown>;
}

/**
 * Writes the events in the caller's transaction, and a webhook delivery for every active
 * endpoint of each agency concerned: an event exists, and will be delivered, exactly when
 * the change it announces commits — a restart loses neither.
 */
export async function emitMessaging(db: Kdb, events: MessagingEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await emit(
    db,
    events.map(({ type, agency, payload }) => ({ type, agency, payload })),
    now,
  );
  const agencies = [...new Set(events.map((e) => e.agency).filter((a): a is string => a !== null))];
  if (agencies.length === 0) return;
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'agency'])
    .where('agency', 'in', agencies)
    .where('status', '=', 'active')
    .execute();
  if (hooks.length === 0) return;
  const rows = [];
  for (const event of events) {
    for (const hook of hooks) {
      if (hook.agency !== event.agency) continue;
      rows.push({
        id: newId(),
        webhook_id: hook.id,
        agency: hook.agency,
        event_type: event.type,
        payload: event.webhook ?? event.payload,
        next_attempt_at: now,
        created_at: now,
      });
    }
  }
  await db.insertInto('webhook_deliveries').values(rows).execute();
}

import { sql } from 'kysely';
import type { Kdb } from '../platform/db.ts';
import { restrictEvents } from '../platform/events.ts';
import { newId } from '../platform/ids.ts';
import type { OutboxEvent } from '../platform/outbox.ts';

// Message and urgent-request events carry no content, but even their metadata (who wrote
// to whom, when) is for those who read the mailbox or the urgent queue.
restrictEvents('message.', 'messages:read');
restrictEvents('forward.', 'messages:read');
restrictEvents('urgent.', 'urgent:read');
// The key directory's changes: for those who exchange messages with the keys.
restrictEvents('key.', 'messages:read');

export interface MessagingEvent extends OutboxEvent {
  /**
   * What a national system's webhook receives for this event (it may carry ciphertext);
   * the outbox payload, streamed to browsers, holds only metadata. Absent: the payload.
   */
  webhook?: Record<string, unknown>;
}

/**
 * The CTEs that write the rows of a CTE named `events` (n, id, type, agency, payload,
 * webhook) to the outbox in the order of n, and a webhook delivery for every active endpoint
 * of each agency concerned. Inside the statement that makes the change they announce, an
 * event exists, and will be delivered, exactly when that change commits — a restart loses
 * neither. The store of messages uses it in its own statement.
 */
export function writeEventsCtes(now: Date) {
  return sql`outboxed AS (
      INSERT INTO outbox (id, type, agency, payload, created_at)
      SELECT id, type, agency, payload, ${now} FROM events ORDER BY n
    ), hooked AS (
      INSERT INTO webhook_deliveries (id, webhook_id, agency, event_type, payload, next_attempt_at, created_at)
      SELECT gen_random_uuid(), w.id, w.agency, e.type, coalesce(e.webhook, e.payload), ${now}, ${now}
      FROM events e JOIN webhooks w ON w.agency = e.agency AND w.status = 'active'
    )`;
}

/** Writes the events in the caller's transaction (see writeEventsCtes). One statement. */
export async function emitMessaging(db: Kdb, events: MessagingEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e, n) => ({
    n,
    id: newId(),
    type: e.type,
    agency: e.agency,
    payload: e.payload,
    webhook: e.webhook ?? null,
  }));
  await sql`
    WITH events AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
        AS e(n integer, id uuid, type text, agency text, payload jsonb, webhook jsonb)
    ), ${writeEventsCtes(now)}
    SELECT 1`.execute(db);
}

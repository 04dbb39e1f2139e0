import type { GeneralJWE } from 'jose';
import { sql } from 'kysely';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import type { SignedHeader } from './envelope.ts';
import { writeEventsCtes } from './notify.ts';
import type { MessageRow } from './verify.ts';
import { webhookAgencies } from './webhooks.ts';

export interface StoredMessage {
  header: SignedHeader;
  signature: string;
  signerKid: string;
  jwe: GeneralJWE;
  /** JWE entry index → agency, and whether it is the sender's own copy. */
  entries: { agency: string; role: 'to' | 'self'; kid: string; index: number }[];
  sentBy: string;
  sentAt: Date;
  forwardPermission?: string | null;
  urgentRequestId?: string | null;
}

/**
 * The events announcing a message, without its reference: the statement that numbers the
 * message adds it (see storeMessages).
 */
function events(m: StoredMessage, webhookAgencies: ReadonlySet<string>) {
  const h = m.header;
  const summary = {
    id: h.id,
    threadId: h.threadId,
    inReplyTo: h.inReplyTo,
    from: h.from,
    priority: h.priority,
    sentAt: m.sentAt.toISOString(),
    urgentRequestId: m.urgentRequestId ?? null,
  };
  return m.entries
    .filter((e) => e.role === 'to')
    .map((e) => {
      const entry = m.jwe.recipients[e.index]!;
      return {
        id: newId(),
        message_id: h.id,
        type: 'message.received',
        agency: e.agency,
        payload: { ...summary, mailbox: e.agency },
        // Only what an endpoint will receive is written: a message to 196 bureaus would
        // otherwise carry 196 envelopes into the statement for nothing.
        webhook: webhookAgencies.has(e.agency)
          ? {
              ...summary,
              mailbox: e.agency,
              envelope: {
                id: h.id,
                mailbox: e.agency,
                sentAt: summary.sentAt,
                sentBy: m.sentBy,
                urgentRequestId: summary.urgentRequestId,
                header: h,
                signature: m.signature,
                jwe: {
                  protected: m.jwe.protected,
                  iv: m.jwe.iv,
                  ciphertext: m.jwe.ciphertext,
                  tag: m.jwe.tag,
                  header: entry.header,
                  encrypted_key: entry.encrypted_key,
                },
              },
            }
          : null,
      };
    });
}

function messageRow(m: StoredMessage, ord: number) {
  const h = m.header;
  return {
    ord,
    id: h.id,
    thread_id: h.threadId,
    in_reply_to: h.inReplyTo,
    forward_of: h.forwardOf,
    forward_permission: m.forwardPermission ?? null,
    from_agency: h.from,
    sent_by: m.sentBy,
    priority: h.priority,
    handling: h.handling,
    handling_note: h.handlingNote,
    tlp: h.tlp,
    evaluation: h.evaluation,
    groups: h.groups,
    recipients: h.to,
    header: h,
    signature: m.signature,
    signer_kid: m.signerKid,
    jwe_protected: m.jwe.protected!,
    jwe_iv: m.jwe.iv!,
    // Padded base64, which decode() reads; JSON carries no bytes.
    jwe_ciphertext: Buffer.from(m.jwe.ciphertext, 'base64url').toString('base64'),
    jwe_tag: m.jwe.tag!,
    size: Math.ceil((m.jwe.ciphertext.length * 3) / 4),
    attachment_count: h.attachments.length,
    attachment_bytes: h.attachments.reduce((sum, a) => sum + a.size, 0),
    urgent_request_id: m.urgentRequestId ?? null,
    sent_at: m.sentAt.toISOString(),
  };
}

/**
 * Writes messages, their recipients' entries, their attachments' links and their events
 * (outbox and webhook deliveries) in one statement whatever their number: one round trip,
 * atomic on its own or inside the caller's transaction. The server's event loop answers
 * every round trip between other requests, so under load each one costs milliseconds of
 * waiting — a transaction of six statements held the group commit six times as long. The
 * recipients learn of a message (server-sent events, webhooks, the delivery queue) only
 * once it commits. A message whose id exists already (a self-held sender repeating itself)
 * is skipped: its place in the answer is null.
 *
 * References (MSG-KE-2026-000042) count per sender agency and year: the statement takes a
 * batch's numbers from the counter and gives them out in the batch's order.
 */
export async function storeMessages(
  db: Kdb,
  batch: StoredMessage[],
  /** Agencies with webhooks: their deliveries carry the whole envelope (others', the metadata). */
  hooks: ReadonlySet<string> = new Set(),
): Promise<(MessageRow | null)[]> {
  if (batch.length === 0) return [];
  const year = batch[0]!.sentAt.getUTCFullYear();
  const sentAt = batch[0]!.sentAt;
  const messages = batch.map(messageRow);
  const entries = batch.flatMap((m) =>
    m.entries.map((e) => {
      const entry = m.jwe.recipients[e.index]!;
      return {
        message_id: m.header.id,
        agency: e.agency,
        role: e.role,
        kid: e.kid,
        header: entry.header,
        encrypted_key: entry.encrypted_key!,
      };
    }),
  );
  const attached = batch.flatMap((m) =>
    m.header.attachments.map((a, position) => ({ message_id: m.header.id, attachment_id: a.id, position })),
  );
  const announced = batch.flatMap((m) => events(m, hooks)).map((e, n) => ({ n, ...e }));
  // One statement text whatever the batch's size (as for the audit log): a multi-row VALUES
  // is a new statement to compile, parse and plan for each size, 27 parameters a message.
  const { rows: inserted } = await sql<MessageRow>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(messages)}::text::jsonb) AS m(ord integer, id uuid,
        thread_id uuid, in_reply_to uuid, forward_of uuid, forward_permission uuid, from_agency text,
        sent_by text, priority text, handling text, handling_note text, tlp text, evaluation text,
        groups text[], recipients text[], header jsonb, signature text, signer_kid text, jwe_protected text,
        jwe_iv text, jwe_ciphertext text, jwe_tag text, size integer, attachment_count integer,
        attachment_bytes bigint, urgent_request_id uuid, sent_at timestamptz)
    ), counts AS (
      SELECT from_agency AS agency, count(*)::integer AS k FROM input GROUP BY from_agency
    ), counters AS (
      INSERT INTO message_counters (agency, year, n)
      SELECT agency, ${year}::integer, k FROM counts
      ON CONFLICT (agency, year) DO UPDATE SET n = message_counters.n + EXCLUDED.n
      RETURNING agency, n
    ), numbered AS (
      SELECT i.*, (c.n - k.k + row_number() OVER (PARTITION BY i.from_agency ORDER BY i.ord))::text AS number
      FROM input i JOIN counters c ON c.agency = i.from_agency JOIN counts k ON k.agency = i.from_agency
    ), inserted AS (
      INSERT INTO messages (id, reference, thread_id, in_reply_to, forward_of, forward_permission, from_agency,
        sent_by, priority, handling, handling_note, tlp, evaluation, groups, recipients, header, signature,
        signer_kid, jwe_protected, jwe_iv, jwe_ciphertext, jwe_tag, size, attachment_count, attachment_bytes,
        urgent_request_id, sent_at)
      SELECT id, 'MSG-' || from_agency || '-' || ${String(year)}::text || '-' || lpad(number, greatest(6, length(number)), '0'),
        thread_id, in_reply_to, forward_of, forward_permission, from_agency,
        sent_by, priority, handling, handling_note, tlp, evaluation, groups, recipients, header, signature,
        signer_kid, jwe_protected, jwe_iv, decode(jwe_ciphertext, 'base64'), jwe_tag, size, attachment_count,
        attachment_bytes, urgent_request_id, sent_at
      FROM numbered ORDER BY ord
      ON CONFLICT (id) DO NOTHING
      RETURNING *
    ), entries AS (
      INSERT INTO message_recipients (message_id, agency, role, kid, header, encrypted_key, priority)
      SELECT e.message_id, e.agency, e.role, e.kid, e.header, e.encrypted_key, i.priority
      FROM jsonb_to_recordset(${JSON.stringify(entries)}::text::jsonb)
        AS e(message_id uuid, agency text, role text, kid text, header jsonb, encrypted_key text)
      JOIN inserted i ON i.id = e.message_id
    ), linked AS (
      INSERT INTO message_attachments (message_id, attachment_id, position)
      SELECT a.message_id, a.attachment_id, a.position
      FROM jsonb_to_recordset(${JSON.stringify(attached)}::text::jsonb)
        AS a(message_id uuid, attachment_id uuid, position integer)
      JOIN inserted i ON i.id = a.message_id
      RETURNING attachment_id
    ), marked AS (
      UPDATE attachments SET status = 'sent', sent_at = ${sentAt}, sealed_meta = NULL
      WHERE id IN (SELECT attachment_id FROM linked) AND (status = 'uploading' OR sealed_meta IS NOT NULL)
    ), events AS (
      SELECT e.id, e.type, e.agency, e.n,
        e.payload || jsonb_build_object('reference', i.reference) AS payload,
        CASE WHEN e.webhook IS NULL THEN NULL
          ELSE e.webhook || jsonb_build_object('reference', i.reference,
            'envelope', (e.webhook -> 'envelope') || jsonb_build_object('reference', i.reference)) END AS webhook
      FROM jsonb_to_recordset(${JSON.stringify(announced)}::text::jsonb)
        AS e(n integer, id uuid, message_id uuid, type text, agency text, payload jsonb, webhook jsonb)
      JOIN inserted i ON i.id = e.message_id
    ), ${writeEventsCtes(sentAt)}
    SELECT * FROM inserted`.execute(db);
  const byId = new Map(inserted.map((r) => [r.id, r]));
  return batch.map((m) => byId.get(m.header.id) ?? null);
}

interface Pending {
  message: StoredMessage;
  resolve: (row: MessageRow | null) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * Group commit for messages, as the audit log has it: the plain sends that arrive while a
 * batch is being written form the next batch, so a national system sending hundreds a
 * second pays one commit (one fsync) per batch, not per message; each request still waits
 * for its own message to be durable. A batch that fails is written again one message at a
 * time, so that one bad message cannot fail the others.
 */
class MessageCommitter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly ctx: Context) {}

  add(message: StoredMessage): Promise<MessageRow | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  private write(batch: StoredMessage[], hooks: ReadonlySet<string>) {
    return storeMessages(this.ctx.db, batch, hooks);
  }

  private async drain(): Promise<void> {
    // Let the requests of this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const hooks = await webhookAgencies(this.ctx);
          const rows = await this.write(
            batch.map((p) => p.message),
            hooks,
          ).catch(() => null);
          if (rows) for (const [i, p] of batch.entries()) p.resolve(rows[i] ?? null);
          else
            await Promise.all(
              batch.map((p) =>
                this.write([p.message], hooks).then(
                  (r) => p.resolve(r[0] ?? null),
                  (error) => p.reject(error),
                ),
              ),
            );
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}

const committers = new WeakMap<Context, MessageCommitter>();

export function commitMessage(ctx: Context, message: StoredMessage): Promise<MessageRow | null> {
  let committer = committers.get(ctx);
  if (!committer) {
    committer = new MessageCommitter(ctx);
    committers.set(ctx, committer);
  }
  return committer.add(message);
}

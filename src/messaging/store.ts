import type { GeneralJWE } from 'jose';
import { sql, type Transaction } from 'kysely';
import type { Context } from '../platform/context.ts';
import type { Tables } from '../platform/db-schema.ts';
import type { SignedHeader } from './envelope.ts';
import { emitMessaging, type MessagingEvent } from './notify.ts';
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

function events(m: StoredMessage, reference: string, webhookAgencies: ReadonlySet<string>): MessagingEvent[] {
  const h = m.header;
  const summary = {
    id: h.id,
    reference,
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
        type: 'message.received',
        agency: e.agency,
        payload: { ...summary, mailbox: e.agency },
        // Only what an endpoint will receive is written: a message to 196 bureaus would
        // otherwise carry 196 envelopes into the outbox statement for nothing.
        ...(webhookAgencies.has(e.agency)
          ? {
              webhook: {
                ...summary,
                mailbox: e.agency,
                envelope: {
                  id: h.id,
                  reference,
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
              },
            }
          : {}),
      };
    });
}

/**
 * Writes messages, their recipients' entries, their attachments' links and their events in
 * the caller's transaction, a statement per table whatever their number. The recipients
 * learn of them (server-sent events, webhooks, the delivery queue) only once the
 * transaction commits. A message whose id exists already (a self-held sender repeating
 * itself) is skipped: its place in the answer is null.
 *
 * References (MSG-KE-2026-000042) count per sender agency and year; a batch takes its
 * numbers from the counter in one statement.
 */
export async function storeMessages(
  trx: Transaction<Tables>,
  batch: StoredMessage[],
  /** Agencies with webhooks: their deliveries carry the whole envelope (others', the metadata). */
  hooks: ReadonlySet<string> = new Set(),
): Promise<(MessageRow | null)[]> {
  if (batch.length === 0) return [];
  const year = batch[0]!.sentAt.getUTCFullYear();
  const perAgency = new Map<string, number>();
  for (const m of batch) perAgency.set(m.header.from, (perAgency.get(m.header.from) ?? 0) + 1);
  const { rows: counters } = await sql<{ agency: string; n: number }>`
    INSERT INTO message_counters (agency, year, n)
    SELECT agency, ${year}, k FROM jsonb_to_recordset(${JSON.stringify(
      [...perAgency].map(([agency, k]) => ({ agency, k })),
    )}::text::jsonb) AS c(agency text, k int)
    ON CONFLICT (agency, year) DO UPDATE SET n = message_counters.n + EXCLUDED.n
    RETURNING agency, n`.execute(trx);
  const next = new Map(counters.map((c) => [c.agency, Number(c.n) - perAgency.get(c.agency)!]));
  const references = batch.map((m) => {
    const n = next.get(m.header.from)! + 1;
    next.set(m.header.from, n);
    return `MSG-${m.header.from}-${year}-${String(n).padStart(6, '0')}`;
  });

  const rows = batch.map((m, i) => {
    const h = m.header;
    return {
      id: h.id,
      reference: references[i]!,
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
  });
  // One statement text whatever the batch's size (as for the audit log): a multi-row VALUES
  // is a new statement to compile, parse and plan for each size, 27 parameters a message.
  const { rows: inserted } = await sql<MessageRow>`
    INSERT INTO messages (id, reference, thread_id, in_reply_to, forward_of, forward_permission, from_agency,
      sent_by, priority, handling, handling_note, tlp, evaluation, groups, recipients, header, signature,
      signer_kid, jwe_protected, jwe_iv, jwe_ciphertext, jwe_tag, size, attachment_count, attachment_bytes,
      urgent_request_id, sent_at)
    SELECT id, reference, thread_id, in_reply_to, forward_of, forward_permission, from_agency,
      sent_by, priority, handling, handling_note, tlp, evaluation, groups, recipients, header, signature,
      signer_kid, jwe_protected, jwe_iv, decode(jwe_ciphertext, 'base64'), jwe_tag, size, attachment_count,
      attachment_bytes, urgent_request_id, sent_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS m(id uuid, reference text, thread_id uuid,
      in_reply_to uuid, forward_of uuid, forward_permission uuid, from_agency text, sent_by text,
      priority text, handling text, handling_note text, tlp text, evaluation text, groups text[],
      recipients text[], header jsonb, signature text, signer_kid text, jwe_protected text, jwe_iv text,
      jwe_ciphertext text, jwe_tag text, size integer, attachment_count integer, attachment_bytes bigint,
      urgent_request_id uuid, sent_at timestamptz)
    ON CONFLICT (id) DO NOTHING
    RETURNING *`.execute(trx);
  const byId = new Map(inserted.map((r) => [r.id, r]));
  const stored = batch.filter((m) => byId.has(m.header.id));
  if (stored.length > 0) {
    const entries = stored.flatMap((m) =>
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
    await sql`
      INSERT INTO message_recipients (message_id, agency, role, kid, header, encrypted_key)
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(entries)}::text::jsonb)
        AS e(message_id uuid, agency text, role text, kid text, header jsonb, encrypted_key text)`.execute(
      trx,
    );
    const attached = stored.flatMap((m) =>
      m.header.attachments.map((a, position) => ({ message_id: m.header.id, attachment_id: a.id, position })),
    );
    if (attached.length > 0) {
      await trx.insertInto('message_attachments').values(attached).execute();
      await trx
        .updateTable('attachments')
        .set({ status: 'sent', sent_at: batch[0]!.sentAt, sealed_meta: null })
        .where(
          'id',
          'in',
          attached.map((a) => a.attachment_id),
        )
        .where('status', '=', 'uploading')
        .execute();
    }
    await emitMessaging(
      trx,
      stored.flatMap((m) => events(m, byId.get(m.header.id)!.reference, hooks)),
      batch[0]!.sentAt,
    );
  }
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
    return this.ctx.db.transaction().execute((trx) => storeMessages(trx, batch, hooks));
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

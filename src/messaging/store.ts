import { base64url, type GeneralJWE } from 'jose';
import { sql, type Transaction } from 'kysely';
import type { Tables } from '../platform/db-schema.ts';
import type { SignedHeader } from './envelope.ts';
import { emitMessaging, type MessagingEvent } from './notify.ts';

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

/** MSG-KE-2026-000042: per sender agency and year, taken in the sending transaction. */
async function nextReference(trx: Transaction<Tables>, agency: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const { rows } = await sql<{ n: number }>`
    INSERT INTO message_counters (agency, year, n) VALUES (${agency}, ${year}, 1)
    ON CONFLICT (agency, year) DO UPDATE SET n = message_counters.n + 1
    RETURNING n`.execute(trx);
  return `MSG-${agency}-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

/**
 * Writes a message, its recipients' entries, its attachments' links and its events in the
 * caller's transaction. The recipients learn of it (server-sent events, webhooks, the
 * delivery queue) only once the transaction commits.
 */
export async function storeMessage(
  trx: Transaction<Tables>,
  m: StoredMessage,
  extraEvents: MessagingEvent[] = [],
) {
  const h = m.header;
  const reference = await nextReference(trx, h.from, m.sentAt);
  const attachmentBytes = h.attachments.reduce((sum, a) => sum + a.size, 0);
  const row = await trx
    .insertInto('messages')
    .values({
      id: h.id,
      reference,
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
      jwe_ciphertext: base64url.decode(m.jwe.ciphertext),
      jwe_tag: m.jwe.tag!,
      size: Math.ceil((m.jwe.ciphertext.length * 3) / 4),
      attachment_count: h.attachments.length,
      attachment_bytes: attachmentBytes,
      urgent_request_id: m.urgentRequestId ?? null,
      sent_at: m.sentAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('message_recipients')
    .values(
      m.entries.map((e) => {
        const entry = m.jwe.recipients[e.index]!;
        return {
          message_id: h.id,
          agency: e.agency,
          role: e.role,
          kid: e.kid,
          header: entry.header as object,
          encrypted_key: entry.encrypted_key!,
        };
      }),
    )
    .execute();
  if (h.attachments.length > 0) {
    await trx
      .insertInto('message_attachments')
      .values(h.attachments.map((a, position) => ({ message_id: h.id, attachment_id: a.id, position })))
      .execute();
    await trx
      .updateTable('attachments')
      .set({ status: 'sent', sent_at: m.sentAt, sealed_meta: null })
      .where(
        'id',
        'in',
        h.attachments.map((a) => a.id),
      )
      .where('status', '=', 'uploading')
      .execute();
  }
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
  await emitMessaging(
    trx,
    [
      ...m.entries
        .filter((e) => e.role === 'to')
        .map((e) => {
          const entry = m.jwe.recipients[e.index]!;
          return {
            type: 'message.received',
            agency: e.agency,
            payload: { ...summary, mailbox: e.agency },
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
          };
        }),
      ...extraEvents,
    ],
    m.sentAt,
  );
  return row;
}

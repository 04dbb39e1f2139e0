import type { Selectable } from 'kysely';
import type { Context } from '../platform/context.ts';
import { decryptContent, flattened, type MessageContent, type SignedHeader } from './envelope.ts';
import { type AgencyKeyRow, custodyOf, keysByKid, privateKeyOf } from './keys.ts';
import type { MessageRecipientTable } from './tables.ts';
import { type MessageRow, sharedOf, type Verification, verifyMessage } from './verify.ts';

/** A recipient's entry as read with its message (whose priority the entry's only repeats for its index). */
export type RecipientRow = Omit<Selectable<MessageRecipientTable>, 'priority'>;

/** One agency's copy of a message: what it received (inbox) or what it sent (sent). */
export interface Copy {
  message: MessageRow;
  /** The mailbox agency's JWE entry; null when a self-held sender kept no copy here. */
  entry: RecipientRow | null;
  box: 'inbox' | 'sent';
  mailbox: string;
}

export interface OpenedCopy extends Copy {
  custody: 'self' | 'server' | null;
  content: MessageContent | null;
  verification: Verification;
}

/** Content as the API shows it: without the attachment keys, which stay inside the server. */
export function publicContent(content: MessageContent) {
  return {
    subject: content.subject,
    body: content.body,
    references: content.references ?? [],
    caseRef: content.caseRef ?? null,
    attachments: (content.attachments ?? []).map(({ key: _key, chunkSize: _c, chunks: _n, ...rest }) => rest),
    ...(content.form ? { form: content.form } : {}),
    ...(content.forwarded ? { forwarded: content.forwarded } : {}),
  };
}

/**
 * Decrypts (server-held mailboxes) and verifies a page of copies. Keys are read in one
 * query; private keys are cached per process (see keys.ts).
 */
export async function openCopies(ctx: Context, copies: Copy[]): Promise<OpenedCopy[]> {
  if (copies.length === 0) return [];
  const kids = copies.flatMap((c) => [c.message.signer_kid, ...(c.entry ? [c.entry.kid] : [])]);
  const [keys, custody] = await Promise.all([
    keysByKid(ctx.db, kids),
    custodyOf(ctx.db, [...new Set(copies.map((c) => c.mailbox))]),
  ]);
  return Promise.all(copies.map((copy) => openCopy(ctx, copy, keys, custody.get(copy.mailbox) ?? null)));
}

async function openCopy(
  ctx: Context,
  copy: Copy,
  keys: Map<string, AgencyKeyRow>,
  custody: 'self' | 'server' | null,
): Promise<OpenedCopy> {
  let content: MessageContent | null | 'undecryptable' = null;
  const entryKey = copy.entry ? keys.get(copy.entry.kid) : undefined;
  const warnings: string[] = [];
  // Decrypted only when the sender addressed this copy: its agency's own key, the key id the
  // sender signed for that agency. A row pointing another agency's entry at this mailbox
  // (written straight into the database) opens nothing.
  const addressed =
    copy.entry !== null &&
    entryKey?.agency_code === copy.entry.agency &&
    (copy.message.header as SignedHeader).recipients[copy.entry.agency] === copy.entry.kid;
  if (copy.entry && addressed && entryKey?.custody === 'server') {
    if (!entryKey.private_sealed)
      warnings.push('the server-held key of this copy was destroyed: it can no longer be read here');
    else {
      let key: Awaited<ReturnType<typeof privateKeyOf>> | null = null;
      try {
        key = await privateKeyOf(ctx, entryKey);
      } catch {
        // The server's own configuration, not the message: say so rather than "altered".
        warnings.push(
          'this server cannot open the agency’s key (sealed under a key-encryption key it is not given: see CONCORD_MESSAGE_KEK_PREVIOUS)',
        );
      }
      if (key)
        try {
          content = await decryptContent(
            flattened(sharedOf(copy.message), {
              header: copy.entry.header as Record<string, unknown>,
              encrypted_key: copy.entry.encrypted_key,
            }),
            key,
          );
        } catch {
          content = 'undecryptable';
        }
    }
  }
  const verification = await verifyMessage(
    copy.message,
    keys.get(copy.message.signer_kid),
    copy.entry ? { agency: copy.entry.agency, kid: copy.entry.kid, keyAgency: entryKey?.agency_code } : null,
    content,
  );
  verification.warnings.push(...warnings);
  return { ...copy, custody, content: content === 'undecryptable' ? null : content, verification };
}

export function envelopeOf(copy: Copy) {
  if (!copy.entry) return undefined;
  return {
    header: copy.message.header as SignedHeader,
    signature: copy.message.signature,
    jwe: flattened(sharedOf(copy.message), {
      header: copy.entry.header as Record<string, unknown>,
      encrypted_key: copy.entry.encrypted_key,
    }),
  };
}

export function messageDto(copy: OpenedCopy, options: { envelope?: boolean } = {}) {
  const m = copy.message;
  const header = m.header as SignedHeader;
  const envelope = options.envelope ? envelopeOf(copy) : undefined;
  return {
    id: m.id,
    reference: m.reference,
    threadId: m.thread_id,
    inReplyTo: m.in_reply_to,
    forwardOf: m.forward_of,
    from: m.from_agency,
    sentBy: m.sent_by,
    to: m.recipients,
    groups: m.groups,
    priority: m.priority as 'routine' | 'urgent' | 'flash',
    handling: m.handling as 'H0' | 'H1' | 'H2' | 'H3',
    handlingNote: m.handling_note,
    tlp: m.tlp as 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED',
    evaluation: m.evaluation,
    sentAt: m.sent_at.toISOString(),
    size: m.size,
    attachments: header.attachments,
    urgentRequestId: m.urgent_request_id,
    box: copy.box,
    mailbox: copy.mailbox,
    custody: copy.custody,
    deliveredAt: copy.box === 'inbox' ? (copy.entry?.delivered_at?.toISOString() ?? null) : null,
    readAt: copy.box === 'inbox' ? (copy.entry?.read_at?.toISOString() ?? null) : null,
    answeredAt: copy.box === 'inbox' ? (copy.entry?.answered_at?.toISOString() ?? null) : null,
    content: copy.content ? publicContent(copy.content) : null,
    verification: copy.verification,
    ...(envelope ? { envelope } : {}),
  };
}

export type MessageDto = ReturnType<typeof messageDto>;

/**
 * The sender's view right after sending: nothing to read back or check again — the server
 * has just signed it (server-held) or verified its signature and metadata (self-held).
 */
export function sentDto(message: MessageRow, content: MessageContent | null) {
  const custody = content ? ('server' as const) : ('self' as const);
  return messageDto({
    message,
    entry: null,
    box: 'sent',
    mailbox: message.from_agency,
    custody,
    content,
    verification: {
      status: content ? 'valid' : 'unverifiable',
      signer: { agency: message.from_agency, kid: message.signer_kid },
      keyStatus: 'active',
      problems: [],
      warnings: content
        ? []
        : [
            'signature and metadata check out; the content is encrypted for your agency’s own system, which checks it',
          ],
    },
  });
}

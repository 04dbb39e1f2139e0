import type { GeneralJWE } from 'jose';
import type { Insertable, Transaction } from 'kysely';
import { type Markings, sendsAs } from '../access/messaging.ts';
import { type AgencyRef, type Principal, uploaderOf } from '../access/principal.ts';
import { isBlank } from '../platform/blank-text.ts';
import type { Context } from '../platform/context.ts';
import type { Tables } from '../platform/db-schema.ts';
import { type FieldError, Problem, problems } from '../platform/errors.ts';
import { idTime, newIdAt } from '../platform/ids.ts';
import { carriedAttachments, claimUploads, loadUploads } from './attachments.ts';
import {
  CONTENT_ENC,
  CONTENT_TYPE,
  type ContentAttachment,
  encryptContent,
  type ForwardedContent,
  type Handling,
  isCanonicalB64url,
  jweDigest,
  KEY_WRAP_ALG,
  type MessageContent,
  type Priority,
  type Reference,
  type SignedHeader,
  sharedParts,
  signatureKid,
  signHeader,
  type Tlp,
  verifyHeader,
} from './envelope.ts';
import { checkForward } from './forward-rules.ts';
import { expandAddressees } from './groups.ts';
import { type ActiveKeys, ensureKeys, privateKeyOf, publicKeyOf } from './keys.ts';
import { mailboxesOf } from './mailbox.ts';
import { MESSAGE_ID_SKEW_MS } from './message-time.ts';
import { emitMessaging, type MessagingEvent } from './notify.ts';
import { serverReceipt, storeReceipts } from './receipts.ts';
import { commitMessage, storeMessages } from './store.ts';
import type { MessageReceiptTable } from './tables.ts';
import type { MessageRow } from './verify.ts';
import { webhookAgencies } from './webhooks.ts';

/** A message with this id exists: the sending transaction is rolled back, the caller decides. */
class DuplicateMessage extends Error {}

export class CustodyProblem extends Problem {
  constructor(detail: string) {
    super(409, 'key-custody', 'Key custody', detail);
  }
}

async function senderAgency(ctx: Context, principal: Principal): Promise<AgencyRef> {
  const sender = sendsAs(principal);
  if (!sender) {
    await ctx.audit.record({ principal, action: 'message.send', outcome: 'denied', objectType: 'message' });
    throw problems.forbidden('Your agency does not send messages, or you may not.');
  }
  return sender;
}

/**
 * The thread a message joins. A reply answers a message the sender's side holds (sent or
 * received) and keeps that message's thread; a message may also join a thread the sender
 * takes part in; otherwise it starts its own.
 */
async function resolveThread(
  ctx: Context,
  principal: Principal,
  id: string,
  wanted: { threadId?: string | null; inReplyTo?: string | null },
  field: string,
): Promise<{ threadId: string; parent: MessageRow | null; parentCopyAgency: string | null }> {
  if (!wanted.inReplyTo && (!wanted.threadId || wanted.threadId === id))
    return { threadId: id, parent: null, parentCopyAgency: null };
  const mailboxes = (await mailboxesOf(ctx, principal)).map((a) => a.code);
  if (!mailboxes.includes(principal.agency.code)) mailboxes.push(principal.agency.code);
  if (wanted.inReplyTo) {
    const parent = await ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', wanted.inReplyTo)
      .executeTakeFirst();
    const copy = parent
      ? await ctx.db
          .selectFrom('message_recipients')
          .select('agency')
          .where('message_id', '=', parent.id)
          .where('role', '=', 'to')
          .where('agency', 'in', mailboxes)
          .executeTakeFirst()
      : undefined;
    if (!parent || (!copy && !mailboxes.includes(parent.from_agency)))
      throw problems.invalidField(`${field}/inReplyTo`, 'no such message in your mailboxes');
    if (wanted.threadId && wanted.threadId !== parent.thread_id)
      throw problems.invalidField(
        `${field}/threadId`,
        'a reply stays in the thread of the message it answers',
      );
    return { threadId: parent.thread_id, parent, parentCopyAgency: copy?.agency ?? null };
  }
  if (wanted.threadId && wanted.threadId !== id) {
    const party = await ctx.db
      .selectFrom('messages as m')
      .leftJoin('message_recipients as r', 'r.message_id', 'm.id')
      .select('m.id')
      .where('m.thread_id', '=', wanted.threadId)
      .where((eb) => eb.or([eb('m.from_agency', 'in', mailboxes), eb('r.agency', 'in', mailboxes)]))
      .limit(1)
      .executeTakeFirst();
    if (!party) throw problems.invalidField(`${field}/threadId`, 'no such thread in your mailboxes');
    return { threadId: wanted.threadId, parent: null, parentCopyAgency: null };
  }
  return { threadId: id, parent: null, parentCopyAgency: null };
}

function unusableProblem(unusable: string[], to: string[], field: string): Problem {
  return problems.validation(
    unusable.map((agency) => ({
      field: to.includes(agency) ? `${field}/to/${to.indexOf(agency)}` : `${field}/to`,
      message: `${agency} holds its own keys and has no active encryption key: it must publish new keys`,
    })),
  );
}

/** What a server-held sender asks for; the server encrypts and signs. */
export interface ServerSend {
  to?: string[];
  groups?: string[];
  subject: string;
  body: string;
  priority?: Priority;
  handling?: Handling;
  handlingNote?: string | null;
  tlp?: Tlp;
  evaluation?: string | null;
  threadId?: string | null;
  inReplyTo?: string | null;
  references?: Reference[];
  caseRef?: string | null;
  /** Uploads to send with it. */
  attachments?: string[];
  draftId?: string;
  form?: MessageContent['form'];
  /** Forwarding: the original, its content as the forwarder read it, and the permission used. */
  forward?: { of: string; content: ForwardedContent; attachments: ContentAttachment[] };
  urgentRequestId?: string;
  /** Runs in the sending transaction (urgent requests add their rows); returns more events. */
  inTransaction?: (trx: Transaction<Tables>, message: MessageRow) => Promise<MessagingEvent[]>;
  /** Where field errors point (forwarding and urgent requests have their own bodies). */
  field?: string;
}

function checkMarkings(
  input: { handling?: Handling; handlingNote?: string | null; tlp?: Tlp },
  field: string,
) {
  const errors: FieldError[] = [];
  if (input.handling === 'H3' && (!input.handlingNote || isBlank(input.handlingNote)))
    errors.push({ field: `${field}/handlingNote`, message: 'H3 needs the restriction spelled out' });
  if (input.handlingNote && input.handling !== 'H3')
    errors.push({ field: `${field}/handlingNote`, message: 'a handling note goes with H3 only' });
  if (errors.length > 0) throw problems.validation(errors);
}

/**
 * The draft a message is sent from, deleted when it is sent, must be one of the sender's: an
 * id that names none was sent anyway and left the draft the officer meant to send behind.
 */
async function checkDraft(ctx: Context, principal: Principal, draftId: string, field: string) {
  const found =
    principal.type === 'user' &&
    (await ctx.db
      .selectFrom('message_drafts')
      .select('id')
      .where('id', '=', draftId)
      .where('user_id', '=', principal.id)
      .executeTakeFirst());
  if (!found)
    throw problems.invalidField(
      field,
      principal.type === 'user'
        ? 'no draft of yours has this id'
        : 'drafts are a signed-in user’s; send without draftId',
    );
}

/** Composes, encrypts for every recipient and the sender's own copy, signs and stores. */
export async function sendAsServer(ctx: Context, principal: Principal, input: ServerSend) {
  const field = input.field ?? '/body';
  const sender = await senderAgency(ctx, principal);
  checkMarkings(input, field);
  if (input.draftId !== undefined) await checkDraft(ctx, principal, input.draftId, `${field}/draftId`);
  const addressees = await expandAddressees(ctx, principal, input.to, input.groups, field);
  const to = addressees.agencies.map((a) => a.code);
  const { keys, unusable } = await ensureKeys(ctx, [sender.code, ...to], principal.name);
  const own = keys.get(sender.code)!;
  if (unusable.includes(sender.code) || own.sig?.custody !== 'server' || !own.sig.private_sealed)
    throw new CustodyProblem(
      `${sender.code} holds its own keys: send from its system (the concord CLI or the API with an envelope).`,
    );
  const recipientsUnusable = unusable.filter((a) => a !== sender.code);
  if (recipientsUnusable.length > 0) throw unusableProblem(recipientsUnusable, input.to ?? [], field);
  const permission = input.forward
    ? await checkForward(ctx, principal, input.forward.of, to, field, {
        handling: input.handling ?? 'H1',
        tlp: input.tlp ?? 'AMBER',
        handlingNote: input.handlingNote ?? null,
      } as Markings)
    : null;

  // The id carries the instant recorded as the sending time: a mailbox's window of sending
  // times is then a range of its index (message-time.ts).
  const now = ctx.clock.now();
  const id = newIdAt(now);
  const thread = await resolveThread(ctx, principal, id, input, field);
  const uploads = await loadUploads(
    ctx,
    { agency: sender.code, id: uploaderOf(principal) },
    input.attachments ?? [],
    'server',
    `${field}/attachments`,
  );
  const attachments: ContentAttachment[] = [
    ...(input.forward?.attachments ?? []),
    ...uploads.map((u) => u.content),
  ];
  const content: MessageContent = {
    v: 1,
    from: sender.code,
    to,
    subject: input.subject,
    body: input.body,
    references: input.references ?? [],
    caseRef: input.caseRef ?? null,
    attachments,
    ...(input.form ? { form: input.form } : {}),
    ...(input.forward ? { forwarded: input.forward.content } : {}),
  };
  const entries = [
    ...to.map((agency) => ({ agency, role: 'to' as const, key: keys.get(agency)!.enc! })),
    { agency: sender.code, role: 'self' as const, key: own.enc! },
  ];
  const jwe = await encryptContent(
    id,
    content,
    await Promise.all(
      entries.map(async (e) => ({ agency: e.agency, kid: e.key.kid, key: await publicKeyOf(e.key) })),
    ),
  );
  const header: SignedHeader = {
    v: 1,
    id,
    from: sender.code,
    to,
    groups: addressees.groups.map((g) => g.code).sort(),
    threadId: thread.threadId,
    inReplyTo: thread.parent?.id ?? null,
    forwardOf: input.forward?.of ?? null,
    priority: input.priority ?? 'routine',
    // A reply carries its parent's markings unless the sender sets its own: an API client
    // that leaves them out must not lower an H2 or TLP:RED exchange to the defaults.
    handling: input.handling ?? (thread.parent?.handling as Handling | undefined) ?? 'H1',
    handlingNote:
      input.handlingNote ?? (input.handling === undefined ? (thread.parent?.handling_note ?? null) : null),
    tlp: input.tlp ?? (thread.parent?.tlp as Tlp | undefined) ?? 'AMBER',
    evaluation: input.evaluation ?? null,
    attachments: attachments.map((a) => ({ id: a.id, size: a.size, chunks: a.chunks })),
    recipients: Object.fromEntries(entries.map((e) => [e.agency, e.key.kid])),
    jwe: jweDigest(sharedParts(jwe)),
  };
  const signature = await signHeader(header, await privateKeyOf(ctx, own.sig), own.sig.kid);
  // Answering a message received (by one's agency, or by a unit one's bureau answers for)
  // is receipted as answered, signed with that copy's server-held key.
  const answered =
    thread.parent && thread.parentCopyAgency
      ? await serverReceipt(ctx, thread.parent, thread.parentCopyAgency, 'answered', principal.name, now)
      : null;
  const release = await claimUploads(ctx, input.attachments ?? [], `${field}/attachments`, now);
  const stored = await store(ctx, principal, {
    header,
    signature,
    signerKid: own.sig.kid,
    jwe,
    entries: entries.map((e, index) => ({ agency: e.agency, role: e.role, kid: e.key.kid, index })),
    now,
    answered,
    parent: thread.parent,
    forwardPermission: permission,
    urgentRequestId: input.urgentRequestId ?? null,
    draftId: input.draftId,
    inTransaction: input.inTransaction,
    mode: 'server',
  }).catch(async (error) => {
    await release();
    throw error;
  });
  return { message: stored, content, entryKid: own.enc!.kid };
}

async function store(
  ctx: Context,
  principal: Principal,
  s: {
    header: SignedHeader;
    signature: string;
    signerKid: string;
    jwe: GeneralJWE;
    entries: { agency: string; role: 'to' | 'self'; kid: string; index: number }[];
    now: Date;
    answered: Insertable<MessageReceiptTable> | null;
    parent: MessageRow | null;
    forwardPermission: string | null;
    urgentRequestId: string | null;
    draftId?: string | undefined;
    inTransaction?: ServerSend['inTransaction'];
    mode: 'server' | 'envelope';
  },
): Promise<MessageRow> {
  const message = {
    header: s.header,
    signature: s.signature,
    signerKid: s.signerKid,
    jwe: s.jwe,
    entries: s.entries,
    sentBy: principal.name,
    sentAt: s.now,
    forwardPermission: s.forwardPermission,
    urgentRequestId: s.urgentRequestId,
  };
  const alone = s.inTransaction || s.answered || s.draftId;
  let row: MessageRow | null;
  if (!alone) row = await commitMessage(ctx, message);
  else {
    const hooks = await webhookAgencies(ctx);
    row = await ctx.db.transaction().execute(async (trx) => {
      const [stored] = await storeMessages(trx, [message], hooks);
      if (!stored) return null;
      const extra: MessagingEvent[] = s.inTransaction ? await s.inTransaction(trx, stored) : [];
      if (s.answered && s.parent)
        await storeReceipts(trx, [s.answered], new Map([[s.parent.id, s.parent.from_agency]]), s.now);
      if (s.draftId && principal.type === 'user') {
        const discarded = await trx
          .deleteFrom('message_drafts')
          .where('id', '=', s.draftId)
          .where('user_id', '=', principal.id)
          .executeTakeFirst();
        // Sent twice at once (a double click, two tabs): the first takes the draft, the
        // second is rolled back rather than sent a second time.
        if (Number(discarded.numDeletedRows) !== 1)
          throw problems.conflict('This draft has just been sent: see your sent messages.');
      }
      await emitMessaging(trx, extra, s.now);
      return stored;
    });
  }
  if (!row) throw new DuplicateMessage();
  await ctx.audit.record({
    principal,
    action: s.header.forwardOf ? 'message.forward' : 'message.send',
    outcome: 'success',
    objectType: 'message',
    objectId: row.id,
    objectAgency: row.from_agency,
    details: {
      reference: row.reference,
      recipients: s.header.to.length,
      groups: s.header.groups,
      priority: s.header.priority,
      handling: s.header.handling,
      tlp: s.header.tlp,
      attachments: s.header.attachments.length,
      mode: s.mode,
      ...(s.header.inReplyTo ? { inReplyTo: s.header.inReplyTo } : {}),
      ...(s.header.forwardOf ? { forwardOf: s.header.forwardOf, permission: s.forwardPermission } : {}),
    },
  });
  return row;
}

// ---- self-held senders ----------------------------------------------------------------

export interface Envelope {
  header: SignedHeader;
  jwe: {
    protected: string;
    iv: string;
    ciphertext: string;
    tag: string;
    recipients: { header: Record<string, unknown>; encrypted_key: string }[];
  };
  signature: string;
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

/**
 * A self-held sender's message: encrypted and signed by its own system. The server checks
 * that the envelope is what the signed header says — recipients and their current keys,
 * the ciphertext digest, the sender's active signing key, the signature — and stores it; it
 * cannot read it. A repeated send of the same signed message answers the stored one.
 */
export async function sendEnvelope(
  ctx: Context,
  principal: Principal,
  envelope: Envelope,
): Promise<{ message: MessageRow; repeated: boolean }> {
  const sender = await senderAgency(ctx, principal);
  const { header, jwe, signature } = envelope;
  const f = '/body/envelope';
  const fail = (field: string, message: string) => problems.invalidField(`${f}${field}`, message);
  if (header.from !== sender.code) throw fail('/header/from', `must be your agency, ${sender.code}`);
  const sentAtOfId = idTime(header.id);
  const now = ctx.clock.now();
  if (sentAtOfId === null) throw fail('/header/id', 'must be a UUIDv7');
  if (Math.abs(sentAtOfId - now.getTime()) > MESSAGE_ID_SKEW_MS)
    throw fail('/header/id', 'its time differs from the server’s by more than 10 minutes: check your clock');
  checkMarkings(header, `${f}/header`);

  const addressees = await expandAddressees(ctx, principal, header.to, header.groups, `${f}/header`);
  const to = addressees.agencies.map((a) => a.code);
  if (to.join() !== [...header.to].sort().join() || header.to.join() !== [...header.to].sort().join())
    throw new Problem(
      409,
      'recipients-changed',
      'Recipients changed',
      'header.to must list, sorted, every agency named or in the groups named: prepare the recipients again.',
      { expected: to },
    );
  const { keys, unusable } = await ensureKeys(ctx, [sender.code, ...to], principal.name);
  const own: ActiveKeys = keys.get(sender.code)!;
  if (!own.sig)
    throw new Problem(
      409,
      'no-signing-key',
      'No signing key',
      `${sender.code} has no active signing key (revoked?): publish new keys (concord keys publish) before sending.`,
    );
  if (own.sig.custody !== 'self')
    throw new CustodyProblem(
      `${sender.code}'s keys are server-held: send the plain message and the server signs it.`,
    );
  if (unusable.filter((a) => a !== sender.code).length > 0)
    throw unusableProblem(
      unusable.filter((a) => a !== sender.code),
      header.to,
      `${f}/header`,
    );

  // The JWE: ours, for exactly the recipients' active keys (and optionally the sender's own).
  // Each part in its one canonical text: the digest the sender signed is over the text, the
  // server keeps the bytes, and a second text of the same bytes would read back as altered.
  for (const part of ['iv', 'ciphertext', 'tag'] as const)
    if (!isCanonicalB64url(jwe[part])) throw fail(`/jwe/${part}`, 'must be canonical base64url');
  const nonCanonicalKey = jwe.recipients.findIndex((r) => !isCanonicalB64url(r.encrypted_key));
  if (nonCanonicalKey >= 0)
    throw fail(`/jwe/recipients/${nonCanonicalKey}/encrypted_key`, 'must be canonical base64url');
  const protectedHeader = decodeJson(jwe.protected);
  if (!protectedHeader || protectedHeader.enc !== CONTENT_ENC || protectedHeader.cty !== CONTENT_TYPE)
    throw fail('/jwe/protected', `must carry enc ${CONTENT_ENC} and cty ${CONTENT_TYPE}`);
  if (protectedHeader.mid !== header.id) throw fail('/jwe/protected', 'must carry mid, the message id');
  if ('zip' in protectedHeader || 'crit' in protectedHeader) throw fail('/jwe/protected', 'no zip or crit');
  const expected = new Map<string, string>(to.map((a) => [keys.get(a)!.enc!.kid, a]));
  if (own.enc) expected.set(own.enc.kid, sender.code);
  const entries: { agency: string; role: 'to' | 'self'; kid: string; index: number }[] = [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  jwe.recipients.forEach((r, index) => {
    const field = `${f}/jwe/recipients/${index}/header`;
    const kid = r.header.kid;
    const epk = r.header.epk as Record<string, unknown> | undefined;
    if (r.header.alg !== KEY_WRAP_ALG) errors.push({ field, message: `alg must be ${KEY_WRAP_ALG}` });
    else if (typeof kid !== 'string' || !expected.has(kid))
      errors.push({
        field,
        message: 'kid must be the active encryption key of a recipient (see POST /messages/recipients)',
      });
    else if (seen.has(kid)) errors.push({ field, message: 'one entry per agency' });
    else if (epk?.kty !== 'OKP' || epk.crv !== 'X25519')
      errors.push({ field, message: 'epk must be an X25519 key' });
    else {
      seen.add(kid);
      const agency = expected.get(kid)!;
      entries.push({ agency, role: agency === sender.code ? 'self' : 'to', kid, index });
    }
  });
  for (const agency of to)
    if (!entries.some((e) => e.agency === agency))
      errors.push({
        field: `${f}/jwe/recipients`,
        message: `no entry for ${agency} (key ${keys.get(agency)!.enc!.kid})`,
      });
  if (errors.length > 0) throw problems.validation(errors);
  const signedRecipients = Object.fromEntries(entries.map((e) => [e.agency, e.kid]));
  if (
    JSON.stringify(Object.entries(header.recipients).sort()) !==
    JSON.stringify(Object.entries(signedRecipients).sort())
  )
    throw fail('/header/recipients', 'must map each JWE entry’s agency to its kid, and no more');
  if (header.jwe !== jweDigest(sharedParts(jwe as GeneralJWE)))
    throw fail('/header/jwe', 'must be the SHA-256 of the JWE’s protected.iv.ciphertext.tag');

  if (signatureKid(signature) !== own.sig.kid)
    throw fail('/signature', `must be signed with ${sender.code}'s active signing key ${own.sig.kid}`);
  if (!(await verifyHeader(header as SignedHeader, signature, await publicKeyOf(own.sig))))
    throw fail('/signature', 'does not verify over the header');

  const thread = await resolveThread(ctx, principal, header.id, header, `${f}/header`);
  if (header.threadId !== thread.threadId)
    throw fail(
      '/header/threadId',
      'must be the id itself for a new thread, or the thread of the message answered',
    );
  const permission = header.forwardOf
    ? await checkForward(ctx, principal, header.forwardOf, to, `${f}/header`, header as Markings)
    : null;
  const carried = await carriedAttachments(ctx, header.forwardOf);
  await loadUploads(
    ctx,
    { agency: sender.code, id: uploaderOf(principal) },
    header.attachments.map((a) => a.id),
    'self',
    `${f}/header/attachments`,
    header.attachments,
    carried,
  );

  const release = await claimUploads(
    ctx,
    header.attachments.map((a) => a.id),
    `${f}/header/attachments`,
    now,
    carried,
  );
  const stored = store(ctx, principal, {
    header: header as SignedHeader,
    signature,
    signerKid: own.sig.kid,
    jwe: jwe as GeneralJWE,
    entries,
    now,
    answered: null,
    parent: thread.parent,
    forwardPermission: permission,
    urgentRequestId: null,
    mode: 'envelope',
  });
  try {
    return { message: await stored, repeated: false };
  } catch (error) {
    await release();
    if (!(error instanceof DuplicateMessage)) throw error;
    // A retry after a lost answer: the same signed message answers the stored one.
    const existing = await ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', header.id)
      .executeTakeFirstOrThrow();
    if (existing.from_agency === sender.code && existing.signature === signature)
      return { message: existing, repeated: true };
    throw problems.conflict(`A message ${header.id} exists already: make a new id.`);
  }
}

import type { Insertable, Transaction } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import type { Tables } from '../platform/db-schema.ts';
import { Problem, problems } from '../platform/errors.ts';
import {
  peekReceipt,
  type ReceiptKind,
  type ReceiptPayload,
  type SignedHeader,
  sha256b64,
  signReceipt,
  verifyReceipt,
} from './envelope.ts';
import { activeKeysOf, custodyOf, keyByKid, keysByKid, privateKeyOf, publicKeyOf } from './keys.ts';
import { mailboxCodes } from './mailbox.ts';
import { emitMessaging } from './notify.ts';
import type { MessageReceiptTable } from './tables.ts';
import type { MessageRow } from './verify.ts';

const STATE_COLUMN = { delivered: 'delivered_at', read: 'read_at', answered: 'answered_at' } as const;
/** How far a self-held system's clock may be ahead of ours when it dates a receipt. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function receiptPayload(
  message: Pick<MessageRow, 'id' | 'signature'>,
  agency: string,
  kind: ReceiptKind,
  at: Date,
): ReceiptPayload {
  return {
    v: 1,
    message: message.id,
    agency,
    kind,
    at: at.toISOString(),
    signature: sha256b64(message.signature),
  };
}

/** A receipt signed here with a server-held mailbox's key (web users reading and replying). */
export async function serverReceipt(
  ctx: Context,
  message: Pick<MessageRow, 'id' | 'signature'>,
  agency: string,
  kind: ReceiptKind,
  byName: string,
  at: Date,
): Promise<Insertable<MessageReceiptTable> | null> {
  const keys = (await activeKeysOf(ctx, [agency])).get(agency);
  const sig = keys?.sig;
  if (sig?.custody !== 'server' || !sig.private_sealed) return null;
  const jws = await signReceipt(
    receiptPayload(message, agency, kind, at),
    await privateKeyOf(ctx, sig),
    sig.kid,
  );
  return { message_id: message.id, agency, kind, at, kid: sig.kid, jws, by_name: byName };
}

/** Stores receipts (the first of each kind counts), updates the copies' state, tells the senders. */
export async function storeReceipts(
  trx: Transaction<Tables>,
  receipts: Insertable<MessageReceiptTable>[],
  senders: Map<string, string>,
  now: Date,
): Promise<number> {
  if (receipts.length === 0) return 0;
  const stored = await trx
    .insertInto('message_receipts')
    .values(receipts)
    .onConflict((oc) => oc.columns(['message_id', 'agency', 'kind']).doNothing())
    .returning(['message_id', 'agency', 'kind', 'at'])
    .execute();
  for (const r of stored) {
    await trx
      .updateTable('message_recipients')
      .set({ [STATE_COLUMN[r.kind]]: r.at })
      .where('message_id', '=', r.message_id)
      .where('agency', '=', r.agency)
      .execute();
  }
  await emitMessaging(
    trx,
    stored.map((r) => ({
      type: 'message.receipt',
      agency: senders.get(r.message_id) ?? null,
      payload: { messageId: r.message_id, agency: r.agency, kind: r.kind, at: r.at.toISOString() },
    })),
    now,
  );
  return stored.length;
}

/**
 * A recipient agency acknowledges a message: delivered, read or answered. Server-held
 * mailboxes have the server sign; self-held ones send the receipt as a JWS their system
 * signed, checked here against the directory before it is kept.
 */
export async function createReceipt(
  ctx: Context,
  principal: Principal,
  messageId: string,
  input: { kind: ReceiptKind; jws?: string; mailbox?: string },
) {
  const mailboxes = await mailboxCodes(ctx, principal, input.mailbox, '/body/mailbox');
  const copy = await ctx.db
    .selectFrom('message_recipients as r')
    .innerJoin('messages as m', 'm.id', 'r.message_id')
    .select(['m.id', 'm.signature', 'm.from_agency', 'm.sent_at', 'm.header', 'r.agency'])
    .where('r.message_id', '=', messageId)
    .where('r.role', '=', 'to')
    .where('r.agency', 'in', mailboxes)
    .executeTakeFirst();
  // A copy the sender did not address to this agency (a row written straight into the
  // database) is no message of its.
  if (!copy || !(copy.header as SignedHeader).recipients[copy.agency]) {
    await ctx.audit.record({
      principal,
      action: 'message.receipt',
      outcome: 'denied',
      objectType: 'message',
      objectId: messageId,
    });
    // The sender sees its message: "no such message" would be untrue. Receipts are the
    // recipients' to give.
    const own = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', messageId)
      .where('from_agency', 'in', mailboxes)
      .executeTakeFirst();
    if (own)
      throw problems.forbidden('Receipts are given by the recipients; this message is one your agency sent.');
    throw problems.notFound('message');
  }
  const custody = (await custodyOf(ctx.db, [copy.agency])).get(copy.agency);
  const now = ctx.clock.now();
  let receipt: Insertable<MessageReceiptTable> | null;
  if (custody === 'self') {
    if (!input.jws)
      throw problems.invalidField('/body/jws', 'a self-held agency signs its receipts: send the JWS');
    receipt = await checkedReceipt(ctx, input.jws, copy, input.kind, now, principal.name);
  } else {
    if (input.jws)
      throw problems.invalidField('/body/jws', 'your agency’s keys are server-held: the server signs');
    receipt = await serverReceipt(ctx, copy, copy.agency, input.kind, principal.name, now);
    if (!receipt)
      throw new Problem(409, 'no-signing-key', 'No signing key', `${copy.agency} has no usable signing key.`);
  }
  const stored = await ctx.db
    .transaction()
    .execute((trx) => storeReceipts(trx, [receipt!], new Map([[copy.id, copy.from_agency]]), now));
  await ctx.audit.record({
    principal,
    action: 'message.receipt',
    outcome: 'success',
    objectType: 'message',
    objectId: messageId,
    objectAgency: copy.from_agency,
    details: { kind: input.kind, mailbox: copy.agency, new: stored > 0 },
  });
  // A receipt given before stands: its time, not this request's.
  const at =
    stored > 0
      ? receipt.at
      : (
          await ctx.db
            .selectFrom('message_receipts')
            .select('at')
            .where('message_id', '=', copy.id)
            .where('agency', '=', copy.agency)
            .where('kind', '=', input.kind)
            .executeTakeFirstOrThrow()
        ).at;
  return {
    messageId,
    agency: copy.agency,
    kind: input.kind,
    at: new Date(at).toISOString(),
    created: stored > 0,
  };
}

async function checkedReceipt(
  ctx: Context,
  jws: string,
  copy: { id: string; signature: string; sent_at: Date; agency: string },
  kind: ReceiptKind,
  now: Date,
  byName: string,
): Promise<Insertable<MessageReceiptTable>> {
  const claimed = peekReceipt(jws);
  const [protectedPart] = jws.split('.');
  let kid: string | undefined;
  try {
    kid = JSON.parse(Buffer.from(protectedPart ?? '', 'base64url').toString('utf8')).kid;
  } catch {
    kid = undefined;
  }
  const fail = (message: string) => problems.invalidField('/body/jws', message);
  if (!claimed || !kid) throw fail('is not a compact JWS receipt');
  const key = await keyByKid(ctx.db, kid);
  if (!key || key.agency_code !== copy.agency || key.use !== 'sig')
    throw fail(`is not signed with a signing key of ${copy.agency}`);
  if (key.status === 'revoked') throw fail('is signed with a revoked key');
  const payload = await verifyReceipt(jws, await publicKeyOf(key));
  if (!payload) throw fail('does not verify');
  const expected = receiptPayload(copy, copy.agency, kind, new Date(payload.at));
  if (payload.message !== expected.message || payload.agency !== expected.agency || payload.kind !== kind)
    throw fail(`must be a ${kind} receipt of ${copy.agency} for message ${copy.id}`);
  if (payload.signature !== expected.signature) throw fail('names another signature than the message’s');
  const at = new Date(payload.at);
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + CLOCK_SKEW_MS || at < copy.sent_at)
    throw fail('is dated before the message or in the future');
  return { message_id: copy.id, agency: copy.agency, kind, at, kid, jws, by_name: byName };
}

/** The sender's view: each recipient's state and receipts, each receipt's signature checked. */
export async function recipientStates(ctx: Context, message: MessageRow) {
  const [copies, receipts] = await Promise.all([
    ctx.db
      .selectFrom('message_recipients')
      .select(['agency', 'delivered_at', 'read_at', 'answered_at', 'fetched_at'])
      .where('message_id', '=', message.id)
      .where('role', '=', 'to')
      .orderBy('agency')
      .execute(),
    ctx.db
      .selectFrom('message_receipts')
      .selectAll()
      .where('message_id', '=', message.id)
      .orderBy('at')
      .execute(),
  ]);
  const keys = await keysByKid(
    ctx.db,
    receipts.map((r) => r.kid),
  );
  const checked = await Promise.all(
    receipts.map(async (r) => {
      const key = keys.get(r.kid);
      const payload =
        key && key.agency_code === r.agency ? await verifyReceipt(r.jws, await publicKeyOf(key)) : null;
      // The receipt's own words, not the row's: its agency and time as signed.
      const valid =
        payload !== null &&
        payload.message === message.id &&
        payload.agency === r.agency &&
        payload.kind === r.kind &&
        new Date(payload.at).getTime() === r.at.getTime() &&
        payload.signature === sha256b64(message.signature);
      return { ...r, valid };
    }),
  );
  // Only the recipients the sender signed for: a copy row added in the database is not one.
  const addressed = (message.header as SignedHeader).recipients;
  return copies
    .filter((c) => addressed[c.agency] !== undefined)
    .map((c) => ({
      agency: c.agency,
      deliveredAt: c.delivered_at?.toISOString() ?? null,
      readAt: c.read_at?.toISOString() ?? null,
      answeredAt: c.answered_at?.toISOString() ?? null,
      fetchedAt: c.fetched_at?.toISOString() ?? null,
      receipts: checked
        .filter((r) => r.agency === c.agency)
        .map((r) => ({ kind: r.kind, at: r.at.toISOString(), by: r.by_name, valid: r.valid })),
    }));
}

import { createHash } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import { problems } from '../platform/errors.ts';
import {
  type Copy,
  envelopeOf,
  type MessageDto,
  messageDto,
  type OpenedCopy,
  openCopies,
  type RecipientRow,
} from './copies.ts';
import type { MessageContent, SignedHeader } from './envelope.ts';
import { activeKeysOf, custodyOf } from './keys.ts';
import { mailboxCodes } from './mailbox.ts';
import { idBoundsOf } from './message-time.ts';
import { recipientStates, serverReceipt, storeReceipts } from './receipts.ts';
import type { MessageListQuery } from './schema.ts';
import type { MessageReceiptTable } from './tables.ts';
import type { MessageRow } from './verify.ts';

const ENTRY_COLUMNS = [
  'r.message_id as r_message_id',
  'r.agency as r_agency',
  'r.role as r_role',
  'r.kid as r_kid',
  'r.header as r_header',
  'r.encrypted_key as r_encrypted_key',
  'r.fetched_at as r_fetched_at',
  'r.delivered_at as r_delivered_at',
  'r.read_at as r_read_at',
  'r.answered_at as r_answered_at',
] as const;

type Joined = MessageRow & {
  r_message_id: string | null;
  r_agency: string | null;
  r_role: 'to' | 'self' | null;
  r_kid: string | null;
  r_header: unknown;
  r_encrypted_key: string | null;
  r_fetched_at: Date | null;
  r_delivered_at: Date | null;
  r_read_at: Date | null;
  r_answered_at: Date | null;
};

function toCopy(row: Joined, box: 'inbox' | 'sent'): Copy {
  const {
    r_message_id,
    r_agency,
    r_role,
    r_kid,
    r_header,
    r_encrypted_key,
    r_fetched_at,
    r_delivered_at,
    r_read_at,
    r_answered_at,
    ...message
  } = row;
  const entry: RecipientRow | null =
    r_message_id && r_agency && r_role && r_kid && r_encrypted_key
      ? {
          message_id: r_message_id,
          agency: r_agency,
          role: r_role,
          kid: r_kid,
          header: r_header,
          encrypted_key: r_encrypted_key,
          fetched_at: r_fetched_at,
          delivered_at: r_delivered_at,
          read_at: r_read_at,
          answered_at: r_answered_at,
        }
      : null;
  return { message, entry, box, mailbox: box === 'inbox' ? r_agency! : message.from_agency };
}

function inboxQuery(ctx: Context, mailboxes: string[]) {
  return (
    ctx.db
      .selectFrom('message_recipients as r')
      .innerJoin('messages as m', 'm.id', 'r.message_id')
      .selectAll('m')
      .select(ENTRY_COLUMNS)
      // Written as a literal, not a parameter: the indexes of copies not yet fetched (the
      // delivery queue) and not yet read are partial on role = 'to', and should PostgreSQL
      // settle on a generic plan for the prepared statement, that plan cannot use them for
      // `role = $1` (forced generic, an empty queue's poll read every copy: 30 ms at 300,000
      // copies, against 0.02 ms).
      .where(sql<boolean>`r.role = 'to'`)
      .where('r.agency', 'in', mailboxes)
  );
}

function sentQuery(ctx: Context, mailboxes: string[]) {
  return ctx.db
    .selectFrom('messages as m')
    .leftJoin('message_recipients as r', (join) =>
      join.onRef('r.message_id', '=', 'm.id').on('r.role', '=', 'self'),
    )
    .selectAll('m')
    .select(ENTRY_COLUMNS)
    .where('m.from_agency', 'in', mailboxes);
}

/** Folds case and accents, so that "Ndege" finds "NDÉGÉ". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function matches(content: MessageContent | null, words: string[]): boolean {
  if (!content) return false;
  const haystack = fold(
    [content.subject, content.body, content.caseRef ?? '', ...content.attachments.map((a) => a.name)].join(
      '\n',
    ),
  );
  return words.every((w) => haystack.includes(w));
}

/** Search decrypts as it goes: at most this many messages per page are looked at. */
const SEARCH_SCAN = 1000;
const SEARCH_BATCH = 100;

/**
 * A page of a mailbox listing as keys (message, mailbox), newest first: one mailbox at a
 * time along its own index, the mailboxes of a bureau and its units merged. Only then are
 * those copies read whole: asking for whole rows straight away let the planner prefer
 * walking every copy of the network newest first (it needs the rows anyway), which for
 * "unread only" in an inbox with nothing unread meant reading all of it.
 */
export async function pageKeys(
  ctx: Context,
  mailboxes: string[],
  box: 'inbox' | 'sent',
  query: MessageListQuery,
  cursor: string | undefined,
  size: number,
): Promise<{ id: string; mailbox: string }[]> {
  const mailboxKeys = (mailbox: string) => {
    let q = box === 'inbox' ? inboxQuery(ctx, [mailbox]) : sentQuery(ctx, [mailbox]);
    if (query.from && box === 'inbox') q = q.where('m.from_agency', '=', query.from);
    // In an inbox, the copy's priority, a literal (an enum the schema checked), so that the
    // index of a mailbox's urgent and flash copies serves even a generic plan.
    if (query.priority && box === 'inbox') q = q.where(sql<boolean>`r.priority = ${sql.lit(query.priority)}`);
    else if (query.priority) q = q.where('m.priority', '=', query.priority);
    if (query.handling) q = q.where('m.handling', '=', query.handling);
    if (query.unread && box === 'inbox') q = q.where('r.read_at', 'is', null);
    if (query.threadId) q = q.where('m.thread_id', '=', query.threadId);
    if (query.since) q = q.where('m.sent_at', '>=', new Date(query.since));
    if (query.until) q = q.where('m.sent_at', '<', new Date(query.until));
    // The window as ids too, and the cursor, so that the indexes walk only that stretch. In an
    // inbox on both sides of the join: PostgreSQL carries only equalities across it, and with
    // the copy's bound alone it merged the copies with every message newer than the cursor
    // (63 ms for a page 30 days back in a bureau of 1,000,000 messages; 0.3 ms with both).
    const ids = idBoundsOf(query.since, query.until);
    const idColumns = box === 'inbox' ? (['r.message_id', 'm.id'] as const) : (['m.id'] as const);
    for (const column of idColumns) {
      if (ids.lowest) q = q.where(column, '>=', ids.lowest);
      if (ids.below) q = q.where(column, '<', ids.below);
      if (cursor) q = q.where(column, '<', cursor);
    }
    return q
      .clearSelect()
      .select(['m.id as id', sql.lit(mailbox).as('mailbox')])
      .orderBy('m.id', 'desc')
      .limit(size);
  };
  const pages = mailboxes.map((mailbox, i) =>
    ctx.db.selectFrom(mailboxKeys(mailbox).as(`b${i}`)).selectAll(),
  );
  return pages.length === 1
    ? await mailboxKeys(mailboxes[0]!).execute()
    : await ctx.db
        .selectFrom(
          pages
            .slice(1)
            .reduce((u, p) => u.unionAll(p), pages[0]!)
            .as('merged'),
        )
        .selectAll()
        .orderBy('id', 'desc')
        .limit(size)
        .execute();
}

export async function listMessages(ctx: Context, principal: Principal, query: MessageListQuery) {
  const box = query.box ?? 'inbox';
  const limit = query.limit ?? 50;
  const mailboxes = await mailboxCodes(ctx, principal, query.mailbox);
  if (mailboxes.length === 0) throw problems.forbidden('You read no mailbox.');
  const words = query.q ? fold(query.q).split(/\s+/).filter(Boolean) : [];
  if (words.length > 0) {
    const custody = await custodyOf(ctx.db, mailboxes);
    if (mailboxes.every((m) => custody.get(m) === 'self'))
      throw problems.invalidField(
        '/query/q',
        'your agency holds its own keys: search the content in its own system',
      );
  }
  const page = async (cursor: string | undefined, size: number): Promise<Joined[]> => {
    const keys = await pageKeys(ctx, mailboxes, box, query, cursor, size);
    if (keys.length === 0) return [];
    const owners = [...new Set(keys.map((k) => k.mailbox))];
    const rows = (await (box === 'inbox' ? inboxQuery(ctx, owners) : sentQuery(ctx, owners))
      .where(
        'm.id',
        'in',
        keys.map((k) => k.id),
      )
      .execute()) as Joined[];
    const byKey = new Map(rows.map((r) => [`${r.id}|${box === 'inbox' ? r.r_agency : r.from_agency}`, r]));
    return keys.flatMap((k) => byKey.get(`${k.id}|${k.mailbox}`) ?? []);
  };

  let items: OpenedCopy[] = [];
  let nextCursor: string | null = null;
  if (words.length === 0) {
    const rows = await page(query.cursor, limit + 1);
    items = await openCopies(
      ctx,
      rows.slice(0, limit).map((r) => toCopy(r, box)),
    );
    nextCursor = rows.length > limit ? rows[limit - 1]!.id : null;
  } else {
    // Pages continue after the last message looked at, matched or not.
    let cursor = query.cursor;
    let scanned = 0;
    for (;;) {
      const rows = await page(cursor, SEARCH_BATCH);
      for (const copy of await openCopies(
        ctx,
        rows.map((r) => toCopy(r, box)),
      )) {
        scanned++;
        cursor = copy.message.id;
        if (matches(copy.content, words)) items.push(copy);
        if (items.length === limit) break;
      }
      if (items.length === limit || scanned >= SEARCH_SCAN) {
        nextCursor = cursor ?? null;
        break;
      }
      if (rows.length < SEARCH_BATCH) break;
    }
  }
  await ctx.audit.record({
    principal,
    action: 'message.list',
    outcome: 'success',
    objectType: 'message',
    resultCount: items.length,
    ...(query.q
      ? { queryFingerprint: createHash('sha256').update(fold(query.q)).digest('hex').slice(0, 32) }
      : {}),
    details: { box, mailboxes },
  });
  return { items: items.map((c) => messageDto(c)), nextCursor };
}

async function findCopies(
  ctx: Context,
  principal: Principal,
  ids: string[],
  mailbox?: string,
  byThread = false,
) {
  const mailboxes = await mailboxCodes(ctx, principal, mailbox);
  if (mailboxes.length === 0) return [];
  const column = byThread ? 'm.thread_id' : 'm.id';
  const [inbox, sent] = await Promise.all([
    inboxQuery(ctx, mailboxes).where(column, 'in', ids).execute() as Promise<Joined[]>,
    sentQuery(ctx, mailboxes).where(column, 'in', ids).execute() as Promise<Joined[]>,
  ]);
  return [...inbox.map((r) => toCopy(r, 'inbox')), ...sent.map((r) => toCopy(r, 'sent'))];
}

/** The copy a principal reads: its own agency's first, else a unit's; the sent copy for the sender. */
function preferred(copies: Copy[], principal: Principal): Copy | undefined {
  return (
    copies.find((c) => c.mailbox === principal.agency.code) ??
    copies.find((c) => c.box === 'inbox') ??
    copies[0]
  );
}

/**
 * Opening an inbox copy in a server-held mailbox is reading it: the server signs the
 * delivered and read receipts for the agency (a system's API key marks it delivered only).
 */
async function acknowledge(ctx: Context, principal: Principal, copies: OpenedCopy[]): Promise<void> {
  const now = ctx.clock.now();
  const receipts: Insertable<MessageReceiptTable>[] = [];
  const senders = new Map<string, string>();
  for (const copy of copies) {
    // No receipt for a copy that does not verify: the agency would sign for what it cannot trust.
    if (
      copy.box !== 'inbox' ||
      copy.custody === 'self' ||
      !copy.entry ||
      copy.verification.status === 'invalid'
    )
      continue;
    const kinds = principal.type === 'user' ? (['delivered', 'read'] as const) : (['delivered'] as const);
    for (const kind of kinds) {
      if (kind === 'delivered' && copy.entry.delivered_at) continue;
      if (kind === 'read' && copy.entry.read_at) continue;
      const receipt = await serverReceipt(ctx, copy.message, copy.mailbox, kind, principal.name, now);
      if (receipt) {
        receipts.push(receipt);
        senders.set(copy.message.id, copy.message.from_agency);
        if (kind === 'read') copy.entry.read_at = now;
        else copy.entry.delivered_at = now;
      }
    }
  }
  if (receipts.length > 0)
    await ctx.db.transaction().execute((trx) => storeReceipts(trx, receipts, senders, now));
}

/** The principal's copy of a message, opened (decrypted where server-held, verified); no side effects. */
export async function openOwnCopy(
  ctx: Context,
  principal: Principal,
  id: string,
  mailbox?: string,
): Promise<OpenedCopy | undefined> {
  const copy = preferred(await findCopies(ctx, principal, [id], mailbox), principal);
  if (!copy) return undefined;
  return (await openCopies(ctx, [copy]))[0];
}

/**
 * What a reply that leaves them out takes from the message it answers: "Re: " and its
 * subject, and its sender — or, answering one's own message, its recipients. Nothing when the
 * message is not in the principal's mailboxes or not readable here (the send then names it).
 */
export async function replyDefaults(
  ctx: Context,
  principal: Principal,
  inReplyTo: string,
  mailbox?: string,
): Promise<{ subject?: string; to?: string[] }> {
  const opened = await openOwnCopy(ctx, principal, inReplyTo, mailbox);
  if (!opened?.content) return {};
  const subject = opened.content.subject;
  return {
    subject: (/^re:/i.test(subject) ? subject : `Re: ${subject}`).slice(0, 300),
    to: opened.box === 'sent' ? opened.content.to : [opened.message.from_agency],
  };
}

/** What the sender sees right after sending: its own copy, opened. */
export async function sentView(ctx: Context, message: MessageRow) {
  const entry = await ctx.db
    .selectFrom('message_recipients')
    .selectAll()
    .where('message_id', '=', message.id)
    .where('role', '=', 'self')
    .executeTakeFirst();
  const [opened] = await openCopies(ctx, [
    { message, entry: entry ?? null, box: 'sent', mailbox: message.from_agency },
  ]);
  return messageDto(opened!, { envelope: opened!.custody === 'self' });
}

export async function getMessage(
  ctx: Context,
  principal: Principal,
  id: string,
  options: { mailbox?: string; envelope?: boolean } = {},
): Promise<MessageDto & { recipients?: Awaited<ReturnType<typeof recipientStates>> }> {
  const copy = preferred(await findCopies(ctx, principal, [id], options.mailbox), principal);
  if (!copy) {
    await ctx.audit.record({
      principal,
      action: 'message.read',
      outcome: 'denied',
      objectType: 'message',
      objectId: id,
    });
    throw problems.notFound('message');
  }
  const [opened] = await openCopies(ctx, [copy]);
  await acknowledge(ctx, principal, [opened!]);
  await ctx.audit.record({
    principal,
    action: 'message.read',
    outcome: 'success',
    objectType: 'message',
    objectId: id,
    objectAgency: copy.message.from_agency,
    details: { mailbox: copy.mailbox, box: copy.box, verification: opened!.verification.status },
  });
  const dto = messageDto(opened!, { envelope: options.envelope || opened!.custody === 'self' });
  return copy.box === 'sent' ? { ...dto, recipients: await recipientStates(ctx, copy.message) } : dto;
}

/** A whole thread as the principal's mailboxes hold it, oldest first; opening it reads it. */
export async function getThread(ctx: Context, principal: Principal, threadId: string, mailbox?: string) {
  const copies = await findCopies(ctx, principal, [threadId], mailbox, true);
  // One copy per message: the principal's own agency's when it has two (a bureau and its unit).
  const byMessage = new Map<string, Copy[]>();
  for (const c of copies) byMessage.set(c.message.id, [...(byMessage.get(c.message.id) ?? []), c]);
  const chosen = [...byMessage.values()].map((cs) => preferred(cs, principal)!);
  if (chosen.length === 0) {
    await ctx.audit.record({
      principal,
      action: 'message.thread',
      outcome: 'denied',
      objectType: 'thread',
      objectId: threadId,
    });
    throw problems.notFound('thread');
  }
  chosen.sort((a, b) => (a.message.id < b.message.id ? -1 : 1));
  const opened = await openCopies(ctx, chosen);
  await acknowledge(ctx, principal, opened);
  // All at once: the audit writer commits them as one batch.
  await Promise.all(
    opened.map((copy) =>
      ctx.audit.record({
        principal,
        action: 'message.read',
        outcome: 'success',
        objectType: 'message',
        objectId: copy.message.id,
        objectAgency: copy.message.from_agency,
        details: {
          mailbox: copy.mailbox,
          box: copy.box,
          thread: threadId,
          verification: copy.verification.status,
        },
      }),
    ),
  );
  const items = await Promise.all(
    opened.map(async (copy) => {
      const dto = messageDto(copy, { envelope: copy.custody === 'self' });
      return copy.box === 'sent' ? { ...dto, recipients: await recipientStates(ctx, copy.message) } : dto;
    }),
  );
  return { threadId, items };
}

/**
 * The delivery queue for systems that cannot take a webhook: the messages their agency has
 * not yet acknowledged taking, oldest first, as envelopes. Nothing leaves the queue until
 * the system acknowledges it, so a crash between fetching and storing loses nothing.
 */
export async function pendingDeliveries(
  ctx: Context,
  principal: Principal,
  query: { mailbox?: string; limit?: number },
) {
  const mailboxes = await queueOf(ctx, principal, query.mailbox, '/query/mailbox');
  const rows = (await inboxQuery(ctx, mailboxes)
    .where('r.fetched_at', 'is', null)
    .orderBy('m.id')
    .limit(query.limit ?? 100)
    .execute()) as Joined[];
  const items = rows.map((r) => {
    const copy = toCopy(r, 'inbox');
    return {
      id: copy.message.id,
      reference: copy.message.reference,
      mailbox: copy.mailbox,
      sentAt: copy.message.sent_at.toISOString(),
      sentBy: copy.message.sent_by,
      urgentRequestId: copy.message.urgent_request_id,
      ...envelopeOf(copy)!,
    };
  });
  // All at once: the audit writer commits them as one batch.
  await Promise.all(
    items.map((item) =>
      ctx.audit.record({
        principal,
        action: 'message.fetch',
        outcome: 'success',
        objectType: 'message',
        objectId: item.id,
        objectAgency: item.header.from,
        details: { mailbox: item.mailbox },
      }),
    ),
  );
  return { items };
}

/**
 * The delivery queue a system takes: its own agency's, or — named — a unit's whose keys the
 * server holds. Each system takes its own: a bureau's system that took its units' messages
 * by default emptied a self-held unit's queue of messages only the unit could open.
 */
async function queueOf(ctx: Context, principal: Principal, mailbox: string | undefined, field: string) {
  const wanted = mailbox ?? principal.agency.code;
  const mailboxes = await mailboxCodes(ctx, principal, wanted, field);
  if (wanted !== principal.agency.code && (await custodyOf(ctx.db, [wanted])).get(wanted) === 'self')
    throw problems.invalidField(field, `${wanted} holds its own keys: its own system takes its messages`);
  return mailboxes;
}

/** Marks the copies of these messages in these mailboxes taken from the delivery queue. */
export function ackStatement(db: Kdb, ids: string[], mailboxes: string[], now: Date) {
  return (
    db
      .updateTable('message_recipients')
      .set({ fetched_at: now })
      // = ANY(array): one statement whatever the number of ids (up to 500).
      .where(sql<boolean>`message_id = ANY(${ids}::uuid[])`)
      .where('agency', 'in', mailboxes)
      // A literal, as in inboxQuery: the delivery queue's partial index (role = 'to', not yet
      // fetched) then serves a generic plan too. With `role = $n`, PostgreSQL's generic plan
      // could walk the mailbox's index on (agency, role) and filter every copy the mailbox
      // ever received against the ids: 16,000 rows read for an ack of 100 in a benchmark's
      // fresh mailbox (whose statistics still said "empty"), more with every message.
      .where(sql<boolean>`role = 'to'`)
      .where('fetched_at', 'is', null)
      .returning(['message_id', 'agency'])
  );
}

export async function ackDeliveries(ctx: Context, principal: Principal, ids: string[], mailbox?: string) {
  const mailboxes = await queueOf(ctx, principal, mailbox, '/body/mailbox');
  const now = ctx.clock.now();
  const acked = await ackStatement(ctx.db, ids, mailboxes, now).execute();
  // A server-held agency polling through a system: the server signs "delivered" for it.
  // The active keys are cached (keys.ts); only a server-held signing key can sign here.
  const keys = await activeKeysOf(ctx, [...new Set(acked.map((a) => a.agency))]);
  const serverHeld = acked.filter((a) => keys.get(a.agency)?.sig?.custody === 'server');
  if (serverHeld.length > 0) {
    const messages = await ctx.db
      .selectFrom('messages')
      .select(['id', 'signature', 'from_agency', 'header'])
      .where(
        'id',
        'in',
        serverHeld.map((a) => a.message_id),
      )
      .execute();
    const byId = new Map(messages.map((m) => [m.id, m]));
    const receipts: Insertable<MessageReceiptTable>[] = [];
    for (const a of serverHeld) {
      const m = byId.get(a.message_id)!;
      // Only for a copy the sender addressed to this agency (signed in the header).
      if (!(m.header as SignedHeader).recipients[a.agency]) continue;
      const receipt = await serverReceipt(ctx, m, a.agency, 'delivered', principal.name, now);
      if (receipt) receipts.push(receipt);
    }
    await ctx.db
      .transaction()
      .execute((trx) =>
        storeReceipts(trx, receipts, new Map(messages.map((m) => [m.id, m.from_agency])), now),
      );
  }
  await ctx.audit.record({
    principal,
    action: 'message.ack',
    outcome: 'success',
    objectType: 'message',
    resultCount: acked.length,
    details: { ids: acked.map((a) => a.message_id).slice(0, 500) },
  });
  return { acknowledged: acked.length };
}

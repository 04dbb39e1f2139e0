import { type Selectable, sql } from 'kysely';
import { decidesForwarding, forwardRefusals } from '../access/messaging.ts';
import type { Principal } from '../access/principal.ts';
import { agencyRef } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import { type FieldError, Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { sentDto } from './copies.ts';
import type { Handling, Priority, Tlp } from './envelope.ts';
import { restrictionSource } from './forward-rules.ts';
import { mailboxCodes } from './mailbox.ts';
import { emitMessaging } from './notify.ts';
import { openOwnCopy } from './read.ts';
import { sendAsServer } from './send.ts';
import type { ForwardPermissionTable } from './tables.ts';

type PermissionRow = Selectable<ForwardPermissionTable>;

function permissionDto(row: PermissionRow, reference: string, sourceReference: string) {
  return {
    id: row.id,
    messageId: row.message_id,
    messageReference: reference,
    sourceMessageId: row.source_message_id ?? row.message_id,
    sourceReference,
    owner: row.owner_agency,
    requester: row.requester,
    requestedBy: row.requested_by,
    targets: row.targets,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

/** The reference of the decider's message a request is about. */
async function referenceOf(ctx: Context, row: PermissionRow): Promise<string> {
  const source = await ctx.db
    .selectFrom('messages')
    .select('reference')
    .where('id', '=', row.source_message_id ?? row.message_id)
    .executeTakeFirstOrThrow();
  return source.reference;
}

/** The message as one of the principal's mailboxes received it. */
async function receivedCopy(ctx: Context, principal: Principal, messageId: string, mailbox?: string) {
  const mailboxes = await mailboxCodes(ctx, principal, mailbox, '/body/mailbox');
  const row = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('message_recipients as r', 'r.message_id', 'm.id')
    .selectAll('m')
    .where('m.id', '=', messageId)
    .where('r.agency', 'in', mailboxes)
    .where('r.role', '=', 'to')
    .executeTakeFirst();
  return row;
}

/**
 * Asks for permission to pass an H2/H3 message on to named agencies: of the agency that put
 * the restriction on it (its originator, or — for a forward — the first originator whose
 * restriction the forward carries).
 */
export async function requestForwardPermission(
  ctx: Context,
  principal: Principal,
  messageId: string,
  input: { to: string[]; mailbox?: string },
) {
  const denied = (more: { objectAgency?: string; details?: Record<string, unknown> } = {}) =>
    ctx.audit.record({
      principal,
      action: 'message.forward-request',
      outcome: 'denied',
      objectType: 'message',
      objectId: messageId,
      ...more,
    });
  const message = await receivedCopy(ctx, principal, messageId, input.mailbox);
  if (!message || !principal.permissions.has('messages:send')) {
    await denied();
    throw problems.notFound('message');
  }
  const known = new Map(
    (await ctx.db.selectFrom('agencies').selectAll().where('code', 'in', input.to).execute()).map((a) => [
      a.code,
      agencyRef(a),
    ]),
  );
  const errors: FieldError[] = [];
  input.to.forEach((code, i) => {
    if (!known.has(code)) errors.push({ field: `/body/to/${i}`, message: `unknown agency ${code}` });
    else if (code === message.from_agency || message.recipients.includes(code))
      errors.push({ field: `/body/to/${i}`, message: `${code} already holds this message` });
  });
  if (errors.length > 0) throw problems.validation(errors);
  // What no permission could allow (TLP:RED goes to its named recipients only, AMBER+STRICT
  // stays in the organisation) is refused now, not asked of the originator to grant in vain.
  const hopeless = forwardRefusals(
    { handling: message.handling as Handling, tlp: message.tlp as Tlp },
    principal.agency,
    [...known.values()],
    new Set(),
    new Set(input.to),
  );
  if (hopeless.length > 0) {
    await denied({ objectAgency: message.from_agency, details: { refusals: hopeless } });
    throw new Problem(
      403,
      'forward-refused',
      'Forwarding refused',
      `No permission can allow it: ${hopeless.map((r) => `${r.agency} (${r.reason})`).join(', ')}. Ask ${message.from_agency} to send it to them.`,
      { refusals: hopeless, originator: message.from_agency },
    );
  }
  // Asked of the agency that restricted the information, about its own message.
  const source = (await restrictionSource(ctx, messageId))!;
  const now = ctx.clock.now();
  const targets = [...input.to].sort();
  const result = await ctx.db.transaction().execute(async (trx) => {
    // One pending request per message, requester, targets and decider (0024, 0025): asked again,
    // the one pending answers. The index's predicate is a literal, as ON CONFLICT needs it to
    // be for a generic plan to find the index.
    const inserted = await trx
      .insertInto('forward_permissions')
      .values({
        id: newId(),
        message_id: messageId,
        source_message_id: source.messageId,
        owner_agency: source.agency,
        requester: principal.agency.code,
        requested_by: principal.name,
        targets,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['message_id', 'requester', 'targets', 'owner_agency'])
          .where(sql<boolean>`status = 'pending'`)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const pending = await trx
        .selectFrom('forward_permissions')
        .selectAll()
        .where('message_id', '=', messageId)
        .where('requester', '=', principal.agency.code)
        .where('owner_agency', '=', source.agency)
        .where(sql<boolean>`targets = ${targets}::text[]`)
        .where(sql<boolean>`status = 'pending'`)
        .executeTakeFirstOrThrow();
      return { row: pending, created: false };
    }
    await emitMessaging(
      trx,
      [
        {
          type: 'forward.requested',
          agency: source.agency,
          payload: {
            id: inserted.id,
            messageId,
            reference: message.reference,
            sourceMessageId: source.messageId,
            sourceReference: source.reference,
            requester: principal.agency.code,
            targets,
          },
        },
      ],
      now,
    );
    return { row: inserted, created: true };
  });
  await ctx.audit.record({
    principal,
    action: 'message.forward-request',
    outcome: 'success',
    objectType: 'message',
    objectId: messageId,
    objectAgency: source.agency,
    details: { permission: result.row.id, targets, new: result.created },
  });
  return {
    permission: permissionDto(result.row, message.reference, await referenceOf(ctx, result.row)),
    created: result.created,
  };
}

export async function listForwardPermissions(
  ctx: Context,
  principal: Principal,
  query: { role?: 'incoming' | 'outgoing'; status?: 'pending' | 'granted' | 'denied'; messageId?: string },
) {
  let q = ctx.db
    .selectFrom('forward_permissions as p')
    .innerJoin('messages as m', 'm.id', 'p.message_id')
    .innerJoin('messages as s', (j) => j.on(sql`s.id`, '=', sql`coalesce(p.source_message_id, p.message_id)`))
    .selectAll('p')
    .select(['m.reference', 's.reference as source_reference'])
    .orderBy('p.created_at', 'desc')
    .limit(200);
  const me = principal.agency.code;
  if (query.role === 'incoming') q = q.where('p.owner_agency', '=', me);
  else if (query.role === 'outgoing') q = q.where('p.requester', '=', me);
  else q = q.where((eb) => eb.or([eb('p.owner_agency', '=', me), eb('p.requester', '=', me)]));
  if (query.status) q = q.where('p.status', '=', query.status);
  // A message's requests include those about forwards of it whose restriction is its own.
  if (query.messageId) {
    const id = query.messageId;
    q = q.where((eb) => eb.or([eb('p.message_id', '=', id), eb('p.source_message_id', '=', id)]));
  }
  const rows = await q.execute();
  await ctx.audit.record({
    principal,
    action: 'message.forward-request.list',
    outcome: 'success',
    resultCount: rows.length,
  });
  return { items: rows.map((r) => permissionDto(r, r.reference, r.source_reference)) };
}

/** The originator grants or denies; the requester is told, and may then forward. */
export async function decideForwardPermission(
  ctx: Context,
  principal: Principal,
  id: string,
  grant: boolean,
) {
  const row = await ctx.db
    .selectFrom('forward_permissions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !decidesForwarding(principal, row.owner_agency)) {
    await ctx.audit.record({
      principal,
      action: 'message.forward-decision',
      outcome: 'denied',
      objectType: 'forward-permission',
      objectId: id,
    });
    throw problems.notFound('forwarding request');
  }
  if (row.status !== 'pending')
    throw new Problem(409, 'already-decided', 'Already decided', `This request was ${row.status}.`);
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const next = await trx
      .updateTable('forward_permissions')
      .set({ status: grant ? 'granted' : 'denied', decided_by: principal.name, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    // Decided by another click or another officer since it was read.
    if (!next)
      throw new Problem(409, 'already-decided', 'Already decided', 'This request was decided meanwhile.');
    await emitMessaging(
      trx,
      [
        {
          type: 'forward.decided',
          agency: row.requester,
          payload: { id, messageId: row.message_id, status: next.status, targets: row.targets },
        },
      ],
      now,
    );
    return next;
  });
  await ctx.audit.record({
    principal,
    action: 'message.forward-decision',
    outcome: 'success',
    objectType: 'message',
    objectId: row.message_id,
    objectAgency: row.owner_agency,
    details: { permission: id, granted: grant, targets: row.targets, requester: row.requester },
  });
  const message = await ctx.db
    .selectFrom('messages')
    .select('reference')
    .where('id', '=', row.message_id)
    .executeTakeFirstOrThrow();
  return permissionDto(updated, message.reference, await referenceOf(ctx, updated));
}

/**
 * Forwards a message (server-held forwarders): a new message from the forwarder, with the
 * original inside as read and verified here, its markings kept (a forward never lowers
 * them), its attachments carried by reference. The markings' rules are checked first.
 */
export async function forwardMessage(
  ctx: Context,
  principal: Principal,
  messageId: string,
  input: {
    to?: string[];
    groups?: string[];
    note?: string;
    priority?: Priority;
    handling?: Handling;
    handlingNote?: string;
    tlp?: Tlp;
    mailbox?: string;
  },
) {
  const opened = await openOwnCopy(ctx, principal, messageId, input.mailbox);
  if (!opened) {
    await ctx.audit.record({
      principal,
      action: 'message.forward',
      outcome: 'denied',
      objectType: 'message',
      objectId: messageId,
    });
    throw problems.notFound('message');
  }
  if (!opened.content)
    throw new Problem(
      409,
      'key-custody',
      'Key custody',
      'This copy is not readable here (self-held keys): forward it from your agency’s system.',
    );
  const { content, message } = opened;
  const sent = await sendAsServer(ctx, principal, {
    ...(input.to ? { to: input.to } : {}),
    ...(input.groups ? { groups: input.groups } : {}),
    subject: `Fwd: ${content.subject}`.slice(0, 300),
    body: input.note ?? '',
    priority: input.priority ?? (message.priority as Priority),
    // The original's markings, or stricter ones the forwarder adds (checkForward refuses lower).
    handling: input.handling ?? (message.handling as Handling),
    // An H3 original's note travels with it (checkForward refuses another in its place).
    handlingNote: input.handling
      ? (input.handlingNote ?? (message.handling === 'H3' ? message.handling_note : null))
      : message.handling_note,
    tlp: input.tlp ?? (message.tlp as Tlp),
    evaluation: message.evaluation,
    references: [{ type: 'message', id: message.id, label: message.reference }],
    caseRef: content.caseRef,
    forward: {
      of: messageId,
      attachments: content.attachments,
      content: {
        id: message.id,
        reference: message.reference,
        from: message.from_agency,
        sentAt: message.sent_at.toISOString(),
        subject: content.subject,
        body: content.body,
        references: content.references,
        caseRef: content.caseRef,
        handling: message.handling as Handling,
        tlp: message.tlp as Tlp,
        verification: opened.verification.status,
      },
    },
  });
  return sentDto(sent.message, sent.content);
}

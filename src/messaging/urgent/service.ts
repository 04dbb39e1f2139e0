import { type Selectable, sql, type Transaction } from 'kysely';
import {
  actsOnUrgent,
  type UrgentAction,
  type UrgentStatus,
  urgentSide,
  urgentTransition,
} from '../../access/messaging.ts';
import type { AgencyRef, Principal } from '../../access/principal.ts';
import { agencyRef, ownAndUnitCodes } from '../../identity/agencies.ts';
import type { Context } from '../../platform/context.ts';
import type { Kdb } from '../../platform/db.ts';
import type { Tables } from '../../platform/db-schema.ts';
import { Problem, problems } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { schemaErrors } from '../../platform/validation.ts';
import type { Handling, Reference, Tlp } from '../envelope.ts';
import { custodyOf } from '../keys.ts';
import { emitMessaging, type MessagingEvent } from '../notify.ts';
import { sendAsServer } from '../send.ts';
import type { UrgentRequestTable } from '../tables.ts';
import { contactAgencyOf, urgentSettings } from './directory.ts';
import {
  formSummary,
  TYPE_PREFIX,
  TYPE_TITLE,
  URGENT_FORMS,
  type UrgentActionBody,
  type UrgentCreate,
  type UrgentListQuery,
  type UrgentType,
} from './schema.ts';

export type UrgentRow = Selectable<UrgentRequestTable>;

const PAST_PARTICIPLE: Record<UrgentAction, string> = {
  acknowledge: 'acknowledged',
  start: 'started',
  execute: 'executed',
  refuse: 'refused',
  renew: 'renewed',
};

const OPEN: UrgentStatus[] = ['sent', 'acknowledged', 'in-progress'];
/**
 * Open, as the partial index of open requests (urgent_requests_open) says it: a literal, for
 * a statement PostgreSQL plans generically cannot use that index for `status IN ($1, $2, $3)`.
 */
export const OPEN_REQUEST = sql<boolean>`status IN ('sent', 'acknowledged', 'in-progress')`;
const DAY_MS = 86_400_000;

export function overdueOf(row: UrgentRow, now: Date): 'acknowledge' | 'complete' | null {
  if (row.status === 'sent' && row.ack_due_at <= now) return 'acknowledge';
  if (OPEN.includes(row.status as UrgentStatus) && row.complete_due_at <= now) return 'complete';
  return null;
}

export function urgentDto(row: UrgentRow, now: Date, side: 'requester' | 'responder' | null) {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type as UrgentType,
    from: row.from_agency,
    to: row.to_agency,
    toCountry: row.to_country,
    status: row.status as UrgentStatus,
    side,
    messageId: row.message_id,
    threadId: row.thread_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    ackDueAt: row.ack_due_at.toISOString(),
    completeDueAt: row.complete_due_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    startedAt: row.started_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    closedBy: row.closed_by,
    preservedUntil: row.preserved_until?.toISOString() ?? null,
    renewals: row.renewals,
    overdue: overdueOf(row, now),
    escalatedAt: (row.complete_escalated_at ?? row.ack_escalated_at)?.toISOString() ?? null,
  };
}

async function nextReference(trx: Kdb, type: UrgentType, from: AgencyRef, now: Date): Promise<string> {
  const country = from.country ?? from.code;
  const year = now.getUTCFullYear();
  const scope = `${TYPE_PREFIX[type]}-${country}-${year}`;
  const { rows } = await sql<{ n: number }>`
    INSERT INTO urgent_counters (scope, n) VALUES (${scope}, 1)
    ON CONFLICT (scope) DO UPDATE SET n = urgent_counters.n + 1 RETURNING n`.execute(trx);
  return `${scope}-${String(rows[0]!.n).padStart(4, '0')}`;
}

export async function timeline(
  trx: Kdb,
  requestId: string,
  at: Date,
  action: string,
  agency: string | null,
  actor: string,
  messageId: string | null = null,
  details: object | null = null,
): Promise<void> {
  await trx
    .insertInto('urgent_request_events')
    .values({ id: newId(), request_id: requestId, at, action, agency, actor, message_id: messageId, details })
    .execute();
}

/** The events both sides hear of a request's change. */
export function bothSides(
  row: Pick<UrgentRow, 'id' | 'reference' | 'from_agency' | 'to_agency'>,
  type: string,
  payload: object,
): MessagingEvent[] {
  const base = { id: row.id, reference: row.reference, from: row.from_agency, to: row.to_agency, ...payload };
  return [
    { type, agency: row.to_agency, payload: base },
    { type, agency: row.from_agency, payload: base },
  ];
}

/**
 * Sends an urgent request to the requested country's 24/7 point of contact. The form is
 * the content of an encrypted message (the network operator cannot read it); the request
 * row keeps the workflow and the clocks, which start now.
 */
export async function createUrgentRequest(ctx: Context, principal: Principal, input: UrgentCreate) {
  if (!principal.permissions.has('urgent:write') || principal.agency.kind === 'partner')
    throw problems.forbidden('You may not send urgent requests.');
  if (input.to === principal.agency.country)
    throw problems.invalidField('/body/to', 'an urgent request goes to another country');
  const toAgency = await contactAgencyOf(ctx.db, input.to);
  if (!toAgency)
    throw problems.invalidField('/body/to', `no bureau or 24/7 point of contact for ${input.to}`);
  const settings = await urgentSettings(ctx.db);
  const deadlines = settings.types[input.type];
  const now = ctx.clock.now();
  const id = newId();
  const ackDue = new Date(now.getTime() + deadlines.acknowledgeMinutes * 60_000);
  const completeDue = new Date(now.getTime() + deadlines.completeHours * 3_600_000);

  const insertRequest = async (trx: Transaction<Tables>, messageId: string, threadId: string) => {
    const reference = await nextReference(trx, input.type, principal.agency, now);
    const row = await trx
      .insertInto('urgent_requests')
      .values({
        id,
        reference,
        type: input.type,
        from_agency: principal.agency.code,
        to_agency: toAgency,
        to_country: input.to,
        status: 'sent',
        message_id: messageId,
        thread_id: threadId,
        created_by: principal.name,
        created_at: now,
        ack_due_at: ackDue,
        complete_due_at: completeDue,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await timeline(trx, id, now, 'sent', principal.agency.code, principal.name, messageId, {
      type: input.type,
    });
    return row;
  };

  let row: UrgentRow;
  if (input.messageId) {
    // Self-held requesters sent the form themselves, encrypted; this links it. A server-held
    // agency sends the form, which is checked field by field: linking a message instead would
    // make any message — a routine chat — an urgent request with no form.
    if (input.form)
      throw problems.invalidField('/body/form', 'the form is inside your message: send messageId only');
    if ((await custodyOf(ctx.db, [principal.agency.code])).get(principal.agency.code) !== 'self')
      throw problems.invalidField(
        '/body/messageId',
        'only an agency holding its own keys links a message it sent; send the form instead',
      );
    const message = await ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', input.messageId)
      .executeTakeFirst();
    if (!message || message.from_agency !== principal.agency.code || !message.recipients.includes(toAgency))
      throw problems.invalidField('/body/messageId', `must be a message of your agency to ${toAgency}`);
    if (message.urgent_request_id)
      throw problems.invalidField('/body/messageId', 'already an urgent request');
    row = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await insertRequest(trx, message.id, message.thread_id);
      await trx.updateTable('messages').set({ urgent_request_id: id }).where('id', '=', message.id).execute();
      await emitMessaging(
        trx,
        bothSides(inserted, 'urgent.created', { type: input.type, status: 'sent' }),
        now,
      );
      return inserted;
    });
  } else {
    const form = input.form ?? {};
    const errors = schemaErrors(URGENT_FORMS[input.type], form, '/body/form');
    if (errors.length > 0) throw problems.validation(errors);
    const fields = form as Record<string, string>;
    let inserted: UrgentRow | undefined;
    await sendAsServer(ctx, principal, {
      to: [toAgency],
      subject: `${TYPE_TITLE[input.type]} (${input.to})`,
      body: formSummary(input.type, fields),
      priority: input.priority ?? 'urgent',
      handling: (input.handling ?? 'H1') as Handling,
      handlingNote: input.handlingNote ?? null,
      tlp: (input.tlp ?? 'AMBER') as Tlp,
      references: (input.references ?? []) as Reference[],
      caseRef: input.caseRef ?? null,
      attachments: input.attachments ?? [],
      form: { type: input.type, fields },
      urgentRequestId: id,
      inTransaction: async (trx, message) => {
        inserted = await insertRequest(trx, message.id, message.thread_id);
        return bothSides(inserted, 'urgent.created', { type: input.type, status: 'sent' });
      },
    });
    row = inserted!;
  }
  await ctx.audit.record({
    principal,
    action: 'urgent.create',
    outcome: 'success',
    objectType: 'urgent-request',
    objectId: id,
    objectAgency: principal.agency.code,
    details: { reference: row.reference, type: input.type, to: toAgency },
  });
  return urgentDto(row, now, 'requester');
}

async function loadWithSide(ctx: Context, principal: Principal, id: string) {
  const row = await ctx.db.selectFrom('urgent_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const agencies = await ctx.db
    .selectFrom('agencies')
    .selectAll()
    .where('code', 'in', [row.from_agency, row.to_agency])
    .execute();
  const ref = (code: string) => agencyRef(agencies.find((a) => a.code === code)!);
  return { row, side: urgentSide(principal, ref(row.from_agency), ref(row.to_agency)) };
}

export async function getUrgentRequest(ctx: Context, principal: Principal, id: string) {
  const found = await loadWithSide(ctx, principal, id);
  await ctx.audit.record({
    principal,
    action: 'urgent.read',
    outcome: found?.side ? 'success' : 'denied',
    objectType: 'urgent-request',
    objectId: id,
    // Answered "not found": whose it is stays out of the entry too.
    objectAgency: found?.side ? found.row.from_agency : undefined,
  });
  if (!found?.side) throw problems.notFound('urgent request');
  const events = await ctx.db
    .selectFrom('urgent_request_events')
    .selectAll()
    .where('request_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...urgentDto(found.row, ctx.clock.now(), found.side),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      agency: e.agency,
      actor: e.actor,
      messageId: e.message_id,
      details: (e.details as Record<string, unknown> | null) ?? null,
    })),
  };
}

/** A page of the requests the agencies sent or received, newest first, as the filters say. */
export function listStatement(db: Kdb, agencies: string[], query: UrgentListQuery, now: Date) {
  const limit = query.limit ?? 50;
  let q = db
    .selectFrom('urgent_requests')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  const role = query.role ?? 'all';
  if (role === 'incoming') q = q.where('to_agency', 'in', agencies);
  else if (role === 'outgoing') q = q.where('from_agency', 'in', agencies);
  else q = q.where((eb) => eb.or([eb('to_agency', 'in', agencies), eb('from_agency', 'in', agencies)]));
  // The states as literals (the schema checked them), as OPEN_REQUEST says why: with them as
  // parameters, a plan PostgreSQL kept for the statement walked every request ever made newest
  // first for an agency's open or overdue ones (0.3-0.4 s at 500,000 requests).
  if (query.status === 'open') q = q.where(OPEN_REQUEST);
  else if (query.status) q = q.where(sql<boolean>`status = ${sql.lit(query.status)}`);
  if (query.type) q = q.where('type', '=', query.type);
  if (query.overdue)
    q = q
      .where(OPEN_REQUEST)
      .where(sql<boolean>`((status = 'sent' AND ack_due_at <= ${now}) OR complete_due_at <= ${now})`);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  return q;
}

export async function listUrgentRequests(ctx: Context, principal: Principal, query: UrgentListQuery) {
  const limit = query.limit ?? 50;
  const agencies = await ownAndUnitCodes(ctx, principal);
  const now = ctx.clock.now();
  const rows = await listStatement(ctx.db, agencies, query, now).execute();
  const page = rows.slice(0, limit);
  await ctx.audit.record({
    principal,
    action: 'urgent.list',
    outcome: 'success',
    objectType: 'urgent-request',
    resultCount: page.length,
  });
  return {
    items: page.map((r) => urgentDto(r, now, agencies.includes(r.to_agency) ? 'responder' : 'requester')),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

const ACTION_FIELDS: Record<UrgentAction, (row: UrgentRow, now: Date, by: string) => Partial<UrgentRow>> = {
  acknowledge: (_row, now, by) => ({ acknowledged_at: now, acknowledged_by: by }),
  start: (row, now, by) => ({
    started_at: now,
    acknowledged_at: row.acknowledged_at ?? now,
    acknowledged_by: row.acknowledged_by ?? by,
  }),
  execute: (row, now, by) => ({
    closed_at: now,
    closed_by: by,
    acknowledged_at: row.acknowledged_at ?? now,
    acknowledged_by: row.acknowledged_by ?? by,
  }),
  refuse: (row, now, by) => ({
    closed_at: now,
    closed_by: by,
    acknowledged_at: row.acknowledged_at ?? now,
    acknowledged_by: row.acknowledged_by ?? by,
  }),
  renew: () => ({}),
};

const NEEDS_TEXT: UrgentAction[] = ['execute', 'refuse'];

/**
 * The responding side moves a request on: acknowledged, in progress, executed (what was
 * preserved, in an encrypted reply), refused (the grounds), renewed. Preservation lasts at
 * least the network's preservation period (60 days) from execution; renewal extends it.
 */
export async function actOnUrgentRequest(
  ctx: Context,
  principal: Principal,
  id: string,
  action: UrgentAction,
  input: UrgentActionBody,
) {
  const found = await loadWithSide(ctx, principal, id);
  if (!found?.side) {
    await ctx.audit.record({
      principal,
      action: `urgent.${action}`,
      outcome: 'denied',
      objectType: 'urgent-request',
      objectId: id,
    });
    throw problems.notFound('urgent request');
  }
  const { row, side } = found;
  if (!actsOnUrgent(principal, side)) {
    await ctx.audit.record({
      principal,
      action: `urgent.${action}`,
      outcome: 'denied',
      objectType: 'urgent-request',
      objectId: id,
      objectAgency: row.from_agency,
    });
    throw problems.forbidden('Only the requested country’s point of contact acts on this request.');
  }
  const next = urgentTransition(row.status as UrgentStatus, action);
  if (!next)
    throw new Problem(
      409,
      'invalid-transition',
      'Not possible in this state',
      `A request that is ${row.status} cannot be ${PAST_PARTICIPLE[action]}.`,
      { currentStatus: row.status },
    );
  if (NEEDS_TEXT.includes(action) && !input.note && !input.messageId)
    throw problems.invalidField(
      '/body/note',
      action === 'execute' ? 'say what was preserved or disclosed' : 'give the grounds for refusal',
    );
  if (input.note && input.messageId)
    throw problems.invalidField('/body/messageId', 'send a note or a messageId, not both');
  const settings = await urgentSettings(ctx.db);
  const now = ctx.clock.now();
  const minimum = new Date(now.getTime() + settings.preservationDays * DAY_MS);
  const changes: Partial<UrgentRow> = {
    ...ACTION_FIELDS[action](row, now, principal.name),
    status: next,
    updated_at: now,
  };
  if (input.preservedUntil && !(row.type === 'preservation' && (action === 'execute' || action === 'renew')))
    throw problems.invalidField('/body/preservedUntil', 'only when executing or renewing a preservation');
  if (action === 'renew' && row.preserved_until && row.preserved_until <= now)
    // Lapsed, if not yet marked expired by the clocks: renewing now would hide a gap in
    // which nothing was preserved.
    throw new Problem(
      409,
      'invalid-transition',
      'Not possible in this state',
      `The preservation lapsed at ${row.preserved_until.toISOString()}: ask for it again with a new request.`,
      { currentStatus: 'expired' },
    );
  if (row.type === 'preservation' && (action === 'execute' || action === 'renew')) {
    const base =
      action === 'renew' && row.preserved_until && row.preserved_until > now ? row.preserved_until : now;
    const atLeast =
      action === 'execute' ? minimum : new Date(base.getTime() + settings.preservationDays * DAY_MS);
    const wanted = input.preservedUntil ? new Date(input.preservedUntil) : atLeast;
    if (wanted < atLeast)
      throw problems.invalidField(
        '/body/preservedUntil',
        `at least ${settings.preservationDays} days: ${atLeast.toISOString()} or later`,
      );
    if (wanted.getTime() > now.getTime() + 366 * DAY_MS)
      throw problems.invalidField(
        '/body/preservedUntil',
        input.preservedUntil
          ? 'at most a year ahead'
          : `renewed now, it would end ${wanted.toISOString()}, more than a year ahead: renew nearer its end`,
      );
    changes.preserved_until = wanted;
    changes.lapse_reminded_at = null;
    if (action === 'renew') changes.renewals = row.renewals + 1;
  } else if (action === 'renew') {
    throw new Problem(
      409,
      'invalid-transition',
      'Not possible in this state',
      'Only preservations are renewed.',
    );
  }
  if (input.messageId) {
    const reply = await ctx.db
      .selectFrom('messages')
      .select(['id', 'from_agency', 'thread_id'])
      .where('id', '=', input.messageId)
      .executeTakeFirst();
    if (!reply || reply.thread_id !== row.thread_id || reply.from_agency !== principal.agency.code)
      throw problems.invalidField(
        '/body/messageId',
        'must be your agency’s message in this request’s thread',
      );
  }

  const apply = async (trx: Transaction<Tables>, messageId: string | null): Promise<MessagingEvent[]> => {
    const updated = await trx
      .updateTable('urgent_requests')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', row.status)
      // A renewal leaves the status as it is: two at once (a double click) are told apart
      // by the count they read, or both would renew and both be recorded.
      .where('renewals', '=', row.renewals)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw problems.conflict('The request changed meanwhile: reload it.');
    if (messageId)
      await trx.updateTable('messages').set({ urgent_request_id: id }).where('id', '=', messageId).execute();
    await timeline(trx, id, now, action, principal.agency.code, principal.name, messageId, {
      status: next,
      ...(changes.preserved_until ? { preservedUntil: changes.preserved_until.toISOString() } : {}),
    });
    return bothSides(row, 'urgent.updated', { action, status: next });
  };

  if (input.note) {
    await sendAsServer(ctx, principal, {
      inReplyTo: row.message_id,
      to: [row.from_agency],
      subject: `${row.reference}: ${action === 'execute' ? 'executed' : action === 'refuse' ? 'refused' : action}`,
      body: input.note,
      priority: 'urgent',
      handling: 'H1',
      tlp: 'AMBER',
      form: {
        type: `urgent-${action}`,
        fields: {
          reference: row.reference,
          status: next,
          ...(changes.preserved_until ? { preservedUntil: changes.preserved_until.toISOString() } : {}),
        },
      },
      urgentRequestId: id,
      inTransaction: (trx, message) => apply(trx, message.id),
    });
  } else {
    await ctx.db.transaction().execute(async (trx) => {
      await emitMessaging(trx, await apply(trx, input.messageId ?? null), now);
    });
  }
  await ctx.audit.record({
    principal,
    action: `urgent.${action}`,
    outcome: 'success',
    objectType: 'urgent-request',
    objectId: id,
    objectAgency: row.from_agency,
    details: { reference: row.reference, status: next },
  });
  return getUrgentRequest(ctx, principal, id);
}

import { sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import {
  bandOf,
  type PreparedPerson,
  personBlockingKeys,
  preparePerson,
  prepareQuery,
  scoreOnly,
} from '../names/index.ts';
import type { Context } from '../platform/context.ts';
import { addYears } from '../platform/dates.ts';
import type { Kdb } from '../platform/db.ts';
import { type FieldError, Problem, problems } from '../platform/errors.ts';
import { SCOPE_KEY } from '../platform/events.ts';
import { emit, type OutboxEvent } from '../platform/outbox.ts';
import type { PersonData } from '../records/kinds/person.ts';
import { personInput } from '../records/person-names.ts';
import { type CheckInput, type Finding, runChecks } from './checks.ts';
import { type Action, type Actor, type Status, transition } from './lifecycle.ts';
import { noExtractReason } from './public-state.ts';
import { enterForce, leaveForce, removeExtract, sign, signedPayload } from './publication.ts';
import { actorsOf, assetSnapshots, present, subjectSnapshot } from './service.ts';
import { type Db, imagesOf, loadVisible, type NoticeRow, recordEvent, summaryOf } from './store.ts';
import { CANCEL_REASONS, type NoticeTypeSpec, noticeType, REFUSAL_GROUNDS } from './types.ts';
import { dataErrors } from './validate.ts';

/**
 * The state changes of notices and diffusions: each looks its transition up in the table
 * (lifecycle.ts), runs in one transaction with its history entry and outbox events, and is
 * audited before the answer leaves.
 */

export interface DecisionInput {
  decision: 'publish' | 'return' | 'refuse';
  checklist?: Record<string, boolean>;
  grounds?: string[];
  reason?: string;
}

function invalidTransition(row: NoticeRow, action: string) {
  return new Problem(
    409,
    'invalid-transition',
    'Not possible in this state',
    `This ${row.kind} is ${row.status}: it cannot take the action “${action}”.`,
    { currentStatus: row.status, action },
  );
}

/**
 * Loads the notice and checks the action against the transition table: not possible in
 * this state for anyone → 409; possible, but not for this principal → 403. Refusals are audited.
 */
async function prepare(ctx: Context, principal: Principal, id: string, action: Action) {
  const { row, requester } = await loadVisible(ctx, principal, id, `notice.${action}`);
  const actors = actorsOf(principal, row, requester);
  const possibleFor = (['requester', 'reviewer'] as Actor[]).filter((a) =>
    transition(row.kind, action, row.status as Status, a),
  );
  const actor = possibleFor.find((a) => actors.includes(a));
  if (!actor) {
    await ctx.audit.record({
      principal,
      action: `notice.${action}`,
      outcome: 'denied',
      objectType: 'notice',
      objectId: id,
      objectAgency: row.requester_agency,
      details: { status: row.status },
    });
    if (possibleFor.length === 0) throw invalidTransition(row, action);
    throw problems.forbidden(`You may not take the action “${action}” on this ${row.kind}.`);
  }
  const to = transition(row.kind, action, row.status as Status, actor)!.to;
  return { row, requester, actor, to, spec: noticeType(row.type)! };
}

async function commit(
  ctx: Context,
  principal: Principal,
  row: NoticeRow,
  action: Action,
  to: Status,
  set: Record<string, unknown>,
  event: { reason?: string | null; grounds?: string[]; details?: Record<string, unknown> },
  events: OutboxEvent[],
  after?: (trx: Db, next: NoticeRow) => Promise<void>,
) {
  const now = ctx.clock.now();
  const next = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('notices')
      .set({ ...set, status: to, updated_at: now } as never)
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', row.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw problems.conflict('The request was changed meanwhile; reload and try again.');
    await recordEvent(trx, row.id, principal, { action, from: row.status as Status, to, ...event }, now);
    await emit(trx, events, now);
    if (!after) return updated;
    await after(trx, updated);
    return trx.selectFrom('notices').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
  await ctx.audit.record({
    principal,
    action: `notice.${action}`,
    outcome: 'success',
    objectType: 'notice',
    objectId: row.id,
    objectAgency: row.requester_agency,
    details: {
      reference: row.reference,
      from: row.status,
      to,
      ...(event.grounds?.length ? { grounds: event.grounds } : {}),
    },
  });
  return present(ctx, principal, next);
}

/** The scope of the secretariat's copies of what enters the review queue (index.ts). */
export const REVIEWERS_ONLY = 'reviewers-only';

/** An event for the secretariat's reviewers: a request (or diffusion) to review. */
const forReviewers = (type: string, row: NoticeRow): OutboxEvent => {
  const event = eventFor(type, 'SECRETARIAT', row);
  return { ...event, payload: { ...(event.payload as object), [SCOPE_KEY]: REVIEWERS_ONLY } };
};

const eventFor = (
  type: string,
  agency: string | null,
  row: NoticeRow,
  extra: Record<string, unknown> = {},
): OutboxEvent => ({
  type,
  agency,
  payload: {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    type: row.type,
    ...extra,
    // Told to every member: only those in the audience hear of it (see index.ts).
    ...(agency === null ? { [SCOPE_KEY]: row.audience } : {}),
  },
});

/** What the request must hold before the secretariat sees it: the type's required data and subject. */
async function completeRequest(ctx: Context, principal: Principal, row: NoticeRow, spec: NoticeTypeSpec) {
  const errors: FieldError[] = dataErrors(spec, row.data, 'submit', '/data');
  // A subject or asset record gone or changed since the draft is one more thing missing.
  const usable = async <T>(snapshot: Promise<T>, otherwise: T): Promise<T> => {
    try {
      return await snapshot;
    } catch (error) {
      if (!(error instanceof Problem && error.slug === 'validation')) throw error;
      errors.push(...(error.extensions.errors ?? []));
      return otherwise;
    }
  };
  let subject: Awaited<ReturnType<typeof subjectSnapshot>> | null = null;
  if (row.subject_record_id)
    subject = await usable(subjectSnapshot(ctx, principal, row.subject_record_id, '/subjectRecordId'), null);
  else if (spec.subject === 'person')
    errors.push({ field: '/subjectRecordId', message: 'is required: the person record of the subject' });
  if (subject) {
    const person = subject.data as unknown as PersonData;
    for (const f of spec.subjectRequires) {
      const v = person[f];
      if (v === undefined || (Array.isArray(v) && v.length === 0))
        errors.push({
          field: `/subject/${f}`,
          message: `is required for a ${spec.title}: add it to the person record`,
        });
    }
  }
  const assets = await usable(assetSnapshots(ctx, principal, row.asset_record_ids, '/assetRecordIds'), []);
  if (
    spec.subject === 'assets' &&
    assets.length === 0 &&
    !((row.data as Record<string, unknown>).otherAssets as unknown[] | undefined)?.length
  )
    errors.push({
      field: '/assetRecordIds',
      message: 'name at least one asset: a record, or another asset in the data',
    });
  // Not `validation`: the request is fine, the stored notice is not ready for this action,
  // and the pointers are into the notice (/data/…, /subjectRecordId, /subject/…), not into
  // the request (docs/api.md).
  if (errors.length > 0)
    throw new Problem(
      422,
      'incomplete',
      'The notice is incomplete',
      `The request is incomplete: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      { errors },
    );
  return { subject, assets };
}

/** The automatic checks, with what they need from the database (other notices, the refugee list). */
async function automaticFindings(
  ctx: Context,
  row: NoticeRow,
  spec: NoticeTypeSpec,
  subject: PersonData | null,
  assetCount: number,
): Promise<Finding[]> {
  const requester = await ctx.db
    .selectFrom('agencies')
    .select('country')
    .where('code', '=', row.requester_agency)
    .executeTakeFirst();
  const duplicates: CheckInput['duplicates'] = [];
  if (row.subject_record_id) {
    const same = await ctx.db
      .selectFrom('notices')
      .select(['reference', 'type', 'status'])
      .where('subject_record_id', '=', row.subject_record_id)
      .where('id', '!=', row.id)
      .where('status', 'not in', ['draft', 'cancelled', 'refused', 'expired', 'withdrawn'])
      .execute();
    for (const d of same) duplicates.push({ ...d, how: 'same-record' });
  }
  const protectedMatches: CheckInput['protectedMatches'] = [];
  if (subject) {
    const prepared = preparePerson(personInput(subject));
    const query = prepareQuery({
      name: subject.names[0]?.full ?? '',
      ...(subject.dateOfBirth ? { dateOfBirth: subject.dateOfBirth } : {}),
    });
    // Same person in another notice in force (another record of the same person).
    const keys = personBlockingKeys(prepared).slice(0, 12);
    if (keys.length > 0) {
      const { rows } = await sql<{
        id: string;
        reference: string;
        type: string;
        status: string;
        person_match: unknown;
      }>`
        SELECT n.id, n.reference, n.type, n.status, n.person_match FROM notices n
        WHERE n.id IN (SELECT k.notice_id FROM notice_name_keys k WHERE k.key = ANY(${keys}::text[]) LIMIT 200)
          AND n.id <> ${row.id} AND n.subject_record_id IS DISTINCT FROM ${row.subject_record_id}`.execute(
        ctx.db,
      );
      for (const r of rows) {
        if (r.person_match && bandOf(scoreOnly(query, r.person_match as PreparedPerson)) === 'strong')
          duplicates.push({ reference: r.reference, type: r.type, status: r.status, how: 'same-person' });
      }
      const listed = await ctx.db
        .selectFrom('protected_persons')
        .selectAll()
        .where(sql<boolean>`keys && ${keys}::text[]`)
        .limit(200)
        .execute();
      for (const p of listed) {
        const band = bandOf(scoreOnly(query, p.person_match as PreparedPerson));
        if (band !== 'weak')
          protectedMatches.push({
            name: p.name,
            status: p.status,
            againstCountry: p.against_country,
            recognisedBy: p.recognised_by,
            band,
          });
      }
    }
  }
  return runChecks({
    spec,
    kind: row.kind,
    data: row.data as Record<string, unknown>,
    subject,
    requesterCountry: requester?.country ?? null,
    today: ctx.clock.now().toISOString().slice(0, 10),
    duplicates,
    protectedMatches,
    assetCount:
      assetCount +
      (((row.data as Record<string, unknown>).otherAssets as unknown[] | undefined)?.length ?? 0),
  });
}

export async function submitNotice(ctx: Context, principal: Principal, id: string) {
  const { row, to, spec } = await prepare(ctx, principal, id, 'submit');
  const { subject, assets } = await completeRequest(ctx, principal, row, spec);
  const person = (subject?.data as unknown as PersonData | undefined) ?? null;
  const findings = await automaticFindings(ctx, row, spec, person, assets.length);
  return commit(
    ctx,
    principal,
    row,
    'submit',
    to,
    {
      subject: subject as object | null,
      assets: assets as object,
      findings: findings as object,
      summary: summaryOf(spec.title, person, row.data as Record<string, unknown>),
      submitted_at: ctx.clock.now(),
      review: null,
      reviewer: null,
      version: row.version + 1,
    },
    {
      details: {
        // The requester's auditors read this entry: count only what the requester is shown.
        findings: findings.filter(
          (f) => !f.reviewerOnly && (f.severity === 'error' || f.severity === 'warning'),
        ).length,
      },
    },
    [forReviewers('notice.submitted', row), eventFor('notice.submitted', row.requester_agency, row)],
  );
}

export async function startReview(ctx: Context, principal: Principal, id: string) {
  const { row, to } = await prepare(ctx, principal, id, 'start-review');
  return commit(
    ctx,
    principal,
    row,
    'start-review',
    to,
    { reviewer: principal.name, version: row.version + 1 },
    {},
    [eventFor('notice.under-review', row.requester_agency, row)],
  );
}

function validityFrom(now: Date, spec: NoticeTypeSpec, until: string | undefined, field: string): Date {
  const max = addYears(now, spec.defaultValidityYears);
  if (!until) return max;
  const at = new Date(until);
  if (at <= now) throw problems.invalidField(field, 'must be in the future');
  if (at > new Date(max.getTime() + 86_400_000))
    throw problems.invalidField(field, `at most ${spec.defaultValidityYears} years ahead`);
  return at;
}

/** Signs the notice as it enters force and writes its name keys and public extract. */
async function intoForce(ctx: Context, trx: Db, next: NoticeRow) {
  const images = (await imagesOf(trx, [next.id])).get(next.id) ?? [];
  await signAgain(ctx, trx, next, images);
  await enterForce(trx, next, images, ctx.clock.now());
}

export async function decide(ctx: Context, principal: Principal, id: string, input: DecisionInput) {
  const action: Action = input.decision;
  const { row, to, spec } = await prepare(ctx, principal, id, action);
  const errors: FieldError[] = [];
  const reason = input.reason?.trim() ?? '';
  const grounds = input.grounds ?? [];
  for (const [i, g] of grounds.entries())
    if (!(REFUSAL_GROUNDS as readonly string[]).includes(g))
      errors.push({ field: `/body/grounds/${i}`, message: `must be one of: ${REFUSAL_GROUNDS.join(', ')}` });
  const checklist = input.checklist ?? {};
  for (const key of Object.keys(checklist))
    if (!spec.checklist.some((c) => c.key === key))
      errors.push({ field: `/body/checklist/${key}`, message: 'is not on this type’s checklist' });
  if (action === 'publish') {
    for (const item of spec.checklist)
      if (checklist[item.key] !== true)
        errors.push({
          field: `/body/checklist/${item.key}`,
          message: `must be confirmed to publish: ${item.label}`,
        });
    const blocking = (row.findings as Finding[]).filter((f) => f.severity === 'error');
    if (blocking.length > 0 && reason.length < 10)
      errors.push({
        field: '/body/reason',
        message: `the automatic checks found ${blocking.length} error(s): say why the request is published nonetheless`,
      });
  } else if (action === 'return') {
    if (reason.length < 10)
      errors.push({
        field: '/body/reason',
        message: 'say what is missing or must change (at least 10 characters)',
      });
  } else {
    if (grounds.length === 0)
      errors.push({ field: '/body/grounds', message: 'at least one ground is needed to refuse' });
    if (reason.length < 10)
      errors.push({
        field: '/body/reason',
        message: 'explain the refusal to the requester (at least 10 characters)',
      });
  }
  if (errors.length > 0) throw problems.validation(errors);
  const now = ctx.clock.now();
  const review = {
    decision: action,
    checklist,
    grounds,
    reason: reason || null,
    reviewer: principal.name,
    at: now.toISOString(),
  };
  const set: Record<string, unknown> = { review, version: row.version + 1 };
  if (action === 'publish') {
    set.published_at = now;
    set.valid_until = addYears(now, spec.defaultValidityYears);
  }
  if (action === 'refuse') set.ended_at = now;
  const events = [
    eventFor(
      `notice.${action === 'publish' ? 'published' : action === 'return' ? 'returned' : 'refused'}`,
      row.requester_agency,
      row,
    ),
  ];
  if (action === 'publish') events.push(eventFor('notice.published', null, row));
  return commit(
    ctx,
    principal,
    row,
    action,
    to,
    set,
    { reason: reason || null, grounds, details: { checklist } },
    events,
    async (trx, next) => {
      if (action === 'publish') await intoForce(ctx, trx, next);
    },
  );
}

/** Signs a notice in force: as it enters force, and again when its signed fields (version, validity) change. */
async function signAgain(
  ctx: Context,
  trx: Db,
  next: NoticeRow,
  images: Parameters<typeof signedPayload>[1],
): Promise<void> {
  const signed = await sign(ctx, signedPayload(next, images, next.published_at!, next.valid_until!), trx);
  await trx
    .updateTable('notices')
    .set({ signature: signed.jws, signed_kid: signed.kid })
    .where('id', '=', next.id)
    .execute();
}

/**
 * Takes a notice off the public website, keeping it in force for the members: the subject's
 * family withdraws its consent, publicity endangers the person found, the Secretariat so
 * judges. The consent is gone for good — a reinstated notice does not go public again; a
 * new request would be needed. Re-signed, as its version is.
 */
export async function removePublicExtract(ctx: Context, principal: Principal, id: string, reason: string) {
  const { row, to } = await prepare(ctx, principal, id, 'remove-public-extract');
  if (noExtractReason(row) !== null)
    throw new Problem(
      409,
      'no-public-extract',
      'No public extract',
      'This notice has no public extract to remove.',
    );
  if (reason.trim().length < 10)
    throw problems.invalidField('/body/reason', 'say why (at least 10 characters)');
  return commit(
    ctx,
    principal,
    row,
    'remove-public-extract',
    to,
    { public_extract_removed_at: ctx.clock.now(), version: row.version + 1 },
    { reason: reason.trim() },
    [eventFor('notice.public-extract-removed', row.requester_agency, row)],
    async (trx, next) => {
      await removeExtract(trx, next.id);
      if (next.status === 'published')
        await signAgain(ctx, trx, next, (await imagesOf(trx, [next.id])).get(next.id) ?? []);
    },
  );
}

export async function extendNotice(
  ctx: Context,
  principal: Principal,
  id: string,
  input: { reason: string; until?: string },
) {
  const { row, to, spec } = await prepare(ctx, principal, id, 'extend');
  const now = ctx.clock.now();
  const validUntil = validityFrom(now, spec, input.until, '/body/until');
  if (row.valid_until && validUntil <= row.valid_until)
    throw problems.invalidField(
      '/body/until',
      `must be later than the current validity (${row.valid_until.toISOString()})`,
    );
  return commit(
    ctx,
    principal,
    row,
    'extend',
    to,
    { valid_until: validUntil, version: row.version + 1 },
    { reason: input.reason, details: { validUntil: validUntil.toISOString() } },
    [eventFor('notice.extended', row.requester_agency, row)],
    // The validity is signed: a new signature over the new version.
    async (trx, next) => {
      await signAgain(ctx, trx, next, (await imagesOf(trx, [next.id])).get(next.id) ?? []);
    },
  );
}

export async function suspendNotice(ctx: Context, principal: Principal, id: string, reason: string) {
  const { row, to } = await prepare(ctx, principal, id, 'suspend');
  return commit(
    ctx,
    principal,
    row,
    'suspend',
    to,
    { version: row.version + 1 },
    { reason },
    [eventFor('notice.suspended', row.requester_agency, row), eventFor('notice.suspended', null, row)],
    (trx) => leaveForce(trx, row.id),
  );
}

export async function reinstateNotice(ctx: Context, principal: Principal, id: string, reason: string) {
  const { row, to } = await prepare(ctx, principal, id, 'reinstate');
  return commit(
    ctx,
    principal,
    row,
    'reinstate',
    to,
    { version: row.version + 1 },
    { reason },
    // Members heard it was suspended: they hear it is in force again.
    [eventFor('notice.reinstated', row.requester_agency, row), eventFor('notice.reinstated', null, row)],
    async (trx, next) => {
      const images = (await imagesOf(trx, [next.id])).get(next.id) ?? [];
      await enterForce(trx, next, images, ctx.clock.now());
      // The version is signed: without a new signature the reinstated notice fails
      // verification where a member checks it.
      await signAgain(ctx, trx, next, images);
    },
  );
}

export async function cancelNotice(
  ctx: Context,
  principal: Principal,
  id: string,
  input: { reason: string; note?: string },
) {
  const { row, to, actor } = await prepare(ctx, principal, id, 'cancel');
  if (!(CANCEL_REASONS as readonly string[]).includes(input.reason))
    throw problems.invalidField('/body/reason', `must be one of: ${CANCEL_REASONS.join(', ')}`);
  if ((actor === 'reviewer') !== (input.reason === 'compliance'))
    throw problems.invalidField(
      '/body/reason',
      actor === 'reviewer'
        ? 'the secretariat cancels for compliance'
        : '“compliance” is the secretariat’s reason',
    );
  if (input.reason === 'compliance' && (input.note?.trim().length ?? 0) < 10)
    throw problems.invalidField('/body/note', 'explain what is not compliant (at least 10 characters)');
  const events = [eventFor('notice.cancelled', row.requester_agency, row, { reason: input.reason })];
  if (row.status === 'published' || row.status === 'circulated')
    events.push(eventFor('notice.cancelled', null, row));
  return commit(
    ctx,
    principal,
    row,
    'cancel',
    to,
    { ended_at: ctx.clock.now(), version: row.version + 1 },
    { reason: input.note ?? null, grounds: [input.reason] },
    events,
    (trx) => leaveForce(trx, row.id),
  );
}

// ---- diffusions ------------------------------------------------------------------------

export async function circulateDiffusion(ctx: Context, principal: Principal, id: string) {
  const { row, to, spec } = await prepare(ctx, principal, id, 'circulate');
  const { subject, assets } = await completeRequest(ctx, principal, row, spec);
  const person = (subject?.data as unknown as PersonData | undefined) ?? null;
  const findings = await automaticFindings(ctx, row, spec, person, assets.length);
  const now = ctx.clock.now();
  // Its addressees (and their units) are told at once; no one else (see eventFor).
  const events = [eventFor('diffusion.circulated', null, row), forReviewers('diffusion.circulated', row)];
  return commit(
    ctx,
    principal,
    row,
    'circulate',
    to,
    {
      subject: subject as object | null,
      assets: assets as object,
      findings: findings as object,
      summary: summaryOf(spec.title, person, row.data as Record<string, unknown>),
      submitted_at: now,
      published_at: now,
      valid_until: addYears(now, spec.defaultValidityYears),
      version: row.version + 1,
    },
    {},
    events,
    (trx, next) => intoForce(ctx, trx, next),
  );
}

/**
 * The review after circulation: confirmed compliant (stays in force) or withdrawn with
 * grounds. A confirmed diffusion may still be withdrawn — what comes to light later (a
 * complaint, a court's decision) can make it non-compliant, as a published notice can be
 * cancelled for compliance; its history keeps the confirmation.
 */
export async function reviewDiffusion(
  ctx: Context,
  principal: Principal,
  id: string,
  input: {
    decision: 'confirm' | 'withdraw';
    checklist?: Record<string, boolean>;
    grounds?: string[];
    reason?: string;
  },
) {
  const action: Action = input.decision;
  const { row, to, spec } = await prepare(ctx, principal, id, action);
  if (row.review && action === 'confirm')
    throw new Problem(409, 'invalid-transition', 'Already reviewed', 'This diffusion was reviewed already.');
  const errors: FieldError[] = [];
  const reason = input.reason?.trim() ?? '';
  const grounds = input.grounds ?? [];
  for (const [i, g] of grounds.entries())
    if (!(REFUSAL_GROUNDS as readonly string[]).includes(g))
      errors.push({ field: `/body/grounds/${i}`, message: `must be one of: ${REFUSAL_GROUNDS.join(', ')}` });
  if (action === 'confirm') {
    for (const item of spec.checklist)
      if (input.checklist?.[item.key] !== true)
        errors.push({ field: `/body/checklist/${item.key}`, message: `must be confirmed: ${item.label}` });
  } else {
    if (grounds.length === 0)
      errors.push({ field: '/body/grounds', message: 'at least one ground is needed to withdraw' });
    if (reason.length < 10)
      errors.push({ field: '/body/reason', message: 'explain the withdrawal (at least 10 characters)' });
  }
  if (errors.length > 0) throw problems.validation(errors);
  const now = ctx.clock.now();
  const review = {
    decision: action,
    checklist: input.checklist ?? {},
    grounds,
    reason: reason || null,
    reviewer: principal.name,
    at: now.toISOString(),
  };
  const events = [
    eventFor(`diffusion.${action === 'confirm' ? 'confirmed' : 'withdrawn'}`, row.requester_agency, row),
  ];
  if (action === 'withdraw') events.push(eventFor('diffusion.withdrawn', null, row));
  return commit(
    ctx,
    principal,
    row,
    action,
    to,
    {
      review,
      reviewer: principal.name,
      version: row.version + 1,
      ...(action === 'withdraw' ? { ended_at: now } : {}),
    },
    { reason: reason || null, grounds },
    events,
    action === 'withdraw' ? (trx) => leaveForce(trx, row.id) : undefined,
  );
}

/**
 * Notices and diffusions that can expire, past their validity. The statuses are written as
 * the partial index notices_expiry says them: the job runs every minute, PostgreSQL soon
 * plans the statement generically, and that plan cannot use the index for `status IN ($1, …)`.
 */
export function expiryStatement(db: Kdb, now: Date, limit: number) {
  return db
    .selectFrom('notices')
    .selectAll()
    .where(sql<boolean>`status IN ('published', 'suspended', 'circulated')`)
    .where('valid_until', '<=', now)
    .orderBy('valid_until')
    .limit(limit);
}

/** The expiry job: notices and diffusions past their validity leave force. */
export async function expireDue(ctx: Context, principal: Principal, limit = 200): Promise<number> {
  const now = ctx.clock.now();
  const due = await expiryStatement(ctx.db, now, limit).execute();
  let count = 0;
  for (const row of due) {
    // One transaction, and only over the version read: a cancellation or a reinstatement
    // made meanwhile wins, and the notice is not left half expired.
    const expired = await ctx.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('notices')
        .set({ status: 'expired', ended_at: now, updated_at: now, version: row.version + 1 })
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await recordEvent(
        trx,
        row.id,
        principal,
        { action: 'expire', from: row.status as Status, to: 'expired' },
        now,
      );
      await leaveForce(trx, row.id);
      // Members in its audience heard it was in force: they hear it has expired.
      await emit(
        trx,
        [eventFor('notice.expired', row.requester_agency, row), eventFor('notice.expired', null, row)],
        now,
      );
      return true;
    });
    if (!expired) continue;
    count++;
    await ctx.audit.record({
      principal,
      action: 'notice.expire',
      outcome: 'success',
      objectType: 'notice',
      objectId: row.id,
      objectAgency: row.requester_agency,
      details: { reference: row.reference },
    });
  }
  return count;
}

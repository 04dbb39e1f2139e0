import { sql } from 'kysely';
import {
  actsAsRequester,
  actsAsReviewer,
  isReviewer,
  mayRequestType,
  type NoticeAccess,
  noticeAccess,
} from '../access/notices.ts';
import { type Principal, personOf } from '../access/principal.ts';
import { isOwnerSide, policyProblems, type RecordPolicy } from '../access/records.ts';
import type { Context } from '../platform/context.ts';
import { type FieldError, Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { getRecord } from '../records/service.ts';
import { type Actor, actionsFor, editable, type Status } from './lifecycle.ts';
import { noExtractReason } from './public-state.ts';
import {
  type ImageMeta,
  imagesOf,
  loadVisible,
  type NoticeRow,
  nextReference,
  noticeDto,
  ownerOf,
  recordEvent,
  summaryOf,
  viewOf,
} from './store.ts';
import { NOTICE_TYPES, type NoticeTypeSpec, noticeType, TRANSLATION_LANGUAGES } from './types.ts';
import { dataErrors, translationErrors } from './validate.ts';

export interface NoticeInput {
  type?: string;
  subjectRecordId?: string | null;
  assetRecordIds?: string[];
  language?: string;
  data?: Record<string, unknown>;
  translations?: Record<string, Record<string, string>>;
  audience?: RecordPolicy;
  publicExtract?: boolean;
}

/** The roles the principal holds towards a notice, for the transition table. */
export function actorsOf(
  principal: Principal,
  row: NoticeRow,
  requester: Parameters<typeof viewOf>[1],
): Actor[] {
  const view = viewOf(row, requester);
  const actors: Actor[] = [];
  if (actsAsRequester(principal, view)) actors.push('requester');
  if (actsAsReviewer(principal, view) && row.status !== 'draft') actors.push('reviewer');
  return actors;
}

export function actionsOf(principal: Principal, row: NoticeRow, requester: Parameters<typeof viewOf>[1]) {
  const actors = actorsOf(principal, row, requester);
  // A diffusion is confirmed once (workflow.ts refuses a second confirmation); confirmed, it
  // may still be withdrawn.
  const reviewed = row.kind === 'diffusion' && row.review !== null;
  const actions: string[] = actionsFor(row.kind, row.status as Status, actors).filter(
    (a) =>
      !(reviewed && a === 'confirm') && !(a === 'remove-public-extract' && noExtractReason(row) !== null),
  );
  if (actors.includes('requester') && editable(row.kind, row.status as Status)) actions.unshift('edit');
  return actions;
}

/** A person or asset record of the requester's own side, read through the records service. */
async function ownRecord(
  ctx: Context,
  principal: Principal,
  id: string,
  field: string,
  wanted: 'person' | 'asset',
) {
  let record: Awaited<ReturnType<typeof getRecord>>;
  try {
    record = await getRecord(ctx, principal, id);
  } catch (error) {
    if (error instanceof Problem && error.status === 404)
      throw problems.invalidField(field, 'no such record, or not one you may use');
    throw error;
  }
  if (wanted === 'person' ? record.kind !== 'person' : record.kind === 'person')
    throw problems.invalidField(
      field,
      wanted === 'person' ? 'must be a person record' : 'must be an asset record, not a person',
    );
  if (!isOwnerSide(principal.agency, await ownerOf(ctx, record.owner)))
    throw problems.invalidField(
      field,
      'must be a record of your agency: a notice is requested on the requester’s own data',
    );
  if (record.status !== 'active') throw problems.invalidField(field, `the record is ${record.status}`);
  return record;
}

export async function subjectSnapshot(ctx: Context, principal: Principal, id: string, field: string) {
  const r = await ownRecord(ctx, principal, id, field, 'person');
  return { recordId: r.id, owner: r.owner, summary: r.summary, data: r.data };
}

export async function assetSnapshots(ctx: Context, principal: Principal, ids: string[], field: string) {
  const out = [];
  for (const [i, id] of ids.entries()) {
    const r = await ownRecord(ctx, principal, id, `${field}/${i}`, 'asset');
    out.push({ recordId: r.id, kind: r.kind, owner: r.owner, summary: r.summary, data: r.data });
  }
  return out;
}

function checkAudience(kind: 'notice' | 'diffusion', audience: RecordPolicy): FieldError[] {
  const errors = policyProblems(audience).map((e) => ({
    ...e,
    field: e.field.replace('/policy', '/body/audience'),
  }));
  if (kind === 'notice' && audience.visibility === 'allow')
    errors.push({
      field: '/body/audience/visibility',
      message:
        'a notice goes to every member (“all”, or “deny” to exclude some); send a diffusion to chosen members',
    });
  if (audience.hitOnly)
    errors.push({ field: '/body/audience/hitOnly', message: 'does not apply to notices' });
  return errors;
}

/**
 * Agencies an audience names must exist and read notices: a diffusion to "NOPE" or to a private
 * partner (who reads none) was circulated to nobody, and said so only by silence.
 */
async function unknownAddressees(ctx: Context, audience: RecordPolicy): Promise<FieldError[]> {
  const codes = audience.agencies ?? [];
  if (codes.length === 0) return [];
  const found = await ctx.db
    .selectFrom('agencies')
    .select(['code', 'kind'])
    .where('code', 'in', codes)
    .execute();
  const kinds = new Map(found.map((a) => [a.code, a.kind]));
  return codes.flatMap((code, i) => {
    const kind = kinds.get(code);
    if (kind === undefined)
      return [{ field: `/body/audience/agencies/${i}`, message: `unknown agency ${code}` }];
    if (kind === 'partner')
      return [
        {
          field: `/body/audience/agencies/${i}`,
          message: `${code} is a private partner: it receives no notices`,
        },
      ];
    return [];
  });
}

async function validateInput(
  ctx: Context,
  principal: Principal,
  kind: 'notice' | 'diffusion',
  spec: NoticeTypeSpec,
  input: NoticeInput,
  current?: NoticeRow,
) {
  const errors: FieldError[] = [];
  const data = input.data ?? (current?.data as Record<string, unknown> | undefined) ?? {};
  const language = input.language ?? current?.language ?? 'en';
  if (!(TRANSLATION_LANGUAGES as readonly string[]).includes(language))
    errors.push({ field: '/body/language', message: `must be one of: ${TRANSLATION_LANGUAGES.join(', ')}` });
  errors.push(...dataErrors(spec, data, 'draft'));
  if (input.translations !== undefined || input.data !== undefined)
    errors.push(
      ...translationErrors(spec, data, input.translations ?? current?.translations ?? {}, language),
    );
  const audience = input.audience ?? (current?.audience as RecordPolicy | undefined) ?? { visibility: 'all' };
  if (input.audience)
    errors.push(...checkAudience(kind, audience), ...(await unknownAddressees(ctx, audience)));
  if (input.publicExtract && !spec.publicExtract)
    errors.push({ field: '/body/publicExtract', message: `a ${spec.title} has no public extract` });
  if (input.publicExtract && kind === 'diffusion')
    errors.push({ field: '/body/publicExtract', message: 'diffusions have no public extract' });
  // A notice kept from some members is not put before the public (publication.ts publishes
  // an extract only for notices to all): asking for both would be a consent silently dropped.
  else if ((input.publicExtract ?? current?.public_consent) && audience.visibility !== 'all')
    errors.push({
      field: input.publicExtract ? '/body/publicExtract' : '/body/audience',
      message: 'a public extract only of a notice to all members',
    });
  if (spec.subject === 'none' && input.subjectRecordId)
    errors.push({ field: '/body/subjectRecordId', message: `a ${spec.title} has no subject person` });
  if (spec.subject !== 'assets' && input.assetRecordIds?.length)
    errors.push({ field: '/body/assetRecordIds', message: `only a Silver Notice names asset records` });
  if (errors.length > 0) throw problems.validation(errors);
  // Only now read the records (each read is audited): the request is otherwise well formed.
  const subject = input.subjectRecordId
    ? await ownRecord(ctx, principal, input.subjectRecordId, '/body/subjectRecordId', 'person')
    : null;
  for (const [i, id] of (input.assetRecordIds ?? []).entries())
    await ownRecord(ctx, principal, id, `/body/assetRecordIds/${i}`, 'asset');
  // The draft's summary names its subject, as the submitted one does (lists show it).
  const person = subject ? (subject.data as Parameters<typeof summaryOf>[1]) : null;
  return { data, language, audience, summary: summaryOf(spec.title, person, data) };
}

export async function createNotice(
  ctx: Context,
  principal: Principal,
  kind: 'notice' | 'diffusion',
  input: NoticeInput & { type: string },
) {
  const spec = noticeType(input.type);
  if (!spec)
    throw problems.invalidField('/body/type', `must be one of: ${Object.keys(NOTICE_TYPES).join(', ')}`);
  if (!mayRequestType(principal, spec.requesters)) {
    await ctx.audit.record({
      principal,
      action: `${kind}.create`,
      outcome: 'denied',
      details: { type: spec.type },
    });
    throw problems.forbidden(`Your agency may not request a ${spec.title}.`);
  }
  if (kind === 'diffusion' && !spec.diffusion)
    throw problems.invalidField('/body/type', `a ${spec.title} cannot be sent as a diffusion`);
  const defaultAudience: RecordPolicy = { visibility: 'all' };
  const { data, language, audience, summary } = await validateInput(ctx, principal, kind, spec, {
    ...input,
    audience: input.audience ?? defaultAudience,
  });
  const now = ctx.clock.now();
  const id = newId();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const reference = await nextReference(trx, now);
    const inserted = await trx
      .insertInto('notices')
      .values({
        id,
        reference,
        kind,
        type: spec.type,
        status: 'draft',
        requester_agency: principal.agency.code,
        // The person, when a key of theirs writes it: the four-eyes rule follows people.
        created_by: personOf(principal),
        created_by_name: principal.name,
        summary,
        subject_record_id: input.subjectRecordId ?? null,
        asset_record_ids: input.assetRecordIds ?? [],
        language,
        data,
        translations: input.translations ?? {},
        audience,
        public_consent: input.publicExtract ?? false,
        findings: [],
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, id, principal, { action: 'create', from: null, to: 'draft' }, now);
    return inserted;
  });
  await ctx.audit.record({
    principal,
    action: `${kind}.create`,
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
    details: { type: spec.type, reference: row.reference },
  });
  return present(ctx, principal, row);
}

/** The DTO, with the live subject for requests still being written. */
export async function present(ctx: Context, principal: Principal, row: NoticeRow, images?: ImageMeta[]) {
  const requester = await ownerOf(ctx, row.requester_agency);
  const found = noticeAccess(principal, viewOf(row, requester));
  // A principal that just lost sight of it (a reviewer's own decision is still shown to them).
  const access: Exclude<NoticeAccess, 'none'> = found === 'none' ? 'member' : found;
  const imgs = images ?? (await imagesOf(ctx.db, [row.id])).get(row.id) ?? [];
  let live: Record<string, unknown> | null | undefined;
  if (access === 'requester' && editable(row.kind, row.status as Status) && row.subject_record_id) {
    try {
      live = await subjectSnapshot(ctx, principal, row.subject_record_id, '/subjectRecordId');
    } catch {
      live = null;
    }
  }
  return noticeDto(row, access, imgs, actionsOf(principal, row, requester), live);
}

export async function getNotice(ctx: Context, principal: Principal, id: string) {
  const { row } = await loadVisible(ctx, principal, id, 'notice.read');
  await ctx.audit.record({
    principal,
    action: 'notice.read',
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
  });
  return present(ctx, principal, row);
}

export async function updateNotice(ctx: Context, principal: Principal, id: string, input: NoticeInput) {
  const { row, requester } = await loadVisible(ctx, principal, id, 'notice.update');
  if (!actsAsRequester(principal, viewOf(row, requester))) {
    await ctx.audit.record({
      principal,
      action: 'notice.update',
      outcome: 'denied',
      objectType: 'notice',
      objectId: id,
      objectAgency: row.requester_agency,
    });
    throw problems.forbidden('Only the requesting agency edits its request.');
  }
  if (!editable(row.kind, row.status as Status))
    throw new Problem(
      409,
      'invalid-transition',
      'Not editable',
      `A ${row.status} ${row.kind} cannot be edited.`,
    );
  const spec = noticeType(row.type)!;
  const { data, language, audience, summary } = await validateInput(
    ctx,
    principal,
    row.kind,
    spec,
    input,
    row,
  );
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const next = await trx
      .updateTable('notices')
      .set({
        data,
        language,
        audience,
        ...(input.translations !== undefined ? { translations: input.translations } : {}),
        ...(input.subjectRecordId !== undefined ? { subject_record_id: input.subjectRecordId, summary } : {}),
        ...(input.assetRecordIds !== undefined ? { asset_record_ids: input.assetRecordIds } : {}),
        ...(input.publicExtract !== undefined ? { public_consent: input.publicExtract } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirst();
    if (!next) throw problems.conflict('The request was changed meanwhile; reload and try again.');
    await recordEvent(
      trx,
      id,
      principal,
      {
        action: 'update',
        from: row.status as Status,
        to: row.status as Status,
        details: { changed: Object.keys(input) },
      },
      now,
    );
    return next;
  });
  await ctx.audit.record({
    principal,
    action: 'notice.update',
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
    details: { changed: Object.keys(input) },
  });
  return present(ctx, principal, updated);
}

export async function noticeHistory(ctx: Context, principal: Principal, id: string) {
  const { row, access } = await loadVisible(ctx, principal, id, 'notice.history');
  const events = await ctx.db
    .selectFrom('notice_events')
    .selectAll()
    .where('notice_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'notice.history',
    outcome: 'success',
    objectType: 'notice',
    objectId: id,
    objectAgency: row.requester_agency,
  });
  // Members learn when it was published and changed in force, not the review's exchanges.
  const shown =
    access === 'member'
      ? events.filter(
          (e) => !['return', 'refuse', 'update', 'create', 'start-review', 'submit'].includes(e.action),
        )
      : events;
  return shown.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    from: e.from_status,
    to: e.to_status,
    actor: access === 'member' ? e.agency : e.actor_name,
    agency: e.agency,
    reason: access === 'member' ? null : e.reason,
    grounds: access === 'member' ? [] : e.grounds,
  }));
}

export interface ListQuery {
  scope?: 'mine' | 'review' | 'in-force';
  kind?: 'notice' | 'diffusion';
  type?: string;
  status?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Lists: my agency's requests (`mine`), the secretariat's review queue (`review`: submitted
 * and under review, and circulated diffusions not yet reviewed, oldest first), or what is in
 * force for me (`in-force`, the default).
 */
export async function listNotices(ctx: Context, principal: Principal, query: ListQuery) {
  const limit = query.limit ?? 50;
  const scope = query.scope ?? 'in-force';
  if (scope === 'review' && !isReviewer(principal))
    throw problems.forbidden('The review queue is the secretariat’s reviewers’.');
  const own = principal.agency.code;
  const ascending = scope === 'review';
  const items = [];
  let cursor = query.cursor;
  let more = false;
  // In force, the audience is evaluated per row (access/notices.ts): read pages until full.
  for (let round = 0; round < 5 && items.length < limit; round++) {
    let q = ctx.db
      .selectFrom('notices')
      .selectAll()
      .limit(limit + 1);
    q = ascending ? q.orderBy('id', 'asc') : q.orderBy('id', 'desc');
    if (cursor) q = q.where('id', ascending ? '>' : '<', cursor);
    if (scope === 'mine') {
      q = q.where((eb) =>
        eb.or([
          eb('requester_agency', '=', own),
          ...(principal.agency.parentCode ? [eb('requester_agency', '=', principal.agency.parentCode)] : []),
          eb(
            'requester_agency',
            'in',
            eb.selectFrom('agencies').select('code').where('parent_code', '=', own),
          ),
        ]),
      );
      if (query.status) q = q.where('status', '=', query.status);
    } else if (scope === 'review') {
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'notice'), eb('status', 'in', ['submitted', 'under-review'])]),
          eb.and([eb('kind', '=', 'diffusion'), eb('status', '=', 'circulated'), eb('review', 'is', null)]),
        ]),
      );
      if (query.status) q = q.where('status', '=', query.status);
    } else {
      q = q.where(
        'status',
        'in',
        query.status && ['published', 'circulated'].includes(query.status)
          ? [query.status]
          : ['published', 'circulated'],
      );
    }
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.type) q = q.where('type', '=', query.type);
    if (query.q?.trim()) {
      const text = query.q.trim();
      const ref = text.replace('-', '/');
      q = q.where((eb) =>
        eb.or([
          eb('reference', '=', ref),
          eb(sql`lower(summary)`, 'like', `%${text.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`),
        ]),
      );
    }
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    more = rows.length > limit;
    const owners = new Map<string, Awaited<ReturnType<typeof ownerOf>>>();
    for (const row of page) {
      if (!owners.has(row.requester_agency))
        owners.set(row.requester_agency, await ownerOf(ctx, row.requester_agency));
      const requester = owners.get(row.requester_agency)!;
      const access = noticeAccess(principal, viewOf(row, requester));
      if (access !== 'none' && items.length < limit) items.push({ row, requester, access });
      cursor = row.id;
    }
    if (!more) break;
  }
  const images = await imagesOf(
    ctx.db,
    items.map((i) => i.row.id),
  );
  await ctx.audit.record({
    principal,
    action: 'notice.list',
    outcome: 'success',
    resultCount: items.length,
    details: { scope, type: query.type ?? null, status: query.status ?? null },
  });
  return {
    items: items.map(({ row, requester, access }) =>
      noticeDto(
        row,
        access as Exclude<NoticeAccess, 'none'>,
        images.get(row.id) ?? [],
        actionsOf(principal, row, requester),
      ),
    ),
    nextCursor: more ? (cursor ?? null) : null,
  };
}

/** Notices whose subject (or one of whose assets) is this record, as far as the principal may see them. */
export async function noticesOfRecord(ctx: Context, principal: Principal, recordId: string) {
  const rows = await ctx.db
    .selectFrom('notices')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('subject_record_id', '=', recordId),
        eb(sql<boolean>`${recordId}::uuid = ANY(asset_record_ids)`, '=', true),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const items = [];
  for (const row of rows) {
    const requester = await ownerOf(ctx, row.requester_agency);
    const access = noticeAccess(principal, viewOf(row, requester));
    if (access !== 'none') items.push(noticeDto(row, access, [], actionsOf(principal, row, requester)));
  }
  await ctx.audit.record({
    principal,
    action: 'notice.by-record',
    outcome: 'success',
    objectType: 'record',
    objectId: recordId,
    resultCount: items.length,
  });
  return { items };
}

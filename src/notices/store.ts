import type { Selectable, Transaction } from 'kysely';
import { learnsNoticeEnded, type NoticeAccess, type NoticeView, noticeAccess } from '../access/notices.ts';
import type { Principal } from '../access/principal.ts';
import type { RecordOwner, RecordPolicy } from '../access/records.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import type { Tables } from '../platform/db-schema.ts';
import { Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { loadOwners } from '../records/search.ts';
import type { Finding } from './checks.ts';
import type { Action, Status } from './lifecycle.ts';
import { type PublicExtractState, publicExtractOf } from './public-state.ts';
import type { NoticeImageTable, NoticeTable } from './tables.ts';
import './tables.ts';

export type NoticeRow = Selectable<NoticeTable>;
export type ImageMeta = Pick<
  Selectable<NoticeImageTable>,
  'picture_id' | 'content_type' | 'size' | 'sha256' | 'caption' | 'position'
>;
export type Db = Kdb | Transaction<Tables>;

export async function ownerOf(ctx: Context, code: string): Promise<RecordOwner> {
  return (await loadOwners(ctx, [code])).get(code)!;
}

export function viewOf(row: NoticeRow, requester: RecordOwner): NoticeView {
  return {
    kind: row.kind,
    status: row.status,
    requester,
    audience: row.audience as RecordPolicy,
    createdBy: row.created_by,
    wasInForce: row.published_at !== null,
  };
}

export async function loadNotice(ctx: Context, id: string): Promise<NoticeRow | undefined> {
  return ctx.db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A notice as the principal may see it; anything else answers 404 (and is audited as denied). */
export async function loadVisible(ctx: Context, principal: Principal, id: string, action: string) {
  const row = await loadNotice(ctx, id);
  const requester = row ? await ownerOf(ctx, row.requester_agency) : undefined;
  const access: NoticeAccess = row && requester ? noticeAccess(principal, viewOf(row, requester)) : 'none';
  if (!row || access === 'none') {
    const ended = row && requester && learnsNoticeEnded(principal, viewOf(row, requester));
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'notice',
      objectId: id,
      // Whose it is stays out, as it does from the 404 (the reader's auditors see the entry).
      ...(ended ? { details: { currentStatus: row.status } } : {}),
    });
    if (ended) {
      const since = (row.ended_at ?? row.updated_at).toISOString();
      throw new Problem(
        410,
        'notice-not-in-force',
        'No longer in force',
        `${row.kind === 'notice' ? 'Notice' : 'Diffusion'} ${row.reference} is ${row.status} since ${since.slice(0, 10)}: do not act on it, or on copies of it.`,
        { reference: row.reference, currentStatus: row.status, since },
      );
    }
    throw problems.notFound('notice');
  }
  return { row, requester: requester!, access };
}

export async function imagesOf(db: Db, noticeIds: string[]): Promise<Map<string, ImageMeta[]>> {
  const out = new Map<string, ImageMeta[]>(noticeIds.map((id) => [id, []]));
  if (noticeIds.length === 0) return out;
  const rows = await db
    .selectFrom('notice_images')
    .select(['notice_id', 'picture_id', 'content_type', 'size', 'sha256', 'caption', 'position'])
    .where('notice_id', 'in', noticeIds)
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(r.notice_id)?.push(r);
  return out;
}

/** The next human reference of the year: 2026/10001, 2026/10002… (one series for notices and diffusions). */
export async function nextReference(db: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const row = await db
    .insertInto('notice_counters')
    .values({ year, n: 10001 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ n: eb('notice_counters.n', '+', 1) })))
    .returning('n')
    .executeTakeFirstOrThrow();
  return `${year}/${row.n}`;
}

export interface EventInput {
  action: Action | 'create' | 'update' | 'image-add' | 'image-remove';
  from: Status | null;
  to: Status;
  reason?: string | null;
  grounds?: string[];
  details?: Record<string, unknown>;
}

export async function recordEvent(
  db: Db,
  noticeId: string,
  principal: Principal,
  event: EventInput,
  now: Date,
): Promise<void> {
  await db
    .insertInto('notice_events')
    .values({
      id: newId(),
      notice_id: noticeId,
      at: now,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      actor_id: principal.id,
      actor_name: principal.name,
      agency: principal.agency.code,
      reason: event.reason ?? null,
      grounds: event.grounds ?? [],
      details: event.details ?? null,
    })
    .execute();
}

/** What a notice is, in a line: for lists, notifications and the audit trail. */
export function summaryOf(
  title: string,
  subject: { names?: { full: string }[]; dateOfBirth?: string } | null,
  data: Record<string, unknown>,
): string {
  const name = subject?.names?.[0]?.full;
  const what =
    name ??
    (typeof data.offence === 'string' ? data.offence : undefined) ??
    (typeof data.threat === 'string' ? data.threat.slice(0, 80) : undefined) ??
    '';
  const born = subject?.dateOfBirth ? ` (born ${subject.dateOfBirth})` : '';
  return `${title}: ${what}${born}`.slice(0, 300);
}

export interface NoticeDto {
  id: string;
  reference: string;
  kind: 'notice' | 'diffusion';
  type: string;
  status: string;
  summary: string;
  requester: string;
  createdBy: string | null;
  subjectRecordId: string | null;
  assetRecordIds: string[];
  language: string;
  data: Record<string, unknown>;
  translations: Record<string, Record<string, string>>;
  audience: RecordPolicy | null;
  publicExtract: boolean;
  publicExtractState: PublicExtractState;
  subject: Record<string, unknown> | null;
  assets: Record<string, unknown>[];
  images: { pictureId: string; contentType: string; size: number; caption: string | null }[];
  findings?: Finding[];
  review?: Record<string, unknown> | null;
  reviewer?: string | null;
  validUntil: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  endedAt: string | null;
  signature: { jws: string; kid: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  access: Exclude<NoticeAccess, 'none'>;
  actions: string[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function noticeDto(
  row: NoticeRow,
  access: Exclude<NoticeAccess, 'none'>,
  images: ImageMeta[],
  actions: string[],
  liveSubject?: Record<string, unknown> | null,
): NoticeDto {
  // Members see what was published; the findings and the review stay between the requester
  // and the secretariat, and the reviewers' own findings (the refugee list) with the secretariat.
  const internal = access !== 'member';
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    type: row.type,
    status: row.status,
    summary: row.summary,
    requester: row.requester_agency,
    // Members are not told which officer asked, nor who else received it or was left out.
    createdBy: internal ? row.created_by_name : null,
    subjectRecordId: row.subject_record_id,
    assetRecordIds: row.asset_record_ids,
    language: row.language,
    data: row.data as Record<string, unknown>,
    translations: row.translations as Record<string, Record<string, string>>,
    audience: internal ? (row.audience as RecordPolicy) : null,
    publicExtract: row.public_consent,
    publicExtractState: publicExtractOf(row).state,
    subject:
      (liveSubject !== undefined ? liveSubject : (row.subject as Record<string, unknown> | null)) ?? null,
    assets: (row.assets as Record<string, unknown>[] | null) ?? [],
    images: images.map((i) => ({
      pictureId: i.picture_id,
      contentType: i.content_type,
      size: i.size,
      caption: i.caption,
    })),
    ...(internal
      ? {
          findings: (row.findings as Finding[]).filter((f) => access === 'reviewer' || !f.reviewerOnly),
          review: (row.review as Record<string, unknown> | null) ?? null,
          reviewer: row.reviewer,
        }
      : {}),
    validUntil: iso(row.valid_until),
    submittedAt: iso(row.submitted_at),
    publishedAt: iso(row.published_at),
    endedAt: iso(row.ended_at),
    signature: row.signature && row.signed_kid ? { jws: row.signature, kid: row.signed_kid } : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    access,
    actions,
  };
}

import { type Selectable, sql, type Transaction } from 'kysely';
import type { Principal } from '../access/principal.ts';
import {
  canChangeRecord,
  DEFAULT_POLICY,
  fromPartner,
  isOwnerSide,
  policyProblems,
  policySeenBy,
  type RecordOwner,
  type RecordPolicy,
  recordAccess,
} from '../access/records.ts';
import { findAgency, ownAndUnitCodes } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import type { RecordTable, Tables } from '../platform/db-schema.ts';
import { type FieldError, Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { schemaErrors } from '../platform/validation.ts';
import { externalRefTaken, lockExternalRefs, NOT_DELETED, recordWithRef } from './external-refs.ts';
import { noteFeedExit } from './feed-exits.ts';
import { type IndexKey, removeIdentifiers, searchKeys, writeIdentifiers } from './identifiers.ts';
import { recordKind } from './kinds/index.ts';
import type { PersonData } from './kinds/person.ts';
import type { RecordKind } from './kinds/types.ts';
import { personNameIndex } from './person-names.ts';
import { claimRecordPhotos } from './photo-claims.ts';
import { defaultReviewAt, reviewDateProblem } from './review-date.ts';
import { RECORD_KIND_NAMES, type RecordCreate, type RecordListQuery, type RecordUpdate } from './schema.ts';

export type RecordRow = Selectable<RecordTable>;

export const REVIEW_NOTICE_MS = 182 * 86_400_000;

export function recordDto(row: RecordRow, principal: Principal, owner: RecordOwner, warnings?: FieldError[]) {
  return {
    id: row.id,
    kind: row.kind,
    owner: row.owner_agency,
    data: row.data as Record<string, unknown>,
    summary: row.summary,
    policy: policySeenBy(principal.agency, owner, row.policy as RecordPolicy),
    ...fromPartner(owner),
    status: row.status as 'active' | 'lapsed' | 'deleted',
    version: row.version,
    reviewAt: row.review_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(isOwnerSide(principal.agency, owner)
      ? {
          notificationsMuted: row.notifications_muted,
          ...(row.external_ref !== null ? { externalRef: row.external_ref } : {}),
        }
      : {}),
    ...(warnings && warnings.length > 0 ? { warnings } : {}),
  };
}

export async function ownerOf(db: Kdb, code: string): Promise<RecordOwner> {
  const agency = await findAgency(db, code);
  return {
    code,
    country: agency?.country ?? null,
    parentCode: agency?.parent_code ?? null,
    ...(agency ? { kind: agency.kind } : {}),
  };
}

/** Validates a record's data for its kind; returns the search keys, summary and warnings. */
/**
 * What a private partner (a security company, a bank, a platform) may record: threat data.
 * Wanted persons, stolen documents and the like are police matters; a partner's "wanted"
 * person would reach every member as one.
 */
export const PARTNER_RECORD_KINDS: readonly string[] = [
  'cyber-indicator',
  'crypto-wallet',
  'financial-account',
];

export function checkRecordData(
  kindName: string,
  data: unknown,
  owner: { country: string | null; kind: string },
) {
  const kind = recordKind(kindName);
  if (!kind) throw problems.invalidField('/body/kind', `unknown record kind ${kindName}`);
  if (owner.kind === 'partner' && !PARTNER_RECORD_KINDS.includes(kind.kind))
    throw problems.invalidField(
      '/body/kind',
      `private partners submit threat data (${PARTNER_RECORD_KINDS.join(', ')}), not ${kind.kind} records`,
    );
  const shapeErrors = schemaErrors(kind.schema, data, '/body/data');
  if (shapeErrors.length > 0)
    throw problems.validation([...shapeErrors, ...checksBeyondShape(kind, data, owner, shapeErrors)]);
  const checked = kind.validate(data, { ownerCountry: owner.country, ownerKind: owner.kind });
  if (checked.errors.length > 0) {
    throw problems.validation(
      checked.errors.map((e) => ({ field: `/body/data${e.field}`, message: e.message })),
    );
  }
  // A person is also found by name: its prepared names are stored, its name keys indexed.
  const names = kind.kind === 'person' ? personNameIndex(data as PersonData) : null;
  // A person whose names hold no letters of a name (emoji, digits, punctuation)
  // could be written but never found by name, as a search refuses the same text.
  if (names && !names.prepared.n.some((n) => n.t.some((t) => t.r !== 'x' && t.f.length > 0)))
    throw problems.invalidField('/body/data/names/0/full', 'has no name in it: write the letters of a name');
  const identifiers: IndexKey[] = kind.identifiers(data);
  return {
    kind,
    identifiers: names ? [...identifiers, ...names.keys] : identifiers,
    personMatch: names?.prepared ?? null,
    summary: kind.summary(data).slice(0, 300),
    warnings: checked.warnings.map((w) => ({ field: `/body/data${w.field}`, message: w.message })),
  };
}

/**
 * The kind's own checks (countries, check digits, dates) on data whose shape is wrong too, so
 * that an officer hears of every mistake at once rather than in two rounds. Only where they
 * say something of fields the shape check did not already flag; and none if the checks
 * cannot read data of the wrong shape — the next attempt runs them in full.
 */
function checksBeyondShape(
  kind: RecordKind<unknown>,
  data: unknown,
  owner: { country: string | null; kind: string },
  shapeErrors: FieldError[],
): FieldError[] {
  let errors: FieldError[];
  try {
    errors = kind.validate(data, { ownerCountry: owner.country, ownerKind: owner.kind }).errors;
  } catch {
    return [];
  }
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  return errors
    .map((e) => ({ field: `/body/data${e.field}`, message: e.message }))
    .filter((e) => !shapeErrors.some((shape) => overlaps(shape.field, e.field)));
}

/**
 * Refuses a policy that names no one or contradicts itself; warns (the write goes ahead) when
 * it gives a private partner a record that is not threat data — a person, a document, a
 * vehicle: personal data in a company's hands, which the owner's law may not allow.
 */
async function checkPolicy(db: Kdb, policy: RecordPolicy, kind: string): Promise<FieldError[]> {
  const errors = policyProblems(policy);
  const warnings: FieldError[] = [];
  const codes = policy.agencies ?? [];
  if (codes.length > 0) {
    const found = await db
      .selectFrom('agencies')
      .select(['code', 'kind'])
      .where('code', 'in', codes)
      .execute();
    const known = new Map(found.map((r) => [r.code, r.kind]));
    codes.forEach((code, i) => {
      if (!known.has(code))
        errors.push({ field: `/body/policy/agencies/${i}`, message: `unknown agency ${code}` });
      else if (known.get(code) === 'partner' && !PARTNER_RECORD_KINDS.includes(kind))
        warnings.push({
          field: `/body/policy/agencies/${i}`,
          message: `${code} is a private partner, not a police member: it will read this ${kind} record in full — share personal data with a company only where your law allows it`,
        });
    });
  }
  if (errors.length > 0)
    throw problems.validation(
      errors.map((e) => ({ ...e, field: e.field.startsWith('/body') ? e.field : `/body${e.field}` })),
    );
  return warnings;
}

export async function createRecord(ctx: Context, principal: Principal, input: RecordCreate) {
  const ownerAgency = (await findAgency(ctx.db, principal.agency.code))!;
  const checked = checkRecordData(input.kind, input.data, {
    country: ownerAgency.country,
    kind: ownerAgency.kind,
  });
  const policy = (input.policy ?? DEFAULT_POLICY) as RecordPolicy;
  const policyWarnings = await checkPolicy(ctx.db, policy, input.kind);
  const now = ctx.clock.now();
  const reviewAt = input.reviewAt
    ? new Date(input.reviewAt)
    : defaultReviewAt(ctx.config.reviewYears, checked.kind, now);
  const reviewProblem = reviewDateProblem(reviewAt, now);
  if (reviewProblem) throw problems.invalidField('/body/reviewAt', reviewProblem);
  const id = newId();
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (input.externalRef !== undefined) {
      await lockExternalRefs(trx, ownerAgency.code);
      const existing = await recordWithRef(trx, ownerAgency.code, input.externalRef);
      if (existing) throw externalRefTaken(input.externalRef, existing);
    }
    await claimRecordPhotos(trx, principal, id, input.kind, input.data, false);
    const inserted = await trx
      .insertInto('records')
      .values({
        id,
        kind: input.kind,
        owner_agency: ownerAgency.code,
        external_ref: input.externalRef ?? null,
        data: input.data,
        summary: checked.summary,
        policy,
        version: 1,
        review_at: reviewAt,
        search_keys: searchKeys(checked.identifiers),
        person_match: checked.personMatch,
        created_by: principal.name,
        created_at: now,
        updated_by: principal.name,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('record_versions')
      .values({
        record_id: id,
        version: 1,
        action: 'create',
        data: input.data,
        policy,
        reason: null,
        changed_by: principal.name,
        changed_at: now,
      })
      .execute();
    await writeIdentifiers(trx, id, checked.identifiers);
    return inserted;
  });
  await ctx.audit.record({
    principal,
    action: 'record.create',
    outcome: 'success',
    objectType: 'record',
    objectId: id,
    objectAgency: ownerAgency.code,
    details: { kind: input.kind },
  });
  return recordDto(row, principal, await ownerOf(ctx.db, ownerAgency.code), [
    ...checked.warnings,
    ...policyWarnings,
  ]);
}

export async function loadRecord(ctx: Context, id: string) {
  const row = await ctx.db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { row, owner: await ownerOf(ctx.db, row.owner_agency) };
}

/** Whether the principal reads the whole record: its policy allows it, and it is active (or the principal's own side's). */
export function readable(
  principal: Principal,
  found: NonNullable<Awaited<ReturnType<typeof loadRecord>>>,
): boolean {
  return (
    recordAccess(principal, found.owner, found.row.policy as RecordPolicy) === 'full' &&
    (found.row.status === 'active' || isOwnerSide(principal.agency, found.owner))
  );
}

/** A record as its policy allows: the whole of it, or (to anyone else) that it does not exist. */
export async function getRecord(ctx: Context, principal: Principal, id: string) {
  const found = await loadRecord(ctx, id);
  const visible = found !== undefined && readable(principal, found);
  await ctx.audit.record({
    principal,
    action: 'record.read',
    outcome: visible ? 'success' : 'denied',
    objectType: 'record',
    objectId: id,
    // Answered "not found": the entry, which the reader's own auditors see, must not say
    // whose it is (that would confirm what the 404 hides).
    objectAgency: visible ? found.row.owner_agency : undefined,
  });
  if (!found || !visible) throw problems.notFound('record');
  return recordDto(found.row, principal, found.owner);
}

async function loadOwnRecord(ctx: Context, principal: Principal, id: string, action: string) {
  const found = await loadRecord(ctx, id);
  if (!found || !canChangeRecord(principal, found.owner)) {
    // Told "forbidden" only about a record it may read: of a deleted or lapsed one, as of a
    // hidden one, "not found" — a 403 (and an audit entry naming the owner) said it existed.
    const visible = found !== undefined && readable(principal, found);
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'record',
      objectId: id,
      objectAgency: visible ? found.row.owner_agency : undefined,
    });
    if (visible) throw problems.forbidden('Only the owning agency changes its records.');
    throw problems.notFound('record');
  }
  if (found.row.status === 'deleted')
    throw new Problem(409, 'record-deleted', 'Record deleted', 'A deleted record cannot be changed.');
  return found;
}

export async function updateRecord(ctx: Context, principal: Principal, id: string, input: RecordUpdate) {
  const { row, owner } = await loadOwnRecord(ctx, principal, id, 'record.update');
  if (input.version !== undefined && input.version !== row.version)
    throw problems.conflict(
      `The record is at version ${row.version}, not ${input.version}: another change was saved since you read it. Reload it and make your change again.`,
    );
  const ownerAgency = (await findAgency(ctx.db, row.owner_agency))!;
  const data = input.data ?? (row.data as object);
  const checked = checkRecordData(row.kind, data, { country: ownerAgency.country, kind: ownerAgency.kind });
  const policy = (input.policy ?? row.policy) as RecordPolicy;
  const policyWarnings = input.policy ? await checkPolicy(ctx.db, policy, row.kind) : [];
  const now = ctx.clock.now();
  const contentChanged = input.data !== undefined || input.policy !== undefined;
  // Photographs the correction took off (and deleted): named in its audit entry.
  let photosRemoved: string[] = [];
  const updated = await ctx.db.transaction().execute(async (trx) => {
    // The owner's reference lock first, as imports take it (then the rows): the other order
    // deadlocked against an import naming this record.
    if (input.externalRef) await lockExternalRefs(trx, row.owner_agency);
    const storedKeys = await lockUnchanged(trx, id, row.version);
    if (input.externalRef) {
      const existing = await recordWithRef(trx, row.owner_agency, input.externalRef, id);
      if (existing) throw externalRefTaken(input.externalRef, existing);
    }
    if (input.data !== undefined)
      photosRemoved = await claimRecordPhotos(trx, principal, id, row.kind, data, true);
    const version = contentChanged ? row.version + 1 : row.version;
    const next = await trx
      .updateTable('records')
      .set({
        data,
        policy,
        ...(input.data !== undefined
          ? { search_keys: searchKeys(checked.identifiers), person_match: checked.personMatch }
          : {}),
        summary: checked.summary,
        version,
        ...(input.notificationsMuted !== undefined ? { notifications_muted: input.notificationsMuted } : {}),
        ...(input.externalRef !== undefined ? { external_ref: input.externalRef } : {}),
        updated_by: principal.name,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (contentChanged) {
      await keepFirstVersion(trx, row);
      await trx
        .insertInto('record_versions')
        .values({
          record_id: id,
          version,
          action: 'update',
          data,
          policy,
          reason: input.reason ?? null,
          changed_by: principal.name,
          changed_at: now,
        })
        .execute();
    }
    if (input.data !== undefined) {
      await removeIdentifiers(trx, id, storedKeys);
      await writeIdentifiers(trx, id, checked.identifiers);
    }
    await noteFeedExit(trx, row, next, now);
    return next;
  });
  await ctx.audit.record({
    principal,
    action: 'record.update',
    outcome: 'success',
    objectType: 'record',
    objectId: id,
    objectAgency: row.owner_agency,
    details: { changed: Object.keys(input), ...(photosRemoved.length > 0 ? { photosRemoved } : {}) },
  });
  return recordDto(updated, principal, owner, [...checked.warnings, ...policyWarnings]);
}

/**
 * An imported record's first version is the record itself (see bulk.ts) until its content
 * first changes: then it is written out, before being superseded. Imports before migration
 * 0005 left a row without content; later ones left none.
 */
export async function keepFirstVersion(trx: Transaction<Tables>, row: RecordRow): Promise<void> {
  await sql`
    INSERT INTO record_versions (record_id, version, action, data, policy, changed_by, changed_at)
    VALUES (${row.id}, 1, 'import', ${JSON.stringify(row.data)}::text::jsonb, ${JSON.stringify(row.policy)}::text::jsonb,
      ${row.created_by}, ${row.created_at})
    ON CONFLICT (record_id, version) DO UPDATE SET data = EXCLUDED.data, policy = EXCLUDED.policy
    WHERE record_versions.action = 'import' AND record_versions.data IS NULL`.execute(trx);
}

/**
 * Locks a record for a change if it is still at the version read — another change since
 * (a second click, another officer) wins; this one would otherwise write the same version
 * number twice — and returns the search keys it stores now: the names reindex may have
 * replaced them without a new version since the record was read, and the keys removed must
 * be those in the index.
 */
async function lockUnchanged(trx: Transaction<Tables>, id: string, version: number): Promise<string[]> {
  const current = await trx
    .selectFrom('records')
    .select(['version', 'search_keys'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (current?.version !== version)
    throw problems.conflict('The record was changed meanwhile; reload and try again.');
  return current.search_keys;
}

/** Deletion is recorded: the record stops answering, its history keeps who deleted it and why. */
export async function deleteRecord(ctx: Context, principal: Principal, id: string, reason: string) {
  const { row, owner } = await loadOwnRecord(ctx, principal, id, 'record.delete');
  const now = ctx.clock.now();
  const deleted = await ctx.db.transaction().execute(async (trx) => {
    const storedKeys = await lockUnchanged(trx, id, row.version);
    const next = await trx
      .updateTable('records')
      .set({
        status: 'deleted',
        ended_at: now,
        search_keys: [],
        version: row.version + 1,
        updated_by: principal.name,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('record_versions')
      .values({
        record_id: id,
        version: row.version + 1,
        action: 'delete',
        data: null,
        policy: null,
        reason,
        changed_by: principal.name,
        changed_at: now,
      })
      .execute();
    await removeIdentifiers(trx, id, storedKeys);
    await noteFeedExit(trx, row, next, now);
    return next;
  });
  await ctx.audit.record({
    principal,
    action: 'record.delete',
    outcome: 'success',
    objectType: 'record',
    objectId: id,
    objectAgency: row.owner_agency,
    details: { reason },
  });
  return recordDto(deleted, principal, owner);
}

/** The owner confirms the record is still needed: the review date moves on. */
export async function extendRecord(
  ctx: Context,
  principal: Principal,
  id: string,
  reason: string,
  until?: string,
) {
  const { row, owner } = await loadOwnRecord(ctx, principal, id, 'record.extend');
  const kind = recordKind(row.kind)!;
  const now = ctx.clock.now();
  const reviewAt = until ? new Date(until) : defaultReviewAt(ctx.config.reviewYears, kind, now);
  const reviewProblem = reviewDateProblem(reviewAt, now);
  if (reviewProblem) throw problems.invalidField('/body/until', reviewProblem);
  const wasLapsed = row.status === 'lapsed';
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const next = await trx
      .updateTable('records')
      .set({
        review_at: reviewAt,
        review_notified_at: null,
        status: 'active',
        ended_at: null,
        version: row.version + 1,
        updated_by: principal.name,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirst();
    if (!next) throw problems.conflict('The record was changed meanwhile; reload and try again.');
    await trx
      .insertInto('record_versions')
      .values({
        record_id: id,
        version: row.version + 1,
        action: wasLapsed ? 'restore' : 'extend',
        data: row.data as object,
        policy: row.policy as object,
        reason,
        changed_by: principal.name,
        changed_at: now,
      })
      .execute();
    return next;
  });
  await ctx.audit.record({
    principal,
    action: 'record.extend',
    outcome: 'success',
    objectType: 'record',
    objectId: id,
    objectAgency: row.owner_agency,
    details: { reason, reviewAt: reviewAt.toISOString() },
  });
  return recordDto(updated, principal, owner);
}

export async function recordHistory(ctx: Context, principal: Principal, id: string) {
  const found = await loadRecord(ctx, id);
  if (!found || !isOwnerSide(principal.agency, found.owner) || !principal.permissions.has('records:read')) {
    throw problems.notFound('record');
  }
  const versions = await ctx.db
    .selectFrom('record_versions')
    .selectAll()
    .where('record_id', '=', id)
    .orderBy('version')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'record.history',
    outcome: 'success',
    objectType: 'record',
    objectId: id,
    objectAgency: found.row.owner_agency,
  });
  // An import version without content, or none at all, is the record's content, never
  // changed since (see bulk.ts).
  const asRecord = (v: (typeof versions)[number]) => v.action === 'import' && v.data === null;
  const rows =
    versions[0]?.version === 1
      ? versions
      : [
          {
            record_id: id,
            version: 1,
            action: 'import',
            data: null,
            policy: null,
            reason: null,
            changed_by: found.row.created_by,
            changed_at: found.row.created_at,
          },
          ...versions,
        ];
  return rows.map((v) => ({
    version: v.version,
    action: v.action,
    data: (asRecord(v) ? found.row.data : (v.data ?? null)) as Record<string, unknown> | null,
    policy: (asRecord(v) ? found.row.policy : (v.policy ?? null)) as Record<string, unknown> | null,
    reason: v.reason,
    changedBy: v.changed_by,
    changedAt: v.changed_at.toISOString(),
  }));
}

/**
 * A page of the owners' lapsed or deleted records. The status is a literal (an enum the schema
 * checked): a plan PostgreSQL keeps for the statement can then still read ended records from
 * their partial index (records_ended); for `status = $n` it walked the whole table newest first
 * and filtered.
 */
export function endedStatement(
  db: Kdb,
  ownerCodes: string[],
  status: 'lapsed' | 'deleted',
  query: RecordListQuery,
  now: Date,
) {
  const limit = query.limit ?? 50;
  let q = db
    .selectFrom('records')
    .selectAll()
    .where('owner_agency', 'in', ownerCodes)
    .where(sql<boolean>`status = ${sql.lit(status)}`)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.reviewDue) q = q.where('review_at', '<=', new Date(now.getTime() + REVIEW_NOTICE_MS));
  if (query.cursor) q = q.where('id', '<', query.cursor);
  return q;
}

/**
 * A page of the owners' active records due for review (their review date within the notice
 * period), newest first. Each owner's due entries are read from records_due_for_review (owner,
 * review date; carrying id and kind) and only their ids sorted; the page's rows are then
 * fetched by id (an array, so that no plan merges them with the whole table). The per-owner
 * read is fenced (OFFSET 0): unfenced, a plan PostgreSQL kept without the date's value walked
 * the whole table newest first (6.5 s for an agency with 20 due among 2,000,000 records), as
 * the old network-wide index's custom plans did for a bureau with its units (8-12 s). A page
 * costs as many index entries as the owners have records due: a tenth of their active records
 * when review dates are spread evenly.
 */
export function dueForReviewStatement(ownerCodes: string[], query: RecordListQuery, now: Date) {
  const limit = query.limit ?? 50;
  const dueBy = new Date(now.getTime() + REVIEW_NOTICE_MS);
  return sql<Selectable<RecordTable>>`
    SELECT * FROM records WHERE id = ANY(ARRAY(
      SELECT due.id FROM unnest(${ownerCodes}::text[]) AS o(owner)
      CROSS JOIN LATERAL (
        SELECT id FROM records
        WHERE owner_agency = o.owner AND status = 'active' AND review_at <= ${dueBy}
          ${query.kind ? sql`AND kind = ${query.kind}` : sql``}
          ${query.cursor ? sql`AND id < ${query.cursor}` : sql``}
        OFFSET 0
      ) due
      ORDER BY due.id DESC LIMIT ${limit + 1}
    ))
    ORDER BY id DESC`;
}

/**
 * My agency's records (with its units' when a bureau), newest first. An agency's records may
 * be a few among millions of others': the active ones are read newest first per owner and
 * kind from records_owner and merged, so that a page costs the same whatever the others
 * hold (filtering the whole table newest first took 0.75 s for an agency with none among a
 * million). Lapsed and deleted records come from their own partial index, those due for review
 * from the owner's entries in records_due_for_review.
 */
export async function listOwnRecords(ctx: Context, principal: Principal, query: RecordListQuery) {
  const limit = query.limit ?? 50;
  const ownerCodes = await ownAndUnitCodes(ctx, principal); // a bureau lists its units' too
  const status = query.status ?? 'active';
  let rows: Selectable<RecordTable>[];
  if (query.externalRef !== undefined) {
    // A national system finding its record by its own reference, whatever its state, unless
    // it names one (a deleted record's reference may have passed to another).
    let q = ctx.db
      .selectFrom('records')
      .selectAll()
      .where('owner_agency', 'in', ownerCodes)
      .where('external_ref', '=', query.externalRef)
      .where('status', 'in', query.status ? [query.status] : ['active', 'lapsed'])
      .orderBy('id', 'desc')
      .limit(limit + 1);
    // Written out where it holds, so that the partial unique index serves the lookup.
    if (query.status !== 'deleted') q = q.where(NOT_DELETED);
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.reviewDue)
      q = q.where('review_at', '<=', new Date(ctx.clock.now().getTime() + REVIEW_NOTICE_MS));
    if (query.cursor) q = q.where('id', '<', query.cursor);
    rows = await q.execute();
  } else if (status === 'active' && !query.reviewDue) {
    const kinds = query.kind ? [query.kind] : [...RECORD_KIND_NAMES];
    rows = (
      await sql<Selectable<RecordTable>>`
        SELECT r.* FROM unnest(${ownerCodes}::text[]) AS o(owner)
        CROSS JOIN unnest(${kinds}::text[]) AS k(kind)
        CROSS JOIN LATERAL (
          SELECT id FROM records
          WHERE owner_agency = o.owner AND kind = k.kind AND status = 'active'
            ${query.cursor ? sql`AND id < ${query.cursor}` : sql``}
          ORDER BY id DESC LIMIT ${limit + 1}
        ) p
        JOIN records r ON r.id = p.id
        ORDER BY r.id DESC LIMIT ${limit + 1}`.execute(ctx.db)
    ).rows;
  } else if (status === 'active') {
    rows = (await dueForReviewStatement(ownerCodes, query, ctx.clock.now()).execute(ctx.db)).rows;
  } else {
    rows = await endedStatement(ctx.db, ownerCodes, status, query, ctx.clock.now()).execute();
  }
  const page = rows.slice(0, limit);
  await ctx.audit.record({
    principal,
    action: 'record.list',
    outcome: 'success',
    resultCount: page.length,
    details: { kind: query.kind ?? null },
  });
  const owners = new Map<string, RecordOwner>();
  const items = [];
  for (const row of page) {
    if (!owners.has(row.owner_agency)) owners.set(row.owner_agency, await ownerOf(ctx.db, row.owner_agency));
    items.push(recordDto(row, principal, owners.get(row.owner_agency)!));
  }
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

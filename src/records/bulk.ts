import { isDeepStrictEqual } from 'node:util';
import { sql, type Transaction } from 'kysely';
import { type Principal, uploaderOf } from '../access/principal.ts';
import { DEFAULT_POLICY, policyProblems, type RecordPolicy } from '../access/records.ts';
import type { Config } from '../platform/config.ts';
import type { Context } from '../platform/context.ts';
import { isRealDate } from '../platform/dates.ts';
import type { Kdb } from '../platform/db.ts';
import type { Tables } from '../platform/db-schema.ts';
import { type FieldError, Problem } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { DateTime } from '../platform/schema.ts';
import { schemaErrors } from '../platform/validation.ts';
import { lockExternalRefs, NOT_DELETED } from './external-refs.ts';
import { noteFeedExit } from './feed-exits.ts';
import type { ParsedLine } from './formats.ts';
import { type IndexKey, isIpRange, removeIdentifiers, searchKeys, writeIdentifiers } from './identifiers.ts';
import { recordKind } from './kinds/index.ts';
import { claimPhotos, type PhotoWriter, photoFieldOf, photoIdsOf } from './photo-claims.ts';
import { defaultReviewAt, reviewDateProblem } from './review-date.ts';
import { ExternalRef, PolicySchema } from './schema.ts';
import { checkRecordData, keepFirstVersion, type RecordRow } from './service.ts';

/** One line of an import: the body of POST /records. */
export interface ImportLine {
  kind: string;
  data: unknown;
  policy?: RecordPolicy;
  reviewAt?: string;
  externalRef?: string;
}

export interface PreparedRecord {
  /** What POST /records would answer in `warnings` (a VIN's check digit, an unknown number range…). */
  warnings: FieldError[];
  id: string;
  kind: string;
  data: unknown;
  summary: string;
  policy: RecordPolicy;
  reviewAt: Date;
  identifiers: IndexKey[];
  personMatch: object | null;
  /** The owner's own reference: a record that has it is updated, not made again. */
  externalRef?: string;
  /** Whether the line said so: a record updated by a line that did not keeps its own. */
  policyGiven: boolean;
  reviewAtGiven: boolean;
}

export interface ImportReport {
  mode: 'all-or-nothing' | 'skip-invalid';
  total: number;
  /** Lines accepted: records created, updated through their reference, or found unchanged. */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: { line: number; errors: FieldError[] }[];
  invalidCount: number;
  /** Lines written (or valid, all-or-nothing) with warnings: likely typos worth a look. */
  warned: { line: number; warnings: FieldError[] }[];
  warnedCount: number;
  durationMs: number;
}

/** The policy's schema without its $id, which the request validator has registered already. */
const { $id: _policyId, ...POLICY_SHAPE } = PolicySchema;
const MAX_REPORTED_ERRORS = 1000;

/** Validates one line as POST /records would; errors are named relative to the line. */
export function prepareLine(
  line: ImportLine,
  owner: { country: string | null; kind: string },
  knownAgencies: Set<string>,
  now: Date,
  reviewYears: Config['reviewYears'] = {},
): PreparedRecord | FieldError[] {
  if (typeof line !== 'object' || line === null || Array.isArray(line))
    return [{ field: '/', message: 'must be an object {kind, data, policy?}' }];
  const extra = Object.keys(line).filter(
    (k) => !['kind', 'data', 'policy', 'reviewAt', 'externalRef'].includes(k),
  );
  if (extra.length > 0) return extra.map((k) => ({ field: `/${k}`, message: 'is not a known field' }));
  // As POST /records refuses it: null is no policy, and on a record that exists it would not
  // be read as "keep the owner's" but as the default — opening what the owner restricted.
  if (line.policy === null)
    return [
      { field: '/policy', message: 'must be an object: leave it out for the default, or the record’s own' },
    ];
  if (line.externalRef !== undefined) {
    const refErrors = schemaErrors(ExternalRef, line.externalRef, '/externalRef');
    if (refErrors.length > 0) return refErrors;
  }
  try {
    const checked = checkRecordData(line.kind, line.data, owner);
    const policy = line.policy ?? DEFAULT_POLICY;
    // As POST /records checks it: the shape, then what the shape cannot say.
    const policyErrors = schemaErrors(POLICY_SHAPE, policy, '/policy');
    if (policyErrors.length === 0) policyErrors.push(...policyProblems(policy));
    if (policyErrors.length > 0) return policyErrors;
    const unknown = (policy.agencies ?? []).filter((a) => !knownAgencies.has(a));
    if (unknown.length > 0)
      return [{ field: '/policy/agencies', message: `unknown agencies: ${unknown.join(', ')}` }];
    // As POST /records reads it: an RFC 3339 date-time that exists (not 30 February) — or, as
    // spreadsheets write dates, a day (2027-06-30), taken at midnight UTC.
    let reviewText = line.reviewAt;
    if (typeof reviewText === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(reviewText)) {
      if (!isRealDate(reviewText)) return [{ field: '/reviewAt', message: 'is not a real date' }];
      reviewText = `${reviewText}T00:00:00Z`;
    }
    if (reviewText !== undefined) {
      const dateErrors = schemaErrors(DateTime, reviewText, '/reviewAt');
      if (dateErrors.length > 0) return dateErrors;
    }
    const reviewAt = reviewText ? new Date(reviewText) : defaultReviewAt(reviewYears, checked.kind, now);
    const reviewProblem = reviewDateProblem(reviewAt, now);
    if (reviewProblem) return [{ field: '/reviewAt', message: reviewProblem }];
    return {
      warnings: checked.warnings.map((w) => ({ ...w, field: w.field.replace(/^\/body/, '') })),
      id: newId(),
      kind: line.kind,
      data: line.data,
      summary: checked.summary,
      policy,
      reviewAt,
      identifiers: checked.identifiers,
      personMatch: checked.personMatch,
      ...(line.externalRef !== undefined ? { externalRef: line.externalRef } : {}),
      policyGiven: line.policy !== undefined,
      reviewAtGiven: line.reviewAt !== undefined,
    };
  } catch (error) {
    if (error instanceof Problem) {
      return (error.extensions.errors ?? [{ field: '/', message: error.detail ?? error.title }]).map((e) => ({
        ...e,
        field: e.field.replace(/^\/body/, '') || '/',
      }));
    }
    throw error;
  }
}

/**
 * Writes a batch of prepared records with one statement per table: the rows travel as
 * arrays (unnest), so a thousand records cost a handful of round trips, not thousands.
 */
export async function insertRecords(
  db: Transaction<Tables> | Kdb,
  owner: string,
  principalName: string,
  records: PreparedRecord[],
  now: Date,
) {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    id: r.id,
    kind: r.kind,
    data: r.data,
    summary: r.summary,
    policy: r.policy,
    review_at: r.reviewAt,
    search_keys: searchKeys(r.identifiers),
    person_match: r.personMatch,
    external_ref: r.externalRef ?? null,
  }));
  const keys: { scheme: string; value: string; country: string; record_id: string }[] = [];
  const ranges: { range: string; record_id: string }[] = [];
  for (const r of records) {
    for (const i of r.identifiers) {
      if (isIpRange(i)) ranges.push({ range: i.value, record_id: r.id });
      else keys.push({ scheme: i.scheme, value: i.value, country: i.country ?? '', record_id: r.id });
    }
  }
  // One statement for the batch: the records, their identifiers and IP ranges. No version
  // row: an imported record's first version is the record itself until its content first
  // changes (service.ts writes it out before an update; history shows it from the record),
  // which saves a row and an index entry per record. The rows travel as one JSON document
  // per table: serialised natively here, parsed once there (an array parameter per column
  // was a fifth of import time, spent escaping strings).
  const json = (value: unknown) => JSON.stringify(value);
  await sql`
    WITH inserted AS (
      INSERT INTO records (id, kind, owner_agency, data, summary, policy, version, review_at, search_keys, person_match, external_ref, created_by, created_at, updated_by, updated_at)
      SELECT id, kind, ${owner}, data, summary, policy, 1, review_at, search_keys, person_match, external_ref, ${principalName}, ${now}, ${principalName}, ${now}
      FROM jsonb_to_recordset(${json(rows)}::text::jsonb)
        AS t(id uuid, kind text, data jsonb, summary text, policy jsonb, review_at timestamptz, search_keys text[], person_match jsonb, external_ref text)
    ), ranges AS (
      INSERT INTO record_ip_ranges (range, record_id)
      SELECT range, record_id FROM jsonb_to_recordset(${json(ranges)}::text::jsonb) AS t(range cidr, record_id uuid)
    )
    INSERT INTO record_identifiers (scheme, value, country, record_id)
    SELECT scheme, value, country, record_id
    FROM jsonb_to_recordset(${json(keys)}::text::jsonb) AS t(scheme text, value text, country text, record_id uuid)`.execute(
    db,
  );
}

interface LineNote {
  line: number;
  problems: FieldError[];
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Lines found invalid only when written (a reference to a record of another kind). */
  invalid: LineNote[];
  warned: LineNote[];
}

/**
 * Writes a batch of an import. Lines without a reference are inserted as they are; a line
 * whose reference one of the owner's records already has updates that record (or finds it
 * unchanged) — so a national system can send its whole register every night.
 */
export async function writeBatch(
  trx: Transaction<Tables>,
  owner: string,
  principalName: string,
  records: (PreparedRecord & { line: number })[],
  now: Date,
  writer: PhotoWriter,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, invalid: [], warned: [] };
  const refs = records.flatMap((r) => (r.externalRef === undefined ? [] : [r.externalRef]));
  let fresh = records;
  if (refs.length > 0) {
    await lockExternalRefs(trx, owner);
    const existing = await trx
      .selectFrom('records')
      .selectAll()
      .where('owner_agency', '=', owner)
      // Written out, not a parameter: a generic plan must see the unique index's predicate.
      .where(sql<boolean>`external_ref = ANY(${refs}::text[])`)
      .where(NOT_DELETED)
      .forUpdate()
      .execute();
    const byRef = new Map(existing.map((row) => [row.external_ref!, row]));
    fresh = [];
    for (const record of records) {
      const current = record.externalRef === undefined ? undefined : byRef.get(record.externalRef);
      if (!current) {
        fresh.push(record);
        continue;
      }
      const result = await replaceFromImport(trx, current, record, principalName, now, writer);
      if (Array.isArray(result)) {
        outcome.invalid.push({ line: record.line, problems: result });
        continue;
      }
      outcome[result.outcome]++;
      if (result.warnings.length > 0) outcome.warned.push({ line: record.line, problems: result.warnings });
    }
  }
  // The photographs new records name, checked and bound in one round (photo-claims.ts).
  const withPhotos = fresh.filter((r) => photoIdsOf(r.kind, r.data).length > 0);
  if (withPhotos.length > 0) {
    const { failures } = await claimPhotos(
      trx,
      writer,
      withPhotos.map((r) => ({
        recordId: r.id,
        ids: photoIdsOf(r.kind, r.data),
        field: photoFieldOf(r.kind, '/data'),
        replacing: false,
      })),
    );
    const refused = new Set<PreparedRecord>();
    for (const [index, problems] of failures) {
      refused.add(withPhotos[index]!);
      outcome.invalid.push({ line: withPhotos[index]!.line, problems });
    }
    if (refused.size > 0) fresh = fresh.filter((r) => !refused.has(r));
  }
  await insertRecords(trx, owner, principalName, fresh, now);
  outcome.created += fresh.length;
  return outcome;
}

/**
 * An import line for a record that exists: its data replace the record's (as PATCH's do),
 * its policy and review date too where the line gives them — a line without a policy does not
 * open a record its owner restricted since. A review date given and changed is a review:
 * the record is active again until then.
 */
async function replaceFromImport(
  trx: Transaction<Tables>,
  current: RecordRow,
  line: PreparedRecord,
  principalName: string,
  now: Date,
  writer: PhotoWriter,
): Promise<FieldError[] | { outcome: 'updated' | 'unchanged'; warnings: FieldError[] }> {
  if (current.kind !== line.kind)
    return [
      {
        field: '/kind',
        message: `the record with reference “${line.externalRef}” (${current.id}) is a ${current.kind}: a record’s kind does not change`,
      },
    ];
  // A register's line does not know the photographs officers added to the record: a line
  // without the field keeps them; one with it (even empty) says which the record has.
  const photoField = recordKind(current.kind)?.photoField;
  const currentData = current.data as Record<string, unknown>;
  const lineData = line.data as Record<string, unknown>;
  const data =
    photoField && !(photoField in lineData) && currentData[photoField] !== undefined
      ? { ...lineData, [photoField]: currentData[photoField] }
      : lineData;
  const policy = line.policyGiven ? line.policy : (current.policy as RecordPolicy);
  const dataSame = isDeepStrictEqual(current.data, data);
  const reviewed = line.reviewAtGiven && line.reviewAt.getTime() !== current.review_at.getTime();
  const warnings: FieldError[] =
    current.status === 'lapsed' && !reviewed
      ? [
          {
            field: '/reviewAt',
            message: `record ${current.id} has lapsed (its review date passed): it answers no searches until its review date is moved`,
          },
        ]
      : [];
  if (dataSame && isDeepStrictEqual(current.policy, policy) && !reviewed)
    return { outcome: 'unchanged', warnings };
  if (!dataSame && photoField) {
    const { failures } = await claimPhotos(trx, writer, [
      {
        recordId: current.id,
        ids: photoIdsOf(current.kind, data),
        field: photoFieldOf(current.kind, '/data'),
        replacing: true,
      },
    ]);
    const problems = failures.get(0);
    if (problems) return problems;
  }
  const version = current.version + 1;
  await keepFirstVersion(trx, current);
  await trx
    .updateTable('records')
    .set({
      data: data as object,
      policy,
      summary: line.summary,
      version,
      ...(dataSame ? {} : { search_keys: searchKeys(line.identifiers), person_match: line.personMatch }),
      ...(reviewed
        ? { review_at: line.reviewAt, review_notified_at: null, status: 'active', ended_at: null }
        : {}),
      updated_by: principalName,
      updated_at: now,
    })
    .where('id', '=', current.id)
    .execute();
  await trx
    .insertInto('record_versions')
    .values({
      record_id: current.id,
      version,
      action: 'import',
      data: data as object,
      policy,
      reason: null,
      changed_by: principalName,
      changed_at: now,
    })
    .execute();
  if (!dataSame) {
    await removeIdentifiers(trx, current.id, current.search_keys);
    await writeIdentifiers(trx, current.id, line.identifiers);
  }
  await noteFeedExit(trx, current, { status: reviewed ? 'active' : current.status, policy }, now);
  return { outcome: 'updated', warnings };
}

const BATCH = 1000;

/**
 * Imports a stream of lines for one owning agency. all-or-nothing: one transaction, and
 * any invalid line means nothing is written; skip-invalid: valid lines are written, the
 * invalid ones reported. Lines are read, validated and written batch by batch: the file is
 * never held in memory.
 */
export async function importRecords(
  ctx: Context,
  principal: Principal,
  lines: AsyncIterable<ParsedLine>,
  mode: ImportReport['mode'],
  onProgress?: (done: number) => void,
): Promise<ImportReport> {
  const started = performance.now();
  const ownerRow = await ctx.db
    .selectFrom('agencies')
    .select(['code', 'country', 'kind'])
    .where('code', '=', principal.agency.code)
    .executeTakeFirstOrThrow();
  const known = new Set((await ctx.db.selectFrom('agencies').select('code').execute()).map((a) => a.code));
  // Photographs the lines name must be the importer's own uploads (photo-claims.ts).
  const writer = { agency: principal.agency.code, uploader: uploaderOf(principal) };
  const now = ctx.clock.now();
  const report: ImportReport = {
    mode,
    total: 0,
    imported: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: [],
    invalidCount: 0,
    warned: [],
    warnedCount: 0,
    durationMs: 0,
  };
  const noteInvalid = (line: number, errors: FieldError[]) => {
    report.invalidCount++;
    if (report.invalid.length < MAX_REPORTED_ERRORS) report.invalid.push({ line, errors });
  };
  // A line warned when read and again when written is one warned line.
  const warnedLines = new Map<number, { line: number; warnings: FieldError[] } | null>();
  const noteWarnings = (line: number, warnings: FieldError[]) => {
    const noted = warnedLines.get(line);
    if (noted !== undefined) {
      noted?.warnings.push(...warnings);
      return;
    }
    report.warnedCount++;
    const entry = report.warned.length < MAX_REPORTED_ERRORS ? { line, warnings: [...warnings] } : null;
    if (entry) report.warned.push(entry);
    warnedLines.set(line, entry);
  };
  // Each reference once per import: which line means what would otherwise depend on batches.
  const refLines = new Map<string, number>();

  // Validation (here, on the event loop) and writing (in PostgreSQL) overlap: while one
  // batch is written the next is validated. Batches in their own transactions
  // (skip-invalid) may also be written side by side, on two connections.
  const run = async (trx: Transaction<Tables> | null) => {
    const maxInFlight = trx ? 1 : 2;
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    let batch: (PreparedRecord & { line: number })[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (failure) throw failure;
      const write = (
        trx
          ? writeBatch(trx, ownerRow.code, principal.name, rows, now, writer)
          : ctx.db
              .transaction()
              .execute((batchTrx) => writeBatch(batchTrx, ownerRow.code, principal.name, rows, now, writer))
      ).then(
        (outcome) => {
          report.created += outcome.created;
          report.updated += outcome.updated;
          report.unchanged += outcome.unchanged;
          report.imported += outcome.created + outcome.updated + outcome.unchanged;
          for (const note of outcome.invalid) noteInvalid(note.line, note.problems);
          for (const note of outcome.warned) noteWarnings(note.line, note.problems);
          onProgress?.(report.total);
        },
        (error) => {
          failure ??= error;
        },
      );
      const tracked = write.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    try {
      for await (const item of lines) {
        report.total++;
        let prepared =
          'error' in item
            ? [{ field: item.field ?? '/', message: item.error }]
            : prepareLine(item.value, ownerRow, known, now, ctx.config.reviewYears);
        if (!Array.isArray(prepared) && prepared.externalRef !== undefined) {
          const first = refLines.get(prepared.externalRef);
          if (first === undefined) refLines.set(prepared.externalRef, item.line);
          else
            prepared = [
              {
                field: '/externalRef',
                message: `is also the reference of line ${first}: a record appears once in an import`,
              },
            ];
        }
        if (Array.isArray(prepared)) {
          noteInvalid(item.line, prepared);
          continue;
        }
        if (prepared.warnings.length > 0) noteWarnings(item.line, prepared.warnings);
        if (mode === 'all-or-nothing' && report.invalidCount > 0) continue; // keep validating, write nothing
        batch.push({ ...prepared, line: item.line });
        if (batch.length >= BATCH) await flush();
      }
      if (mode === 'all-or-nothing' && report.invalidCount > 0) throw new RollbackImport();
      await flush();
    } finally {
      await Promise.all(inFlight);
    }
    if (failure) throw failure;
    // A line found invalid only as it was written (a reference to a record of another kind).
    if (mode === 'all-or-nothing' && report.invalidCount > 0) throw new RollbackImport();
  };

  let failed: unknown;
  try {
    if (mode === 'all-or-nothing') await ctx.db.transaction().execute((trx) => run(trx));
    else await run(null);
  } catch (error) {
    if (error instanceof RollbackImport)
      report.imported = report.created = report.updated = report.unchanged = 0;
    // An import that stops on an error still says what it wrote before (skip-invalid
    // commits batch by batch): the audit entry is written, then the error goes on.
    else {
      failed = error;
      if (mode === 'all-or-nothing') report.imported = report.created = report.updated = report.unchanged = 0;
    }
  }
  report.durationMs = Math.round(performance.now() - started);
  await ctx.audit.record({
    principal,
    action: 'record.import',
    outcome:
      failed === undefined && (report.imported > 0 || report.invalidCount === 0) ? 'success' : 'failure',
    objectType: 'record',
    objectAgency: ownerRow.code,
    resultCount: report.imported,
    details: {
      mode,
      total: report.total,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      invalid: report.invalidCount,
      warned: report.warnedCount,
      ...(failed === undefined ? {} : { stopped: 'error' }),
    },
  });
  if (failed !== undefined) throw failed;
  return report;
}

class RollbackImport extends Error {}

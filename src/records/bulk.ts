import { sql, type Transaction } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { DEFAULT_POLICY, policyProblems, type RecordPolicy } from '../access/records.ts';
import type { Context } from '../platform/context.ts';
import { addYears, isRealDate } from '../platform/dates.ts';
import type { Kdb } from '../platform/db.ts';
import type { Tables } from '../platform/db-schema.ts';
import { type FieldError, Problem } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { DateTime } from '../platform/schema.ts';
import { schemaErrors } from '../platform/validation.ts';
import type { ParsedLine } from './formats.ts';
import { type IndexKey, isIpRange, searchKeys } from './identifiers.ts';
import { reviewDateProblem } from './review-date.ts';
import { PolicySchema } from './schema.ts';
import { checkRecordData } from './service.ts';

/** One line of an import: the body of POST /records. */
export interface ImportLine {
  kind: string;
  data: unknown;
  policy?: RecordPolicy;
  reviewAt?: string;
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
}

export interface ImportReport {
  mode: 'all-or-nothing' | 'skip-invalid';
  total: number;
  imported: number;
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
): PreparedRecord | FieldError[] {
  if (typeof line !== 'object' || line === null || Array.isArray(line))
    return [{ field: '/', message: 'must be an object {kind, data, policy?}' }];
  const extra = Object.keys(line).filter((k) => !['kind', 'data', 'policy', 'reviewAt'].includes(k));
  if (extra.length > 0) return extra.map((k) => ({ field: `/${k}`, message: 'is not a known field' }));
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
    const reviewAt = reviewText ? new Date(reviewText) : addYears(now, checked.kind.defaultReviewYears);
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
      INSERT INTO records (id, kind, owner_agency, data, summary, policy, version, review_at, search_keys, person_match, created_by, created_at, updated_by, updated_at)
      SELECT id, kind, ${owner}, data, summary, policy, 1, review_at, search_keys, person_match, ${principalName}, ${now}, ${principalName}, ${now}
      FROM jsonb_to_recordset(${json(rows)}::text::jsonb)
        AS t(id uuid, kind text, data jsonb, summary text, policy jsonb, review_at timestamptz, search_keys text[], person_match jsonb)
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
  const now = ctx.clock.now();
  const report: ImportReport = {
    mode,
    total: 0,
    imported: 0,
    invalid: [],
    invalidCount: 0,
    warned: [],
    warnedCount: 0,
    durationMs: 0,
  };

  // Validation (here, on the event loop) and writing (in PostgreSQL) overlap: while one
  // batch is written the next is validated. Batches in their own transactions
  // (skip-invalid) may also be written side by side, on two connections.
  const run = async (db: Transaction<Tables> | Kdb, perBatch: boolean) => {
    const maxInFlight = perBatch ? 2 : 1;
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    let batch: PreparedRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (failure) throw failure;
      const write = (
        perBatch
          ? ctx.db
              .transaction()
              .execute((trx) => insertRecords(trx, ownerRow.code, principal.name, rows, now))
          : insertRecords(db, ownerRow.code, principal.name, rows, now)
      ).then(
        () => {
          report.imported += rows.length;
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
        const prepared =
          'error' in item
            ? [{ field: item.field ?? '/', message: item.error }]
            : prepareLine(item.value, ownerRow, known, now);
        if (Array.isArray(prepared)) {
          report.invalidCount++;
          if (report.invalid.length < MAX_REPORTED_ERRORS)
            report.invalid.push({ line: item.line, errors: prepared });
          continue;
        }
        if (prepared.warnings.length > 0) {
          report.warnedCount++;
          if (report.warned.length < MAX_REPORTED_ERRORS)
            report.warned.push({ line: item.line, warnings: prepared.warnings });
        }
        if (mode === 'all-or-nothing' && report.invalidCount > 0) continue; // keep validating, write nothing
        batch.push(prepared);
        if (batch.length >= BATCH) await flush();
      }
      if (mode === 'all-or-nothing' && report.invalidCount > 0) throw new RollbackImport();
      await flush();
    } finally {
      await Promise.all(inFlight);
    }
    if (failure) throw failure;
  };

  try {
    if (mode === 'all-or-nothing') await ctx.db.transaction().execute((trx) => run(trx, false));
    else await run(ctx.db, true);
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
    report.imported = 0;
  }
  report.durationMs = Math.round(performance.now() - started);
  await ctx.audit.record({
    principal,
    action: 'record.import',
    outcome: report.imported > 0 || report.invalidCount === 0 ? 'success' : 'failure',
    objectType: 'record',
    objectAgency: ownerRow.code,
    resultCount: report.imported,
    details: { mode, total: report.total, invalid: report.invalidCount, warned: report.warnedCount },
  });
  return report;
}

class RollbackImport extends Error {}

import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { auditScope } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { unitsOf } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import type { Tables } from '../platform/db-schema.ts';
import { problems } from '../platform/errors.ts';

export interface AuditQuery {
  from?: string;
  to?: string;
  principal?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  agency?: string;
  outcome?: string;
  cursor?: string;
  limit?: number;
}

export function auditEntryDto(
  row: {
    seq: string | number | bigint;
    id: string;
    at: Date;
    principal_type: string;
    principal_id: string | null;
    principal_name: string | null;
    agency_code: string | null;
    action: string;
    object_type: string | null;
    object_id: string | null;
    object_agency: string | null;
    outcome: string;
    request_id: string | null;
    query_fingerprint: string | null;
    result_count: number | null;
    details: unknown;
    hash: string;
    chain: string | null;
    position: string | number | bigint | null;
  },
  readerAgencies?: readonly string[],
) {
  return {
    seq: Number(row.seq),
    chain: row.chain,
    position: row.position === null ? null : Number(row.position),
    id: row.id,
    at: row.at.toISOString(),
    principalType: row.principal_type,
    principalId: row.principal_id,
    principalName: row.principal_name,
    agency: row.agency_code,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    objectAgency: row.object_agency,
    outcome: row.outcome,
    requestId: row.request_id,
    queryFingerprint: row.query_fingerprint,
    resultCount: row.result_count,
    details: detailsFor(row, readerAgencies),
    hash: row.hash,
  };
}

/**
 * An entry's details as its reader may see them. The address a request came from is the
 * acting agency's to know (and the network's auditors'): an owner reading what another
 * agency's officer did with its record sees what was done, not from where — as hit
 * notifications keep a partner's searcher to itself. Failed sign-ins (no acting agency) keep
 * it for the agency whose account was tried.
 */
function detailsFor(
  row: { agency_code: string | null; details: unknown },
  readerAgencies: readonly string[] | undefined,
): Record<string, unknown> | null {
  const details = (row.details ?? null) as Record<string, unknown> | null;
  if (!details || !readerAgencies || row.agency_code === null || readerAgencies.includes(row.agency_code))
    return details;
  const { clientAddress: _hidden, ...rest } = details;
  return rest;
}

async function scopeAgencies(ctx: Context, code: string, includeUnits: boolean): Promise<string[]> {
  if (!includeUnits) return [code];
  const units = await unitsOf(ctx, code);
  return [code, ...units.map((u) => u.code)];
}

/**
 * Reads the audit log, newest first. Network auditors and network admins see all of it;
 * an agency's admins and auditors see what their agency did and what was done to their
 * agency's data. Reading the log is itself audited.
 *
 * The log is the largest table there is, so a page must never mean walking it from the newest
 * entry back until enough match (seconds at a few million entries, for a record looked at
 * once or a user with no entries). Each filter that has an index of its own drives the read:
 * one record's entries (audit_object), one principal's (audit_principal, and failed sign-ins
 * under the name tried: audit_anonymous), one agency's — as actor or as owner of the object
 * (audit_agency, audit_object_agency). A filter that is an OR of several of these (a bureau
 * and its units; a user and the sign-ins tried under their name) reads each index newest
 * first and merges the first pages. A time window in the past, narrower than the time since
 * it ended, is read from the block ranges that hold it (audit_at, BRIN) instead.
 */
export async function queryAudit(ctx: Context, principal: Principal, query: AuditQuery) {
  const scope = auditScope(principal);
  if (scope.kind === 'none') throw problems.forbidden('You may not read the audit log.');
  const limit = query.limit ?? 50;
  // A position in the log: a bigint (up to 19 digits), which a larger number is not either.
  if (query.cursor && (!/^\d{1,19}$/.test(query.cursor) || BigInt(query.cursor) > 2n ** 63n - 1n))
    throw problems.invalidField('/query/cursor', 'not a cursor from a previous page');
  const scopeCodes =
    scope.kind === 'agency' ? await scopeAgencies(ctx, scope.agencyCode, scope.includeUnits) : undefined;
  const principalIds = query.principal ? await principalIdsFor(ctx, query.principal) : undefined;

  // Every condition, applied to whichever index drives the read.
  // (`covered`: the OR that the branches of a merged read split between them, so that no
  // branch repeats it: the planner would take the repeated condition for a second one and
  // misjudge how many rows it keeps.)
  const filtered = <O>(q: AuditSelect<O>, covered?: Covered): AuditSelect<O> => {
    let f = q;
    if (scopeCodes && covered !== 'scope')
      f = f.where((eb) =>
        eb.or([eb('agency_code', 'in', scopeCodes), eb('object_agency', 'in', scopeCodes)]),
      );
    if (query.from) f = f.where('at', '>=', new Date(query.from));
    if (query.to) f = f.where('at', '<', new Date(query.to));
    if (query.principal && covered !== 'principal') {
      const name = query.principal.toLowerCase();
      const ids = principalIds ?? [query.principal];
      f = f.where((eb) =>
        eb.or([
          eb('principal_id', 'in', ids),
          principalIds
            ? eb.and([eb('principal_id', 'is', null), eb('principal_name', '=', name)])
            : eb('principal_name', '=', name),
        ]),
      );
    }
    if (query.action) {
      f = query.action.endsWith('*')
        ? f.where('action', 'like', `${query.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        : f.where('action', '=', query.action);
    }
    if (query.objectType) f = f.where('object_type', '=', query.objectType);
    if (query.objectId) {
      // Ids are recorded as the database spells them (lower case): one pasted in capitals
      // from elsewhere finds them too. Other object ids (key ids, references) are exact.
      const id = UUID.test(query.objectId) ? query.objectId.toLowerCase() : query.objectId;
      f = f.where('object_id', '=', id);
    }
    if (query.agency && covered !== 'agency') {
      const a = query.agency;
      f = f.where((eb) => eb.or([eb('agency_code', '=', a), eb('object_agency', '=', a)]));
    }
    if (query.outcome) f = f.where('outcome', '=', query.outcome);
    if (query.cursor) f = f.where('seq', '<', query.cursor);
    return f;
  };

  const driving = drivingPredicates(query, principalIds, scopeCodes, ctx.clock.now());
  const drivers = driving === 'time-window' ? driving : driving.drives;
  const covered = driving === 'time-window' ? undefined : driving.covers;
  let q = filtered(ctx.db.selectFrom('audit_log').selectAll());
  if (drivers === 'time-window') {
    // `seq + 0`: the order is still by seq, but not read from its index backwards.
    q = q.orderBy(sql`seq + 0`, 'desc').limit(limit + 1);
  } else if (drivers.length <= 1) {
    q = q.orderBy('seq', 'desc').limit(limit + 1);
  } else {
    // The first page of each driving index, newest first, then the newest of them all.
    const pages = drivers.map((drive, i) =>
      ctx.db
        .selectFrom(
          filtered(ctx.db.selectFrom('audit_log').select('seq').where(drive), covered)
            .orderBy('seq', 'desc')
            .limit(limit + 1)
            .as(`d${i}`),
        )
        .select('seq'),
    );
    const merged = pages.slice(1).reduce((u, page) => u.union(page), pages[0]!);
    q = ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where(
        'seq',
        'in',
        ctx.db
          .selectFrom(merged.as('merged'))
          .select('seq')
          .orderBy('seq', 'desc')
          .limit(limit + 1),
      )
      .orderBy('seq', 'desc');
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  await ctx.audit.record({
    principal,
    action: 'audit.read',
    outcome: 'success',
    resultCount: page.length,
    details: {
      filters: Object.fromEntries(
        Object.entries(query).filter(([k, v]) => v !== undefined && k !== 'cursor' && k !== 'limit'),
      ),
    },
  });
  return {
    items: page.map((row) => auditEntryDto(row, scopeCodes)),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}

export async function getAuditEntry(ctx: Context, principal: Principal, id: string) {
  const scope = auditScope(principal);
  if (scope.kind === 'none') throw problems.forbidden('You may not read the audit log.');
  const row = await ctx.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound('audit entry');
  if (scope.kind === 'agency') {
    const codes = await scopeAgencies(ctx, scope.agencyCode, scope.includeUnits);
    if (!codes.includes(row.agency_code ?? '') && !codes.includes(row.object_agency ?? '')) {
      throw problems.notFound('audit entry');
    }
    return auditEntryDto(row, codes);
  }
  return auditEntryDto(row);
}

type AuditSelect<O> = SelectQueryBuilder<Tables, 'audit_log', O>;
type Drive = (eb: ExpressionBuilder<Tables, 'audit_log'>) => Expression<SqlBool>;
type Covered = 'principal' | 'agency' | 'scope';
/** Conditions whose union is the `covers` filter, each read from its own index. */
interface Driving {
  drives: Drive[];
  covers?: Covered;
}

/**
 * The indexed conditions a query's read can follow newest first, one page each: the most
 * selective filter given (an object, a principal, an agency, the reader's own scope), or
 * 'time-window' for a window in the past that is narrower than the time since it ended.
 */
function drivingPredicates(
  query: AuditQuery,
  principalIds: string[] | undefined,
  scopeCodes: string[] | undefined,
  now: Date,
): Driving | 'time-window' {
  if (query.objectId) return { drives: [] };
  if (query.to) {
    const to = new Date(query.to).getTime();
    const from = query.from ? new Date(query.from).getTime() : 0;
    if (to - from < now.getTime() - to) return 'time-window';
  }
  if (query.principal && principalIds) {
    const name = query.principal.toLowerCase();
    const byId = principalIds.map(
      (id): Drive =>
        (eb) =>
          eb('principal_id', '=', id),
    );
    const tried: Drive = (eb) => eb.and([eb('principal_id', 'is', null), eb('principal_name', '=', name)]);
    return { covers: 'principal', drives: [...byId, tried] };
  }
  const agencies = query.agency ? [query.agency] : scopeCodes;
  if (agencies)
    return {
      covers: query.agency ? 'agency' : 'scope',
      drives: agencies.flatMap((code): Drive[] => [
        (eb) => eb('agency_code', '=', code),
        (eb) => eb('object_agency', '=', code),
      ]),
    };
  return { drives: [] };
}

/**
 * The principal ids a `principal` filter means: a user's or a key's id, or a username (the
 * user's id). Anything else (the name of a key, of a system) is not an id the log is indexed
 * by: undefined, and the filter matches the recorded name as well, reading more of the log.
 */
async function principalIdsFor(ctx: Context, value: string): Promise<string[] | undefined> {
  if (UUID.test(value)) return [value.toLowerCase()];
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', value.toLowerCase())
    .executeTakeFirst();
  return user ? [user.id] : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

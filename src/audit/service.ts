import { auditScope } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { unitsOf } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
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

export function auditEntryDto(row: {
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
}) {
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
    details: (row.details ?? null) as Record<string, unknown> | null,
    hash: row.hash,
  };
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
 */
export async function queryAudit(ctx: Context, principal: Principal, query: AuditQuery) {
  const scope = auditScope(principal);
  if (scope.kind === 'none') throw problems.forbidden('You may not read the audit log.');
  const limit = query.limit ?? 50;
  let q = ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(limit + 1);
  if (scope.kind === 'agency') {
    const codes = await scopeAgencies(ctx, scope.agencyCode, scope.includeUnits);
    q = q.where((eb) => eb.or([eb('agency_code', 'in', codes), eb('object_agency', 'in', codes)]));
  }
  if (query.from) q = q.where('at', '>=', new Date(query.from));
  if (query.to) q = q.where('at', '<', new Date(query.to));
  if (query.principal) {
    const p = query.principal;
    q = q.where((eb) => eb.or([eb('principal_id', '=', p), eb('principal_name', '=', p.toLowerCase())]));
  }
  if (query.action) {
    q = query.action.endsWith('*')
      ? q.where('action', 'like', `${query.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : q.where('action', '=', query.action);
  }
  if (query.objectType) q = q.where('object_type', '=', query.objectType);
  if (query.objectId) q = q.where('object_id', '=', query.objectId);
  if (query.agency) {
    const a = query.agency;
    q = q.where((eb) => eb.or([eb('agency_code', '=', a), eb('object_agency', '=', a)]));
  }
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  if (query.cursor) {
    if (!/^\d+$/.test(query.cursor))
      throw problems.invalidField('/query/cursor', 'not a cursor from a previous page');
    q = q.where('seq', '<', query.cursor);
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
    items: page.map(auditEntryDto),
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
  }
  return auditEntryDto(row);
}

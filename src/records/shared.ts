import { type Selectable, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { namesInAllowLists, type RecordPolicy, recordAccess } from '../access/records.ts';
import { ownAndUnitCodes } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import type { RecordTable } from '../platform/db-schema.ts';
import { problems } from '../platform/errors.ts';
import type { RecordListQuery } from './schema.ts';
import { loadOwners } from './search.ts';
import { recordDto } from './service.ts';

/**
 * "Shared with us": other agencies' active records whose allow list names the reader's
 * agency — what was marked for it. A private partner sees nothing else, so without this it
 * received what owners shared only by guessing the exact value; a bureau finds what one
 * member sent it alone. Records open to every member are not listed (they are searched).
 * Served by the partial GIN indexes of migration 0015; the policy is checked again, here
 * as everywhere, by `recordAccess`.
 */
export async function listSharedRecords(ctx: Context, principal: Principal, query: RecordListQuery) {
  for (const field of ['status', 'reviewDue', 'externalRef'] as const)
    if (query[field] !== undefined)
      throw problems.invalidField(
        `/query/${field}`,
        'applies to my agency’s own records, not with scope=shared',
      );
  const limit = query.limit ?? 50;
  const names = namesInAllowLists(principal.agency);
  // The owner's side sees its records as its own: not "shared with" it.
  const ownSide = [
    ...(await ownAndUnitCodes(ctx, principal)),
    ...(principal.agency.parentCode ? [principal.agency.parentCode] : []),
  ];
  const since = query.updatedSince ? new Date(query.updatedSince) : undefined;
  const rows = (
    await sql<Selectable<RecordTable>>`
      SELECT * FROM records
      WHERE status = 'active' AND policy ->> 'visibility' = 'allow'
        AND ((policy -> 'agencies') ?| ${names.agencies}::text[]
          ${names.countries.length > 0 ? sql`OR (policy -> 'countries') ?| ${names.countries}::text[]` : sql``})
        AND owner_agency <> ALL(${ownSide}::text[])
        ${query.kind ? sql`AND kind = ${query.kind}` : sql``}
        ${since ? sql`AND updated_at >= ${since}` : sql``}
        ${query.cursor ? sql`AND id < ${query.cursor}` : sql``}
      ORDER BY id DESC LIMIT ${limit + 1}`.execute(ctx.db)
  ).rows;
  const page = rows.slice(0, limit);
  // The agency directory searches keep (one read every few seconds, not one per owner).
  const owners = await loadOwners(ctx, [...new Set(page.map((row) => row.owner_agency))]);
  const items = [];
  for (const row of page) {
    const owner = owners.get(row.owner_agency)!;
    if (recordAccess(principal, owner, row.policy as RecordPolicy) === 'full')
      items.push(recordDto(row, principal, owner));
  }
  // Each owner sees who read its records (as for a read by id): one entry per owner, with the
  // ids it read.
  const byOwner = new Map<string, string[]>();
  for (const item of items) byOwner.set(item.owner, (byOwner.get(item.owner) ?? []).concat(item.id));
  if (byOwner.size === 0)
    await ctx.audit.record({
      principal,
      action: 'record.list',
      outcome: 'success',
      resultCount: 0,
      details: { scope: 'shared', kind: query.kind ?? null },
    });
  for (const [owner, ids] of byOwner)
    await ctx.audit.record({
      principal,
      action: 'record.list',
      outcome: 'success',
      objectType: 'record',
      objectAgency: owner,
      resultCount: ids.length,
      details: { scope: 'shared', kind: query.kind ?? null, ids },
    });
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

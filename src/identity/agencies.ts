import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { canCreateAgency, isNetworkAdmin } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { cacheFor, HOT_ROW_TTL_MS } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import { Problem, problems } from '../platform/errors.ts';
import { forgetCachedKeys } from './api-keys.ts';
import { type AgencyRow, agencyDto, agencyRef } from './mappers.ts';
import type { AgencyCreate, AgencyDto, AgencyListQuery, AgencyUpdate } from './schema.ts';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

export const SECRETARIAT_CODE = 'SECRETARIAT';

/** Every ISO 3166-1 country, from a maintained package: one national bureau each. */
export function memberCountries(): { code: string; name: string }[] {
  const names = countries.getNames('en', { select: 'official' });
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function isCountryCode(code: string): boolean {
  return countries.isValid(code) && code.length === 2;
}

/** The network's own agencies: the secretariat and one bureau per country. Idempotent. */
export async function seedAgencies(db: Kdb, now: Date): Promise<number> {
  const rows = [
    {
      code: SECRETARIAT_CODE,
      name: 'General Secretariat',
      kind: 'secretariat',
      country: null,
      parent_code: null,
      created_at: now,
      updated_at: now,
    },
    ...memberCountries().map(({ code, name }) => ({
      code,
      name: `National Central Bureau ${name}`,
      kind: 'bureau',
      country: code,
      parent_code: null,
      created_at: now,
      updated_at: now,
    })),
  ];
  const result = await db
    .insertInto('agencies')
    .values(rows)
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function findAgency(db: Kdb, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

/**
 * Whether an agency may act: active, and for a unit, its bureau too — a suspended bureau's
 * units are suspended with it (they act for the bureau's records and mailbox).
 */
export async function agencyInService(db: Kdb, agency: AgencyRow): Promise<boolean> {
  if (agency.status !== 'active') return false;
  if (!agency.parent_code) return true;
  return (await findAgency(db, agency.parent_code))?.status === 'active';
}

/**
 * The units under an agency, kept for a few seconds (see platform/cache.ts): every
 * mailbox request of a bureau's system asks for them. This process forgets them when it
 * creates or changes an agency; other processes follow within HOT_ROW_TTL_MS.
 */
export async function unitsOf(ctx: Context, code: string): Promise<AgencyRow[]> {
  return unitCache(ctx).get(code, () =>
    ctx.db.selectFrom('agencies').selectAll().where('parent_code', '=', code).execute(),
  );
}

/** The agency codes a principal acts for: its own and, for a bureau, its units'. */
export async function ownAndUnitCodes(ctx: Context, principal: Principal): Promise<string[]> {
  const own = principal.agency.code;
  if (principal.agency.kind !== 'bureau') return [own];
  return [own, ...(await unitsOf(ctx, own)).map((u) => u.code)];
}

function unitCache(ctx: Context) {
  return cacheFor<string, AgencyRow[]>(ctx, 'agency-units', ctx.clock, HOT_ROW_TTL_MS);
}

export async function requireAgency(db: Kdb, code: string, field = '/body/agency'): Promise<AgencyRow> {
  const row = await findAgency(db, code);
  if (!row) throw problems.invalidField(field, `unknown agency ${code}`);
  return row;
}

export async function listAgencies(ctx: Context, _principal: Principal, query: AgencyListQuery) {
  const limit = query.limit ?? 50;
  let q = ctx.db
    .selectFrom('agencies')
    .selectAll()
    .orderBy('code')
    .limit(limit + 1);
  if (query.q) {
    const term = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('code', 'ilike', term), eb('name', 'ilike', term)]));
  }
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.country) q = q.where('country', '=', query.country);
  if (query.parent) q = q.where('parent_code', '=', query.parent);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) q = q.where('code', '>', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map(agencyDto),
    nextCursor: rows.length > limit ? page[page.length - 1]!.code : null,
  };
}

export async function getAgency(ctx: Context, _principal: Principal, code: string): Promise<AgencyDto> {
  const row = await findAgency(ctx.db, code);
  if (!row) throw problems.notFound('agency');
  return agencyDto(row);
}

export async function createAgency(
  ctx: Context,
  principal: Principal,
  input: AgencyCreate,
): Promise<AgencyDto> {
  const parentCode = input.parentCode ?? null;
  // A unit without its bureau is a request to fix, not one to refuse as out of bounds.
  if (input.kind === 'unit' && !parentCode)
    throw problems.invalidField('/body/parentCode', 'a unit belongs to a bureau: give its code');
  if (!canCreateAgency(principal, input.kind, parentCode)) {
    await ctx.audit.record({
      principal,
      action: 'agency.create',
      outcome: 'denied',
      objectType: 'agency',
      objectId: input.code,
    });
    throw problems.forbidden('You may create units only under your own bureau.');
  }
  let country = input.country ?? null;
  if (input.kind === 'secretariat') throw problems.invalidField('/body/kind', 'there is one secretariat');
  if (input.kind === 'unit') {
    if (!parentCode) throw problems.invalidField('/body/parentCode', 'a unit belongs to a bureau');
    const parent = await requireAgency(ctx.db, parentCode, '/body/parentCode');
    if (parent.kind !== 'bureau' && parent.kind !== 'secretariat') {
      throw problems.invalidField('/body/parentCode', 'a unit belongs to a bureau or the secretariat');
    }
    if (!input.code.startsWith(`${parent.code}-`)) {
      throw problems.invalidField('/body/code', `a unit's code starts with its bureau's: ${parent.code}-…`);
    }
    country = parent.country;
  } else if (parentCode) {
    throw problems.invalidField('/body/parentCode', 'only units have a parent');
  }
  if (input.kind === 'bureau') {
    if (!input.country || input.code !== input.country) {
      throw problems.invalidField('/body/code', "a bureau's code is its country's ISO 3166-1 alpha-2 code");
    }
  }
  if (country && !isCountryCode(country))
    throw problems.invalidField('/body/country', 'not an ISO 3166-1 country');
  const now = ctx.clock.now();
  const inserted = await ctx.db
    .insertInto('agencies')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      country,
      parent_code: parentCode,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw problems.conflict(`Agency ${input.code} already exists.`);
  unitCache(ctx).clear();
  await ctx.audit.record({
    principal,
    action: 'agency.create',
    outcome: 'success',
    objectType: 'agency',
    objectId: inserted.code,
    objectAgency: inserted.code,
    details: { kind: inserted.kind, parentCode },
  });
  return agencyDto(inserted);
}

export async function updateAgency(
  ctx: Context,
  principal: Principal,
  code: string,
  input: AgencyUpdate,
): Promise<AgencyDto> {
  const current = await findAgency(ctx.db, code);
  if (!current) throw problems.notFound('agency');
  if (!isNetworkAdmin(principal)) {
    await ctx.audit.record({
      principal,
      action: 'agency.update',
      outcome: 'denied',
      objectType: 'agency',
      objectId: code,
    });
    throw problems.forbidden('Only network administrators may change or suspend this agency.');
  }
  if (current.kind === 'secretariat' && input.status === 'suspended') {
    throw new Problem(409, 'conflict', 'Conflict', 'The secretariat cannot be suspended.');
  }
  const updated = await ctx.db
    .updateTable('agencies')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirstOrThrow();
  // Keys of a suspended agency must stop working now, not when the cache expires.
  forgetCachedKeys(ctx);
  unitCache(ctx).clear();
  const action =
    input.status && input.status !== current.status
      ? input.status === 'suspended'
        ? 'agency.suspend'
        : 'agency.reactivate'
      : 'agency.update';
  await ctx.audit.record({
    principal,
    action,
    outcome: 'success',
    objectType: 'agency',
    objectId: code,
    objectAgency: code,
    details: { changed: Object.keys(input) },
  });
  return agencyDto(updated);
}

export { agencyRef };

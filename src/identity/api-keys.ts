import type { Selectable } from 'kysely';
import { type Permission, permissionsOf, type Role } from '../access/permissions.ts';
import { administers, narrowPermissions, permissionsAvailableIn } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import { cacheFor, HOT_ROW_TTL_MS } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import type { ApiKeyTable } from '../platform/db-schema.ts';
import { problems } from '../platform/errors.ts';
import { newId, newToken } from '../platform/ids.ts';
import { agencyInService, agencyRef, findAgency, requireAgency } from './agencies.ts';
import type { AgencyRow } from './mappers.ts';
import type { ApiKeyCreate } from './schema.ts';
import { agencySuspended, safeEqual, sha256 } from './sessions.ts';

type ApiKeyRow = Selectable<ApiKeyTable>;

/**
 * API keys look like `concord_<prefix>_<secret>`. The prefix finds the row and is safe to
 * show; the secret is 256 random bits stored only as its SHA-256 (a slow hash adds nothing
 * for a random secret of that size, and keeps each API call fast).
 */
const KEY_PATTERN = /^concord_([A-Za-z0-9_-]{16})_([A-Za-z0-9_-]{43})$/;

function status(row: ApiKeyRow, now: Date): 'active' | 'expired' | 'revoked' {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && row.expires_at <= now) return 'expired';
  return 'active';
}

/**
 * What a key may do now: what it was given, within what its creator may still do and what
 * a role of its agency may hold (keys made before that was checked at creation included).
 */
function effectivePermissions(
  row: ApiKeyRow,
  creator: Set<Permission> | null,
  available: ReadonlySet<Permission>,
): Permission[] {
  return (row.permissions as Permission[]).filter((p) => (!creator || creator.has(p)) && available.has(p));
}

function apiKeyDto(
  row: ApiKeyRow,
  now: Date,
  creator: Set<Permission> | null,
  available: ReadonlySet<Permission>,
) {
  return {
    id: row.id,
    name: row.name,
    agency: row.agency_code,
    prefix: `concord_${row.prefix}`,
    permissions: row.permissions as Permission[],
    effectivePermissions: effectivePermissions(row, creator, available),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    status: status(row, now),
  };
}

export async function createApiKey(ctx: Context, principal: Principal, input: ApiKeyCreate) {
  const agency = await requireAgency(ctx.db, input.agency ?? principal.agency.code);
  if (!administers(principal, agencyRef(agency))) {
    await ctx.audit.record({
      principal,
      action: 'api-key.create',
      outcome: 'denied',
      objectType: 'api-key',
      objectAgency: agency.code,
    });
    throw problems.forbidden('You may create keys only for your own agency.');
  }
  const available = permissionsAvailableIn(agencyRef(agency));
  const outOfKind = (input.permissions ?? []).filter((p) => !available.has(p));
  if (outOfKind.length > 0)
    throw problems.invalidField(
      '/body/permissions',
      `no role of a ${agency.kind} holds ${outOfKind.join(', ')}: a key for ${agency.code} cannot carry it`,
    );
  const narrowed = narrowPermissions(principal, input.permissions);
  if (!narrowed.ok) {
    throw problems.invalidField(
      '/body/permissions',
      `you cannot grant permissions you do not hold: ${narrowed.excess.join(', ')}`,
    );
  }
  // Left out, the creator's own — of those the agency may have (a network admin's key for a bureau).
  const permissions = narrowed.permissions.filter((p) => available.has(p));
  const now = ctx.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw problems.invalidField('/body/expiresAt', 'must be in the future');
  const prefix = newToken(12);
  const secret = newToken(32);
  const row = await ctx.db
    .insertInto('api_keys')
    .values({
      id: newId(),
      agency_code: agency.code,
      name: input.name,
      prefix,
      secret_hash: sha256(secret),
      permissions,
      // The person behind it, through a key they made too: its powers follow theirs.
      created_by: principal.type === 'user' ? principal.id : (principal.madeBy ?? null),
      created_at: now,
      expires_at: expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.record({
    principal,
    action: 'api-key.create',
    outcome: 'success',
    objectType: 'api-key',
    objectId: row.id,
    objectAgency: agency.code,
    details: { name: row.name, permissions: row.permissions, expiresAt: input.expiresAt ?? null },
  });
  return { id: row.id, key: `concord_${prefix}_${secret}`, apiKey: (await keyDtos(ctx, [row]))[0]! };
}

export async function listApiKeys(ctx: Context, principal: Principal, agencyCode?: string) {
  const agency = await requireAgency(ctx.db, agencyCode ?? principal.agency.code, '/query/agency');
  if (!administers(principal, agencyRef(agency)))
    throw problems.forbidden('You may see only your own agency’s keys.');
  const rows = await ctx.db
    .selectFrom('api_keys')
    .selectAll()
    .where('agency_code', '=', agency.code)
    .orderBy('created_at', 'desc')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'api-key.list',
    outcome: 'success',
    objectType: 'api-key',
    objectAgency: agency.code,
    resultCount: rows.length,
  });
  return keyDtos(ctx, rows);
}

/** Keys as the API shows them, each with what it may do now. */
async function keyDtos(ctx: Context, rows: readonly ApiKeyRow[]) {
  const now = ctx.clock.now();
  const creators = await creatorsPowers(ctx, rows);
  const available = new Map<string, ReadonlySet<Permission>>();
  for (const code of new Set(rows.map((row) => row.agency_code))) {
    const agency = await findAgency(ctx.db, code);
    available.set(code, agency ? permissionsAvailableIn(agencyRef(agency)) : new Set());
  }
  return rows.map((row) =>
    apiKeyDto(row, now, creators.get(row.created_by) ?? null, available.get(row.agency_code)!),
  );
}

export async function revokeApiKey(ctx: Context, principal: Principal, id: string) {
  const row = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  const agency = row ? await findAgency(ctx.db, row.agency_code) : undefined;
  if (!row || !agency || !administers(principal, agencyRef(agency))) throw problems.notFound('API key');
  const now = ctx.clock.now();
  const updated = await ctx.db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  forgetCachedKeys(ctx);
  await ctx.audit.record({
    principal,
    action: 'api-key.revoke',
    outcome: 'success',
    objectType: 'api-key',
    objectId: id,
    objectAgency: row.agency_code,
  });
  return (await keyDtos(ctx, [updated]))[0]!;
}

const LAST_USED_INTERVAL_MS = 60_000;

/** Keys are checked on every machine request: cache them briefly (see platform/cache.ts). */
function keyCache(ctx: Context) {
  return cacheFor<
    string,
    { row: ApiKeyRow; agency: AgencyRow; creator: Set<Permission> | null; inService: boolean } | null
  >(ctx, 'api-keys', ctx.clock, HOT_ROW_TTL_MS);
}

/** Forget cached keys at once in this process (revocation, agency suspension). */
export function forgetCachedKeys(ctx: Context): void {
  keyCache(ctx).clear();
}

/** Resolves a bearer key to its principal, or null when it is unknown, revoked or expired. */
export async function authenticateApiKey(ctx: Context, key: string): Promise<Principal | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const found = await keyCache(ctx).get(match[1]!, async () => {
    const key = await ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('prefix', '=', match[1]!)
      .executeTakeFirst();
    if (!key) return null;
    const agency = (await findAgency(ctx.db, key.agency_code))!;
    return {
      row: key,
      agency,
      inService: await agencyInService(ctx.db, agency),
      creator: (await creatorsPowers(ctx, [key])).get(key.created_by) ?? null,
    };
  });
  if (!found || !safeEqual(found.row.secret_hash, sha256(match[2]!))) return null;
  const { row, agency, creator, inService } = found;
  const now = ctx.clock.now();
  if (status(row, now) !== 'active') return null;
  if (!inService) throw agencySuspended();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_INTERVAL_MS) {
    row.last_used_at = now;
    await ctx.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    type: 'api-key',
    id: row.id,
    ...(row.created_by ? { madeBy: row.created_by } : {}),
    name: row.name,
    agency: agencyRef(agency),
    roles: [],
    // Never more than its creator may do now (see creatorsPowers).
    permissions: new Set(effectivePermissions(row, creator, permissionsAvailableIn(agencyRef(agency)))),
  };
}

/**
 * What the persons who made these keys may do now: a key is narrowed to its creator's powers
 * when it is made, and stays so. An admin demoted or disabled (gone from the agency) leaves
 * keys that can no longer manage users or do anything else the admin no longer could — a key
 * a departed admin kept would otherwise still disable accounts and reset passwords. A key made
 * by a key follows the person behind that one. Keys without a person (made by the CLI) are not
 * in the map: nothing narrows them.
 */
async function creatorsPowers(
  ctx: Context,
  keys: readonly ApiKeyRow[],
): Promise<Map<string | null, Set<Permission>>> {
  const ids = [...new Set(keys.flatMap((key) => (key.created_by ? [key.created_by] : [])))];
  if (ids.length === 0) return new Map();
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'roles', 'status'])
    .where('id', 'in', ids)
    .execute();
  const powers = new Map<string | null, Set<Permission>>(ids.map((id) => [id, new Set()]));
  for (const user of users)
    if (user.status === 'active') powers.set(user.id, permissionsOf(user.roles as Role[]));
  return powers;
}

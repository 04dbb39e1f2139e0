import type { Role } from '../access/permissions.ts';
import {
  administers,
  canGrantRole,
  canSeeUsersOf,
  isNetworkAdmin,
  isNetworkAuditor,
  roleAllowedIn,
} from '../access/policy.ts';
import { type Principal, personOf } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { type Problem, problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { agencyRef, findAgency, requireAgency } from './agencies.ts';
import { clearThrottle } from './login.ts';
import { type AgencyRow, type UserRow, userDto } from './mappers.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { UserCreate, UserDto, UserListQuery, UserUpdate } from './schema.ts';
import { revokeAllSessions } from './sessions.ts';

function weakPassword(field: string, password: string, username: string): Problem | null {
  const problem = passwordProblem(password, { username });
  return problem ? problems.invalidField(field, `password ${problem}`) : null;
}

function checkRoles(principal: Principal, roles: readonly Role[], agency: AgencyRow): void {
  for (const [i, role] of roles.entries()) {
    if (!roleAllowedIn(role, agencyRef(agency))) {
      throw problems.invalidField(`/body/roles/${i}`, `role ${role} is not available in a ${agency.kind}`);
    }
    if (!canGrantRole(principal, role)) throw problems.forbidden(`You may not grant the role ${role}.`);
  }
}

async function loadManagedUser(ctx: Context, principal: Principal, id: string, action: string) {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw problems.notFound('user');
  const agency = (await findAgency(ctx.db, user.agency_code))!;
  if (!canSeeUsersOf(principal, agencyRef(agency))) throw problems.notFound('user');
  if (!principal.permissions.has('users:manage') || !administers(principal, agencyRef(agency))) {
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'user',
      objectId: id,
      objectAgency: user.agency_code,
    });
    throw problems.forbidden('You may manage only the users of your own agency.');
  }
  return { user, agency };
}

export async function listUsers(ctx: Context, principal: Principal, query: UserListQuery) {
  const limit = query.limit ?? 50;
  let q = ctx.db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.code', 'users.agency_code')
    .selectAll('users')
    .orderBy('users.username')
    .limit(limit + 1);
  if (!isNetworkAdmin(principal) && !isNetworkAuditor(principal)) {
    const own = principal.agency.code;
    q =
      principal.agency.kind === 'bureau'
        ? q.where((eb) => eb.or([eb('agencies.code', '=', own), eb('agencies.parent_code', '=', own)]))
        : q.where('agencies.code', '=', own);
  }
  if (query.agency) q = q.where('users.agency_code', '=', query.agency);
  if (query.status) q = q.where('users.status', '=', query.status);
  if (query.q) {
    const term = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('users.username', 'ilike', term), eb('users.display_name', 'ilike', term)]),
    );
  }
  if (query.cursor) q = q.where('users.username', '>', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  await ctx.audit.record({
    principal,
    action: 'user.list',
    outcome: 'success',
    resultCount: page.length,
    details: { agency: query.agency ?? null },
  });
  return {
    items: page.map(userDto),
    nextCursor: rows.length > limit ? page[page.length - 1]!.username : null,
  };
}

export async function getUser(ctx: Context, principal: Principal, id: string): Promise<UserDto> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  const agency = user ? await findAgency(ctx.db, user.agency_code) : undefined;
  if (!user || !agency || (user.id !== principal.id && !canSeeUsersOf(principal, agencyRef(agency)))) {
    throw problems.notFound('user');
  }
  await ctx.audit.record({
    principal,
    action: 'user.read',
    outcome: 'success',
    objectType: 'user',
    objectId: id,
    objectAgency: user.agency_code,
  });
  return userDto(user);
}

export interface CreateUserOptions {
  isDemo?: boolean;
}

export async function createUser(
  ctx: Context,
  principal: Principal,
  input: UserCreate,
  options: CreateUserOptions = {},
): Promise<UserDto> {
  const agency = await requireAgency(ctx.db, input.agency ?? principal.agency.code);
  if (!administers(principal, agencyRef(agency)) || !principal.permissions.has('users:manage')) {
    await ctx.audit.record({
      principal,
      action: 'user.create',
      outcome: 'denied',
      objectType: 'user',
      objectAgency: agency.code,
    });
    throw problems.forbidden('You may create users only in your own agency.');
  }
  checkRoles(principal, input.roles, agency);
  if (input.mfaRequired === false && !isNetworkAdmin(principal)) {
    throw problems.invalidField(
      '/body/mfaRequired',
      'only network administrators may exempt a user from MFA',
    );
  }
  const weak = weakPassword('/body/password', input.password, input.username);
  if (weak) throw weak;
  const now = ctx.clock.now();
  const inserted = await ctx.db
    .insertInto('users')
    .values({
      id: newId(),
      username: input.username,
      display_name: input.displayName,
      email: input.email ?? null,
      agency_code: agency.code,
      roles: input.roles,
      password_hash: await hashPassword(input.password),
      password_changed_at: now,
      mfa_required: input.mfaRequired ?? true,
      is_demo: options.isDemo ?? false,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw problems.conflict(`The username ${input.username} is taken.`);
  await ctx.audit.record({
    principal,
    action: 'user.create',
    outcome: 'success',
    objectType: 'user',
    objectId: inserted.id,
    objectAgency: agency.code,
    details: { username: inserted.username, roles: inserted.roles },
  });
  return userDto(inserted);
}

export async function updateUser(
  ctx: Context,
  principal: Principal,
  id: string,
  input: UserUpdate,
): Promise<UserDto> {
  const { user, agency } = await loadManagedUser(ctx, principal, id, 'user.update');
  if (input.roles) checkRoles(principal, input.roles, agency);
  // The person behind the request: through an API key, the administrator who made it.
  if (user.id === personOf(principal) && (input.status === 'disabled' || input.roles)) {
    throw problems.conflict('You cannot disable yourself or change your own roles.');
  }
  const updated = await ctx.db
    .updateTable('users')
    .set({
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.roles !== undefined ? { roles: input.roles } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.status === 'disabled' && user.status !== 'disabled') await revokeAllSessions(ctx, id);
  const action =
    input.status && input.status !== user.status
      ? input.status === 'disabled'
        ? 'user.disable'
        : 'user.enable'
      : 'user.update';
  await ctx.audit.record({
    principal,
    action,
    outcome: 'success',
    objectType: 'user',
    objectId: id,
    objectAgency: user.agency_code,
    details: { changed: Object.keys(input), ...(input.roles ? { roles: input.roles } : {}) },
  });
  return userDto(updated);
}

/** An administrator clears a user's MFA: the user enrols again at next sign-in. */
/**
 * An administrator's own factor and password are not theirs to reset through the
 * administration routes: a stolen session (a phishing proxy's) would swap the authenticator or
 * set a password without knowing the current one, and keep the account. Another
 * administrator resets them; one's own password changes with POST /auth/password.
 */
async function refuseOwn(ctx: Context, principal: Principal, id: string, action: string, advice: string) {
  if (personOf(principal) !== id.toLowerCase()) return;
  await ctx.audit.record({ principal, action, outcome: 'denied', objectType: 'user', objectId: id });
  throw problems.forbidden(advice);
}

export async function resetUserMfa(ctx: Context, principal: Principal, id: string): Promise<UserDto> {
  await refuseOwn(
    ctx,
    principal,
    id,
    'user.mfa.reset',
    'Your own second factor is reset by another administrator.',
  );
  const { user } = await loadManagedUser(ctx, principal, id, 'user.mfa.reset');
  const updated = await ctx.db
    .updateTable('users')
    .set({ mfa_enabled: false, mfa_secret: null, mfa_last_step: null, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await revokeAllSessions(ctx, id);
  await ctx.audit.record({
    principal,
    action: 'user.mfa.reset',
    outcome: 'success',
    objectType: 'user',
    objectId: id,
    objectAgency: user.agency_code,
  });
  return userDto(updated);
}

/** An administrator (or the CLI) sets a new password; the user's sessions end. */
export async function resetUserPassword(
  ctx: Context,
  principal: Principal,
  id: string,
  password: string,
): Promise<void> {
  await refuseOwn(
    ctx,
    principal,
    id,
    'user.password.reset',
    'Change your own password with POST /api/v1/auth/password, which asks for the current one.',
  );
  const { user } = await loadManagedUser(ctx, principal, id, 'user.password.reset');
  const weak = weakPassword('/body/password', password, user.username);
  if (weak) throw weak;
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), password_changed_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  await revokeAllSessions(ctx, id);
  await clearThrottle(ctx, user.username);
  await ctx.audit.record({
    principal,
    action: 'user.password.reset',
    outcome: 'success',
    objectType: 'user',
    objectId: id,
    objectAgency: user.agency_code,
  });
}

export async function changeOwnPassword(
  ctx: Context,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  if (principal.type !== 'user') throw problems.forbidden('Only users have passwords.');
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', principal.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    await ctx.audit.record({
      principal,
      action: 'user.password.change',
      outcome: 'failure',
      objectType: 'user',
      objectId: user.id,
      objectAgency: user.agency_code,
    });
    throw problems.invalidField('/body/currentPassword', 'wrong password');
  }
  const weak = weakPassword('/body/newPassword', newPassword, user.username);
  if (weak) throw weak;
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(newPassword), password_changed_at: now, updated_at: now })
    .where('id', '=', user.id)
    .execute();
  // Other sessions end; this one stays.
  await revokeAllSessions(ctx, user.id, { except: principal.sessionId });
  await ctx.audit.record({
    principal,
    action: 'user.password.change',
    outcome: 'success',
    objectType: 'user',
    objectId: user.id,
    objectAgency: user.agency_code,
  });
}

export async function findUserByUsername(ctx: Context, username: string): Promise<UserRow | undefined> {
  return ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

/** What anyone may change about themselves: the name shown and the interface language. */
export async function updateOwnProfile(
  ctx: Context,
  principal: Principal,
  input: { displayName?: string | undefined; locale?: string | null | undefined },
): Promise<UserDto> {
  if (principal.type !== 'user') throw problems.forbidden('Only users have a profile.');
  const updated = await ctx.db
    .updateTable('users')
    .set({
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', principal.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.record({
    principal,
    action: 'user.profile.update',
    outcome: 'success',
    objectType: 'user',
    objectId: principal.id,
    objectAgency: principal.agency.code,
    details: { changed: Object.keys(input) },
  });
  return userDto(updated);
}

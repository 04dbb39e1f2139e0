import { createHash, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';
import type { SessionTable } from '../platform/db-schema.ts';
import { Problem, problems } from '../platform/errors.ts';
import { newId, newToken } from '../platform/ids.ts';
import { agencyInService } from './agencies.ts';
import type { AgencyRow, UserRow } from './mappers.ts';
import { userPrincipal } from './principals.ts';

export type SessionRow = Selectable<SessionTable>;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A session is touched at most once a minute: idle expiry needs no finer grain. */
const TOUCH_INTERVAL_MS = 60_000;

export function idleMs(ctx: Context): number {
  return ctx.config.sessionIdleMinutes * 60_000;
}

export async function createSession(
  ctx: Context,
  user: UserRow,
  options: { mfaPending: boolean; ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; session: SessionRow }> {
  const token = newToken();
  const now = ctx.clock.now();
  const session = await ctx.db
    .insertInto('sessions')
    .values({
      id: newId(),
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: newToken(24),
      mfa_pending: options.mfaPending,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000),
      ip: options.ip ?? null,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session };
}

export interface AuthenticatedSession {
  principal: Principal;
  session: SessionRow;
  user: UserRow;
  agency: AgencyRow;
}

/**
 * Resolves a session cookie to its principal, or null when the session is unknown,
 * revoked, idle for too long or past its absolute lifetime, or its user is disabled.
 * A suspended agency's principals are refused outright.
 */
/**
 * The session a token names, if it still holds. `touch: false` checks without counting as
 * activity: an open event stream re-checked in the background must not keep an idle session
 * alive.
 */
export async function authenticateSession(
  ctx: Context,
  token: string,
  { touch = true }: { touch?: boolean } = {},
): Promise<AuthenticatedSession | null> {
  const now = ctx.clock.now();
  const session = await ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!session || session.revoked_at) return null;
  if (now >= session.expires_at) return null;
  if (now.getTime() - session.last_seen_at.getTime() >= idleMs(ctx)) return null;
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.user_id)
    .executeTakeFirst();
  if (user?.status !== 'active') return null;
  const agency = await ctx.db
    .selectFrom('agencies')
    .selectAll()
    .where('code', '=', user.agency_code)
    .executeTakeFirstOrThrow();
  if (!(await agencyInService(ctx.db, agency))) throw agencySuspended();

  if (touch && now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
    session.last_seen_at = now;
  }
  return { principal: userPrincipal(user, agency, { sessionId: session.id }), session, user, agency };
}

export function agencySuspended(): Problem {
  return new Problem(
    403,
    'agency-suspended',
    'Agency suspended',
    'Your agency is suspended from the network.',
  );
}

export async function listSessions(ctx: Context, principal: Principal) {
  const now = ctx.clock.now();
  // An API key has no sessions.
  const rows =
    principal.type !== 'user'
      ? []
      : await ctx.db
          .selectFrom('sessions')
          .selectAll()
          .where('user_id', '=', principal.id)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .where('last_seen_at', '>', new Date(now.getTime() - idleMs(ctx)))
          .orderBy('created_at', 'desc')
          .execute();
  await ctx.audit.record({
    principal,
    action: 'session.list',
    outcome: 'success',
    objectType: 'session',
    resultCount: rows.length,
  });
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
    current: s.id === principal.sessionId,
    ip: s.ip,
    userAgent: s.user_agent,
  }));
}

export async function revokeSession(ctx: Context, principal: Principal, sessionId: string): Promise<void> {
  const result = await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock.now() })
    .where('id', '=', sessionId)
    .where('user_id', '=', principal.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw problems.notFound('session');
  await ctx.audit.record({
    principal,
    action: 'session.revoke',
    outcome: 'success',
    objectType: 'session',
    objectId: sessionId,
    objectAgency: principal.agency.code,
  });
}

/**
 * Ends every session of a user (password reset, MFA reset, disabling) — or every one but the
 * session making the change (one's own password change, a new second factor), in the
 * caller's transaction when it has one.
 */
export async function revokeAllSessions(
  ctx: Context,
  userId: string,
  options: { except?: string; db?: Kdb } = {},
): Promise<number> {
  let update = (options.db ?? ctx.db)
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (options.except) update = update.where('id', '!=', options.except);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

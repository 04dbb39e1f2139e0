import type { Selectable } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import type { LoginThrottleTable } from '../platform/db-schema.ts';
import { Problem } from '../platform/errors.ts';
import { KeyedLock } from '../platform/keyed-lock.ts';
import { agencyInService, findAgency } from './agencies.ts';
import type { AgencyRow, UserRow } from './mappers.ts';
import { mfaContext } from './mfa.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { userPrincipal } from './principals.ts';
import { agencySuspended, createSession, type SessionRow } from './sessions.ts';
import { verifyTotp } from './totp.ts';

/**
 * Sign-in throttling. Failures are counted per submitted username whether or not an
 * account has that name, so the answers never tell an attacker which accounts exist.
 * From the 3rd failure each further attempt must wait (1 s, 2 s, 4 s … up to 5 min);
 * at the 10th the name is locked for 30 minutes. A success clears the count.
 */
export const THROTTLE = {
  slowAfter: 3,
  lockAfter: 10,
  lockMinutes: 30,
  maxDelaySeconds: 300,
  forgetAfterHours: 24,
} as const;

export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export function delaySeconds(failures: number): number {
  if (failures < THROTTLE.slowAfter) return 0;
  return Math.min(2 ** (failures - THROTTLE.slowAfter), THROTTLE.maxDelaySeconds);
}

const invalidCredentials = () =>
  new Problem(401, 'invalid-credentials', 'Sign-in failed', 'The username or password is wrong.');

const tooManyAttempts = (
  retryAfterSeconds: number,
  detail = `Too many failed attempts for this username. Try again in ${retryAfterSeconds} seconds.`,
) =>
  new Problem(
    429,
    'too-many-attempts',
    'Too many failed sign-ins',
    detail,
    { retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );

export interface LoginInput {
  username: string;
  password: string;
  otp?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}

export interface LoginResult {
  token: string;
  session: SessionRow;
  user: UserRow;
  agency: AgencyRow;
  principal: Principal;
}

/**
 * Sign-ins of one username are checked one at a time: checked all at once, a burst of
 * guesses would each pass the throttle before any of them had failed and been counted — a
 * hundred guesses where the throttle allows three. In this process they queue (a double
 * click waits for the first); across the processes sharing the database, an attempt holds
 * the username's throttle row (`attempt_until`) while it is checked, and an attempt that
 * finds it held is refused with a one-second retry. A process that dies mid-attempt holds
 * it for ATTEMPT_HOLD_MS at most.
 */
const attempts = new KeyedLock();
export const ATTEMPT_HOLD_MS = 30_000;

export async function login(ctx: Context, input: LoginInput): Promise<LoginResult> {
  const key = usernameKey(input.username);
  return attempts.run(key, async () => {
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + ATTEMPT_HOLD_MS);
    // Takes the username, and reads its throttle state, in one statement.
    const throttle = await ctx.db
      .insertInto('login_throttle')
      .values({
        username_key: key,
        failures: 0,
        last_failure_at: now,
        locked_until: null,
        attempt_until: until,
      })
      .onConflict((oc) =>
        oc
          .column('username_key')
          .doUpdateSet({ attempt_until: until })
          .where((eb) =>
            eb.or([
              eb('login_throttle.attempt_until', 'is', null),
              eb('login_throttle.attempt_until', '<=', now),
            ]),
          ),
      )
      .returningAll()
      .executeTakeFirst();
    if (!throttle) {
      await ctx.audit.record({
        attemptedName: key.slice(0, 100),
        requestId: input.requestId,
        objectType: 'user',
        ...(input.ip ? { clientAddress: input.ip } : {}),
        principal: null,
        action: 'auth.login',
        outcome: 'denied',
        details: { reason: 'attempt-in-progress' },
      });
      throw tooManyAttempts(1, 'Another sign-in for this username is being checked. Try again in 1 second.');
    }
    try {
      return await attemptLogin(ctx, input, key, now, throttle);
    } finally {
      // Lets go of the name, whatever the outcome (after a success the row is gone already).
      await ctx.db
        .updateTable('login_throttle')
        .set({ attempt_until: null })
        .where('username_key', '=', key)
        .where('attempt_until', '=', until)
        .execute();
    }
  });
}

async function attemptLogin(
  ctx: Context,
  input: LoginInput,
  key: string,
  now: Date,
  throttle: Selectable<LoginThrottleTable>,
): Promise<LoginResult> {
  const auditBase = {
    attemptedName: key.slice(0, 100),
    requestId: input.requestId,
    objectType: 'user',
    ...(input.ip ? { clientAddress: input.ip } : {}),
  } as const;

  if (throttle.failures > 0 || throttle.locked_until) {
    const stale = now.getTime() - throttle.last_failure_at.getTime() > THROTTLE.forgetAfterHours * 3_600_000;
    if (!stale) {
      const lockedFor = throttle.locked_until ? throttle.locked_until.getTime() - now.getTime() : 0;
      const waitFor =
        throttle.last_failure_at.getTime() + delaySeconds(throttle.failures) * 1000 - now.getTime();
      const retryMs = Math.max(lockedFor, waitFor);
      if (retryMs > 0) {
        await ctx.audit.record({
          ...auditBase,
          principal: null,
          action: 'auth.login',
          outcome: 'denied',
          details: { reason: 'throttled' },
        });
        throw tooManyAttempts(Math.ceil(retryMs / 1000));
      }
    }
  }

  const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', key).executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    await recordFailure(ctx, key, now);
    await ctx.audit.record({
      ...auditBase,
      principal: null,
      action: 'auth.login',
      outcome: 'failure',
      objectId: user?.id,
      objectAgency: user?.agency_code,
      details: { reason: 'invalid-credentials' },
    });
    throw invalidCredentials();
  }

  const agency = (await findAgency(ctx.db, user.agency_code))!;
  const principal = userPrincipal(user, agency, { requestId: input.requestId, ip: input.ip });
  const refuse = async (reason: string, problem: Problem) => {
    await ctx.audit.record({
      principal,
      action: 'auth.login',
      outcome: 'denied',
      objectType: 'user',
      objectId: user.id,
      objectAgency: user.agency_code,
      details: { reason },
    });
    throw problem;
  };
  if (user.status !== 'active') {
    await refuse(
      'disabled',
      new Problem(
        403,
        'account-disabled',
        'Account disabled',
        'This account is disabled. Ask your agency administrator.',
      ),
    );
  }
  if (!(await agencyInService(ctx.db, agency))) await refuse('agency-suspended', agencySuspended());

  if (user.mfa_enabled) {
    if (!input.otp) {
      throw new Problem(
        401,
        'mfa-required',
        'One-time code required',
        'Enter the 6-digit code from your authenticator app.',
      );
    }
    const step = await verifyTotp(ctx.secrets.open(user.mfa_secret!, mfaContext(user.id)), input.otp, now);
    const lastStep = user.mfa_last_step === null ? -1 : Number(user.mfa_last_step);
    // A code is used once (RFC 6238, 5.2): the step is taken in one conditional update, so
    // that two sign-ins racing with the same code (a phishing relay beside the user) cannot
    // both pass the check above before either records it.
    const taken =
      step !== null &&
      step > lastStep &&
      Number(
        (
          await ctx.db
            .updateTable('users')
            .set({ mfa_last_step: step })
            .where('id', '=', user.id)
            .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1;
    if (!taken) {
      await recordFailure(ctx, key, now);
      await ctx.audit.record({
        principal,
        action: 'auth.mfa.verify',
        outcome: 'failure',
        objectType: 'user',
        objectId: user.id,
        objectAgency: user.agency_code,
      });
      throw new Problem(
        401,
        'invalid-otp',
        'Sign-in failed',
        'The one-time code is wrong or was already used.',
      );
    }
  }

  await ctx.db.deleteFrom('login_throttle').where('username_key', '=', key).execute();
  const mfaPending = user.mfa_required && !user.mfa_enabled;
  const { token, session } = await createSession(ctx, user, {
    mfaPending,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  const sessionPrincipal = { ...principal, sessionId: session.id };
  await ctx.audit.record({
    principal: sessionPrincipal,
    action: 'auth.login',
    outcome: 'success',
    objectType: 'session',
    objectId: session.id,
    objectAgency: user.agency_code,
    details: { mfa: user.mfa_enabled ? 'verified' : mfaPending ? 'enrolment-required' : 'not-required' },
  });
  return { token, session, user, agency, principal: sessionPrincipal };
}

async function recordFailure(ctx: Context, key: string, now: Date): Promise<void> {
  // One statement, so that concurrent failures all count.
  const row = await ctx.db
    .insertInto('login_throttle')
    .values({ username_key: key, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('username_key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when(
            'login_throttle.last_failure_at',
            '<',
            new Date(now.getTime() - THROTTLE.forgetAfterHours * 3_600_000),
          )
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        last_failure_at: now,
      })),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  if (row.failures >= THROTTLE.lockAfter) {
    await ctx.db
      .updateTable('login_throttle')
      .set({ locked_until: new Date(now.getTime() + THROTTLE.lockMinutes * 60_000), failures: 0 })
      .where('username_key', '=', key)
      .execute();
  }
}

/** Administrators unlock a name after verifying the person (and on password reset). */
export async function clearThrottle(ctx: Context, username: string): Promise<void> {
  await ctx.db.deleteFrom('login_throttle').where('username_key', '=', usernameKey(username)).execute();
}

export async function logout(ctx: Context, principal: Principal): Promise<void> {
  if (principal.sessionId) {
    await ctx.db
      .updateTable('sessions')
      .set({ revoked_at: ctx.clock.now() })
      .where('id', '=', principal.sessionId)
      .execute();
  }
  await ctx.audit.record({
    principal,
    action: 'auth.logout',
    outcome: 'success',
    objectType: 'session',
    objectId: principal.sessionId,
    objectAgency: principal.agency.code,
  });
}

import QRCode from 'qrcode';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { Problem, problems } from '../platform/errors.ts';
import { verifyPassword } from './passwords.ts';
import { revokeAllSessions } from './sessions.ts';
import { newTotpSecret, totpUri, verifyTotp } from './totp.ts';

/** A TOTP seed is sealed for its user's row: copied to another account, it does not open. */
export const mfaContext = (userId: string) => `user-mfa:${userId.toLowerCase()}`;

function auditMfa(
  ctx: Context,
  principal: Principal,
  action: string,
  outcome: 'success' | 'failure',
  userId = principal.id,
) {
  return ctx.audit.record({
    principal,
    action,
    outcome,
    objectType: 'user',
    objectId: userId,
    objectAgency: principal.agency.code,
  });
}

/**
 * Starts TOTP enrolment: a new secret is kept (sealed) but not active until the user
 * proves, with a code, that the authenticator holds it. A user whose MFA is active must
 * have it reset by an administrator first, so a stolen session cannot swap the factor; and
 * a signed-in session adding a first factor gives the current password, so a stolen session
 * cannot attach its own authenticator and lock the owner out. (The session a sign-in left
 * waiting for enrolment has just given it.)
 */
export async function startMfaEnrolment(ctx: Context, principal: Principal, currentPassword?: string) {
  if (principal.type !== 'user') throw problems.forbidden('Only users enrol MFA.');
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', principal.id)
    .executeTakeFirstOrThrow();
  const session = principal.sessionId
    ? await ctx.db
        .selectFrom('sessions')
        .select('mfa_pending')
        .where('id', '=', principal.sessionId)
        .executeTakeFirst()
    : undefined;
  if (!session?.mfa_pending && !user.mfa_enabled) {
    if (currentPassword === undefined) {
      await auditMfa(ctx, principal, 'auth.mfa.enrol.start', 'failure');
      throw problems.invalidField(
        '/body/currentPassword',
        'give your current password to add a second factor',
      );
    }
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      await auditMfa(ctx, principal, 'auth.mfa.enrol.start', 'failure');
      throw problems.invalidField('/body/currentPassword', 'wrong password');
    }
  }
  if (user.mfa_enabled) {
    throw new Problem(
      409,
      'mfa-already-enabled',
      'MFA already enabled',
      'Ask an administrator to reset MFA before enrolling again.',
    );
  }
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('users')
    .set({ mfa_secret: ctx.secrets.seal(secret, mfaContext(user.id)), updated_at: ctx.clock.now() })
    .where('id', '=', user.id)
    .execute();
  await auditMfa(ctx, principal, 'auth.mfa.enrol.start', 'success');
  const otpauthUri = totpUri(secret, user.username);
  return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/** Confirms enrolment with a first code; the session then leaves its MFA-pending state. */
export async function confirmMfaEnrolment(ctx: Context, principal: Principal, otp: string): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', principal.id)
    .executeTakeFirstOrThrow();
  if (user.mfa_enabled) throw new Problem(409, 'mfa-already-enabled', 'MFA already enabled');
  if (!user.mfa_secret)
    throw new Problem(
      409,
      'mfa-not-started',
      'Start MFA enrolment first',
      'Call POST /api/v1/auth/mfa/enrol first.',
    );
  const now = ctx.clock.now();
  const step = await verifyTotp(ctx.secrets.open(user.mfa_secret, mfaContext(user.id)), otp, now);
  if (step === null) {
    await auditMfa(ctx, principal, 'auth.mfa.enrol.confirm', 'failure');
    throw new Problem(
      400,
      'invalid-otp',
      'Wrong code',
      'The one-time code is wrong. Check the time on your device.',
      {
        errors: [{ field: '/body/otp', message: 'wrong code' }],
      },
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ mfa_enabled: true, mfa_last_step: step, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    if (principal.sessionId) {
      await trx
        .updateTable('sessions')
        .set({ mfa_pending: false })
        .where('id', '=', principal.sessionId)
        .execute();
    }
    // The account's other sessions end: they were opened without the factor it now has.
    await revokeAllSessions(ctx, user.id, { except: principal.sessionId, db: trx });
  });
  await auditMfa(ctx, principal, 'auth.mfa.enrol.confirm', 'success');
}

import type { Job } from '../platform/jobs.ts';
import { purgeEndedWindows } from '../platform/shared-rate-limit.ts';
import { THROTTLE } from './login.ts';

/** Housekeeping: sessions long past their lifetime, sign-in failures long forgotten, ended rate-limit windows. */
export const identityJobs: Job[] = [
  {
    name: 'identity.purge-expired',
    intervalMs: 60 * 60_000,
    async run(ctx) {
      const now = ctx.clock.now().getTime();
      await ctx.db
        .deleteFrom('sessions')
        .where('expires_at', '<', new Date(now - 7 * 86_400_000))
        .execute();
      await ctx.db
        .deleteFrom('login_throttle')
        .where('last_failure_at', '<', new Date(now - THROTTLE.forgetAfterHours * 3_600_000))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', new Date(now))]))
        .where((eb) => eb.or([eb('attempt_until', 'is', null), eb('attempt_until', '<', new Date(now))]))
        .execute();
      await purgeEndedWindows(ctx);
    },
  },
];

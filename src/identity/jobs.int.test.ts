import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../test/helpers.ts';
import { JobRunner } from '../platform/jobs.ts';
import { identityJobs } from './jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('identity housekeeping', () => {
  it('purges sessions a week past their lifetime and forgotten sign-in failures', async () => {
    await signIn(t.app, 'ke.officer');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ke.officer', password: 'wrong-password-x' },
    });
    const runner = new JobRunner(t.ctx, identityJobs);
    expect(await runner.runOnce(identityJobs[0]!)).toBe(true);
    expect(await t.ctx.db.selectFrom('sessions').selectAll().execute()).toHaveLength(1);
    t.clock.advance(8 * 86_400_000);
    await runner.runOnce(identityJobs[0]!);
    expect(await t.ctx.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('login_throttle').selectAll().execute()).toHaveLength(0);
    await runner.stop();
  });
});

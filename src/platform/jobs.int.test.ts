import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers.ts';
import { systemPrincipal } from '../access/principal.ts';
import { type Job, JobRunner } from './jobs.ts';

let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A job with a backlog of `left` items, done `batch` at a time. */
function backlog(left: number, batch: number) {
  const state = { left, rounds: 0 };
  const job: Job = {
    name: `test.backlog.${Math.random()}`,
    intervalMs: 60_000,
    async run() {
      state.rounds++;
      const done = Math.min(batch, state.left);
      state.left -= done;
      return { more: done === batch };
    },
  };
  return { job, state };
}

describe('job runner', () => {
  it('goes on round after round while a job has more, and one round when it has not', async () => {
    const runner = new JobRunner(t.ctx, []);
    const { job, state } = backlog(7, 2);
    // 2 + 2 + 2 + 1: the fourth round is short and ends the chain.
    expect(await runner.runUntilDone(job)).toBe(4);
    expect(state).toEqual({ left: 0, rounds: 4 });
    expect(await runner.runUntilDone(job)).toBe(1);
    await runner.stop();
  });

  it('starts no second chain of a job already draining, and stops draining when stopped', async () => {
    const runner = new JobRunner(t.ctx, []);
    const { job, state } = backlog(1_000, 1);
    const first = runner.runUntilDone(job);
    expect(await runner.runUntilDone(job)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.stop();
    const rounds = await first;
    expect(rounds).toBeGreaterThan(0);
    expect(rounds).toBeLessThan(1_000);
    expect(state.rounds).toBe(rounds);
  });

  it('writes the audit entries a job records once its round has committed, none if it failed', async () => {
    // On the embedded database the audit writer needs the one connection the round's
    // transaction holds: a job that awaited its entries inside it waited for itself, and every
    // request after it hung (the 24/7 clocks' first reminder stopped the server).
    const runner = new JobRunner(t.ctx, []);
    const objectId = `job-audit-${Math.random()}`;
    const entries = () =>
      t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'object_id'])
        .where('object_id', '=', objectId)
        .execute();
    const recording = (fail: boolean): Job => ({
      name: `test.audit.${Math.random()}`,
      intervalMs: 60_000,
      async run(ctx) {
        await ctx.db.selectFrom('agencies').select('code').limit(1).execute();
        await ctx.audit.record({
          principal: systemPrincipal(),
          action: fail ? 'test.failed' : 'test.done',
          outcome: 'success',
          objectType: 'test',
          objectId,
        });
        if (fail) throw new Error('the round fails after recording');
      },
    });
    const ran = await Promise.race([
      runner.runOnce(recording(false)),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000)),
    ]);
    expect(ran).toBe(true);
    expect(await entries()).toEqual([{ action: 'test.done', object_id: objectId }]);
    expect(await runner.runOnce(recording(true))).toBe(false);
    expect(await entries()).toEqual([{ action: 'test.done', object_id: objectId }]);
    await runner.stop();
  });

  // Two processes need two connections: the embedded database has one.
  it.skipIf(!process.env.TEST_DATABASE_URL)('skips a round another process holds the lock for', async () => {
    const runner = new JobRunner(t.ctx, []);
    const { job, state } = backlog(5, 1);
    const other = new JobRunner(t.ctx, []);
    // The other process is in the middle of a round: this one's attempt finds the lock taken.
    let release!: () => void;
    let entered!: () => void;
    const inRound = new Promise<void>((resolve) => (entered = resolve));
    const holding = other.runOnce({
      ...job,
      run: () =>
        new Promise<undefined>((resolve) => {
          release = () => resolve(undefined);
          entered(); // it holds the lock from here until released
        }),
    });
    await inRound;
    expect(await runner.runUntilDone(job)).toBe(0);
    expect(state.rounds).toBe(0);
    release();
    expect(await holding).toBe(true);
    await Promise.all([runner.stop(), other.stop()]);
  });
});

import { sql } from 'kysely';
import type { Context } from './context.ts';

export interface Job {
  /** Unique name; also picks the advisory lock. */
  name: string;
  intervalMs: number;
  run(ctx: Context): Promise<void>;
}

function lockKey(name: string): number {
  let hash = 7_201_945_100;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Background jobs on a timer. Each run happens inside a transaction holding a
 * transaction-level advisory lock, so with several server processes only one runs a job
 * at a time and the others skip that round.
 */
export class JobRunner {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: Context,
    private readonly jobs: Job[],
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => void this.runOnce(job), job.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Runs a job now if no other process is running it; returns whether it ran. */
  async runOnce(job: Job): Promise<boolean> {
    const run = this.ctx.db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{
          locked: boolean;
        }>`SELECT pg_try_advisory_xact_lock(${lockKey(job.name)}) AS locked`.execute(trx);
        if (!rows[0]?.locked) return false;
        await job.run({ ...this.ctx, db: trx });
        return true;
      })
      .catch((error) => {
        this.ctx.logger.error({ err: error, job: job.name }, 'job failed');
        return false;
      });
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.all(this.running);
  }
}

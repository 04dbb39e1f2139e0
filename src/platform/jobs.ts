import { sql } from 'kysely';
import type { AuditEvent, AuditWriter } from '../audit/writer.ts';
import type { Context } from './context.ts';

export interface Job {
  /** Unique name; also picks the advisory lock. */
  name: string;
  intervalMs: number;
  /**
   * One round of the job, in one transaction. A round that leaves work behind (a backlog
   * done a batch at a time) says `{ more: true }`: the next round starts as soon as this one
   * has committed instead of an interval later, so that a million persons to reindex take
   * minutes, not days, while each transaction stays small.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a job with nothing to say just returns
  run(ctx: Context): Promise<void | { more: boolean }>;
}

function lockKey(name: string): number {
  let hash = 7_201_945_100;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * The audit entries a job records in its round, written once the round has committed (none if
 * it failed). The writer commits on a connection of its own, and on the embedded database
 * there is one, held by the round's transaction: a job that awaited its entries there waited
 * for itself, and every request after it hung (the first 24/7 reminder stopped the server).
 */
function afterCommit(writer: AuditWriter): { writer: AuditWriter; write: () => Promise<void> } {
  const events: AuditEvent[] = [];
  // The writer's other members as they are; only record is held back.
  const deferred = Object.create(writer) as AuditWriter;
  deferred.record = (event) => {
    events.push(event);
    return Promise.resolve();
  };
  return {
    writer: deferred,
    write: async () => {
      await Promise.all(events.map((event) => writer.record(event)));
    },
  };
}

/**
 * Background jobs on a timer. Each run happens inside a transaction holding a
 * transaction-level advisory lock, so with several server processes only one runs a job
 * at a time and the others skip that round.
 */
export class JobRunner {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();
  /** Jobs working through a backlog in this process: the timer does not start a second chain. */
  private draining = new Set<string>();
  private stopped = false;

  constructor(
    private readonly ctx: Context,
    private readonly jobs: Job[],
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => void this.runUntilDone(job), job.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /**
   * Runs rounds of a job while each says there is more (and the runner is not stopping),
   * letting other work in between; returns the number of rounds that ran.
   */
  async runUntilDone(job: Job): Promise<number> {
    if (this.draining.has(job.name)) return 0;
    this.draining.add(job.name);
    try {
      let rounds = 0;
      for (;;) {
        const outcome = await this.runRound(job);
        if (outcome.ran) rounds++;
        if (!outcome.more || this.stopped) return rounds;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining.delete(job.name);
    }
  }

  /** Runs a job now if no other process is running it; returns whether it ran. */
  async runOnce(job: Job): Promise<boolean> {
    return (await this.runRound(job)).ran;
  }

  private async runRound(job: Job): Promise<{ ran: boolean; more: boolean }> {
    const audit = afterCommit(this.ctx.audit);
    const run = this.ctx.db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{
          locked: boolean;
        }>`SELECT pg_try_advisory_xact_lock(${lockKey(job.name)}) AS locked`.execute(trx);
        if (!rows[0]?.locked) return { ran: false, more: false };
        const outcome = await job.run({ ...this.ctx, db: trx, audit: audit.writer });
        return { ran: true, more: outcome?.more === true };
      })
      .catch((error) => {
        this.ctx.logger.error({ err: error, job: job.name }, 'job failed');
        return { ran: false, more: false };
      })
      .then(async (outcome) => {
        // The round's work is committed whatever happens here: a failure to write its entries
        // is the audit log's (the writer logs the batch), not the job's.
        if (outcome.ran) await audit.write().catch(() => {});
        return outcome;
      });
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.all(this.running);
  }
}

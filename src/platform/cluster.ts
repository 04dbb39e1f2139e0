import cluster, { type Worker } from 'node:cluster';
import { firstStart } from '../identity/seed.ts';
import { closeContext, createContext } from './bootstrap.ts';
import { serveClusterMetrics } from './cluster-metrics.ts';
import type { Config } from './config.ts';
import { createLogger } from './logging.ts';
import { banner, demoWanted } from './server.ts';

/** What a worker tells the primary once it listens. */
export interface ListeningMessage {
  concord: 'listening';
  url: string;
}

export function isListeningMessage(message: unknown): message is ListeningMessage {
  return (message as ListeningMessage | null)?.concord === 'listening';
}

/**
 * `CONCORD_WORKERS` > 1: the primary prepares the database once (migrations, first-start
 * seeding), then starts that many server processes sharing the port — one event loop per
 * core. The processes share nothing but the database: jobs run under advisory locks, each
 * process writes an audit chain of its own (audit/writer.ts), event streams look again for
 * numbers another process has not committed yet (events.ts), caches expire within seconds;
 * a scrape of /metrics, whichever process takes it, answers for all of them. A worker
 * that dies is replaced; SIGTERM or SIGINT drains every worker before the primary exits.
 */
export async function runPrimary(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const ctx = await createContext(config, { secretKeyCheck: 'record' });
  let report: Awaited<ReturnType<typeof firstStart>>;
  try {
    report = await firstStart(ctx, { demo: demoWanted(config) });
  } finally {
    await closeContext(ctx);
  }

  serveClusterMetrics();
  let stopping = false;
  let started = false;
  const fork = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker: Worker = cluster.fork();
      worker.on('message', (message: unknown) => {
        if (isListeningMessage(message)) resolve(message.url);
      });
      worker.on('exit', (code, signal) => {
        if (stopping) return;
        if (!started) {
          reject(new Error(`a server process failed to start (${signal ?? `exit code ${code}`})`));
          return;
        }
        logger.error({ pid: worker.process.pid, code, signal }, 'server process died: starting another');
        setTimeout(() => fork().catch((error) => logger.error({ err: error }, 'restart failed')), 1000);
      });
    });

  const stopAll = (code: number) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    let left = workers.length;
    if (left === 0) process.exit(code);
    for (const worker of workers) {
      worker.once('exit', () => {
        left--;
        if (left === 0) process.exit(code);
      });
      worker.process.kill('SIGTERM');
    }
  };
  process.once('SIGTERM', () => stopAll(0));
  process.once('SIGINT', () => stopAll(0));

  try {
    const urls = await Promise.all(Array.from({ length: config.workers }, fork));
    started = true;
    process.stdout.write(`${banner({ url: urls[0]!, report }, config)}\n`);
  } catch (error) {
    logger.error({ err: error }, 'could not start the server processes');
    process.stderr.write(`${(error as Error).message}\n`);
    stopAll(1);
  }
}

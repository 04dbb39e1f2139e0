import type { DestinationStream } from 'pino';
import { AuditWriter } from '../audit/writer.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Context } from './context.ts';
import { openDatabase } from './db.ts';
import { createLogger } from './logging.ts';
import { migrate } from './migrate.ts';
import { SecretBox } from './secrets.ts';

export interface ContextOptions {
  clock?: Clock;
  /** Tests: PGlite in memory instead of the data folder (ignored when DATABASE_URL is set). */
  inMemory?: boolean;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Where logs go (default stdout); tests capture them. */
  logDestination?: DestinationStream;
}

/** Opens the database, applies migrations and wires the platform services together. */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<Context> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: options.inMemory ? undefined : config.dataDir,
  });
  try {
    if (options.migrate !== false) {
      const applied = await migrate(database);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const clock = options.clock ?? systemClock;
  const secrets = config.secretKey
    ? SecretBox.fromKey(config.secretKey)
    : options.inMemory && !config.databaseUrl
      ? SecretBox.ephemeral()
      : SecretBox.fromDataDir(config.dataDir);
  return {
    config,
    database,
    db: database.kysely,
    clock,
    audit: new AuditWriter(database.kysely, clock, logger),
    secrets,
    logger,
  };
}

export async function closeContext(ctx: Context): Promise<void> {
  await ctx.audit.close();
  await ctx.database.close();
}

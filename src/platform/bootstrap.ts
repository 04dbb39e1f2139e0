import { sql } from 'kysely';
import type { DestinationStream } from 'pino';
import { AuditWriter } from '../audit/writer.ts';
import { type Clock, systemClock } from './clock.ts';
import { type Config, ConfigError } from './config.ts';
import type { Context } from './context.ts';
import { type Kdb, openDatabase } from './db.ts';
import { createLogger } from './logging.ts';
import { migrate } from './migrate.ts';
import { SECRET_KEY_SETTING, SecretBox } from './secrets.ts';

export interface ContextOptions {
  clock?: Clock;
  /** Tests: PGlite in memory instead of the data folder (ignored when DATABASE_URL is set). */
  inMemory?: boolean;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Where logs go (default stdout); tests capture them. */
  logDestination?: DestinationStream;
  /**
   * The secret key against the fingerprint the database keeps: `record` it when there is none
   * yet (the server: the deployment's key is the one its server starts with), `compare` only
   * (the default: a command must not tie the database to a key it made for itself), or
   * `skip` (a command that opens no sealed secret, such as `audit verify`).
   */
  secretKeyCheck?: 'record' | 'compare' | 'skip';
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
  const secrets = (
    config.secretKey
      ? SecretBox.fromKey(config.secretKey)
      : options.inMemory && !config.databaseUrl
        ? SecretBox.ephemeral()
        : SecretBox.fromDataDir(config.dataDir)
  ).withPrevious(config.secretKeyPrevious);
  try {
    if (options.secretKeyCheck !== 'skip')
      await checkSecretKey(
        database.kysely,
        secrets,
        config.secretKey !== undefined,
        options.secretKeyCheck === 'record',
      );
  } catch (error) {
    await database.close();
    throw error;
  }
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

/**
 * Every process of a deployment must seal with the same CONCORD_SECRET_KEY: one started
 * without it made a key file of its own, started, answered "ready" — and every MFA sign-in
 * it took failed with a 500, every sealed secret it wrote was unreadable to the others. The
 * database keeps the fingerprint of the key it was first used with (never the key); a
 * process with another key does not start. During a rotation the database still names the
 * earlier key, which the process holds among CONCORD_SECRET_KEY_PREVIOUS; `concord keys
 * rewrap` names the new one once nothing is sealed under the earlier.
 */
async function checkSecretKey(
  db: Kdb,
  secrets: SecretBox,
  configured: boolean,
  record: boolean,
): Promise<void> {
  const fingerprint = secrets.fingerprint();
  const exists = await sql<{ found: boolean }>`SELECT to_regclass('settings') IS NOT NULL AS found`.execute(
    db,
  );
  if (!exists.rows[0]?.found) return; // not set up (a command run with migrations off)
  if (record)
    await db
      .insertInto('settings')
      .values({ key: SECRET_KEY_SETTING, value: { fingerprint } })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  const read = async () =>
    (await db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY_SETTING).executeTakeFirst())
      ?.value as { fingerprint?: string; next?: string } | undefined;
  const stored = await read();
  const expected = stored?.fingerprint;
  if (expected === undefined) return;
  const held = [fingerprint, ...secrets.previous.map((box) => box.fingerprint())];
  if (!held.includes(expected))
    throw new ConfigError(
      'CONCORD_SECRET_KEY',
      `this database was set up with another secret key (fingerprint ${expected}; this process has ${fingerprint}${configured ? '' : ', from its data folder’s secret.key'}): give every process the same CONCORD_SECRET_KEY (while rotating it, the earlier one in CONCORD_SECRET_KEY_PREVIOUS)`,
    );
  if (fingerprint === expected) {
    // A server still on the earlier key while others rotate would seal under it what they
    // cannot open. (A command may: `keys rewrap` with the earlier key abandons a rotation.)
    if (stored?.next !== undefined && record)
      throw new ConfigError(
        'CONCORD_SECRET_KEY',
        `the secret key is being rotated to another (fingerprint ${stored.next}): give this process that key, with this one in CONCORD_SECRET_KEY_PREVIOUS`,
      );
    return;
  }
  // Rotating: the database names the earlier key, which this process holds among the
  // previous ones. The first server to start so names the key it rotates to; every other
  // must rotate to the same one, or two processes would seal under two keys neither of the
  // other can open (a typo in one process's variable).
  if (stored?.next === undefined) {
    if (!record) return;
    await sql`
      UPDATE settings SET value = value || jsonb_build_object('next', ${fingerprint}::text)
      WHERE key = ${SECRET_KEY_SETTING} AND NOT (value ? 'next')`.execute(db);
  }
  const next = stored?.next ?? (await read())?.next;
  if (next !== fingerprint)
    throw new ConfigError(
      'CONCORD_SECRET_KEY',
      `another process is rotating the secret key to a different one (fingerprint ${next}; this process has ${fingerprint}): give every process the same new CONCORD_SECRET_KEY — or, if that one was the mistake, abandon the rotation with concord keys rewrap under the earlier key (docs/operations.md, "Rotating the keys")`,
    );
}

export async function closeContext(ctx: Context): Promise<void> {
  await ctx.audit.close();
  await ctx.database.close();
}

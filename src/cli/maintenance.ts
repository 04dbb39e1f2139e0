import { loadConfig } from '../platform/config.ts';
import type { Context } from '../platform/context.ts';

/**
 * The maintenance commands work on a database the server has set up. They never migrate it:
 * a newer command run during an upgrade would change the schema under the processes still
 * running the old version, and `audit verify` pointed at an empty database (a variable
 * missing after a restore) made one and reported it intact.
 */
export async function withContext<T>(
  fn: (ctx: Context) => Promise<T>,
  options: { secretKeyCheck?: 'compare' | 'skip' } = {},
): Promise<T> {
  const [{ closeContext, createContext }, { pendingMigrations, readMigrations }] = await Promise.all([
    import('../platform/bootstrap.ts'),
    import('../platform/migrate.ts'),
  ]);
  const ctx = await createContext(loadConfig(), { migrate: false, ...options });
  try {
    const pending = await pendingMigrations(ctx.database);
    if (pending.length === readMigrations().length)
      throw new Error(
        'No Concord database here (DATABASE_URL, or CONCORD_DATA_DIR for the embedded one): start the server once, or run concord migrate.',
      );
    if (pending.length > 0)
      throw new Error(
        `The database lacks ${pending.length} migration(s) of this version (${pending.join(', ')}): run concord migrate once no server of the older version runs.`,
      );
    return await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Any fixed number: all Concord processes agree on it to serialise migrations. */
const MIGRATION_LOCK = 7_201_945_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory
 * lock so that several processes starting together apply each migration once.
 * A changed file that was already applied is refused: migrations are append-only.
 */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.rawTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(BOOKKEEPING);
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (rows[0]) {
        if (rows[0].checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** For /readyz: true when every migration file has been applied. */
export async function pendingMigrations(db: Database, migrations = readMigrations()): Promise<string[]> {
  try {
    const rows = await db.rawTransaction((tx) =>
      tx.query<{ version: number }>('SELECT version FROM schema_migrations'),
    );
    const have = new Set(rows.map((r) => Number(r.version)));
    return migrations.filter((m) => !have.has(m.version)).map((m) => m.name);
  } catch (error) {
    // No migrations table: a database Concord never set up. Anything else — a server that
    // cannot be reached, a wrong password, a missing role — is not an empty database, and
    // saying so sent operators to `concord migrate` instead of their DATABASE_URL.
    if ((error as { code?: unknown }).code === '42P01') return migrations.map((m) => m.name);
    throw error;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type Transaction } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { Tables } from './db-schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type Kdb = Kysely<Tables>;

/**
 * Holds a named lock until the transaction ends (a PostgreSQL advisory lock): writers of one
 * name take turns, so that what one checks before writing still holds when it commits.
 */
export async function lockUntilCommit(trx: Transaction<Tables>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

/**
 * The database, whichever backend runs it. Services use `kysely`; the migration runner
 * uses `execScript` because migration files hold several statements, which PostgreSQL
 * accepts only through the simple query protocol.
 */
export interface Database {
  readonly backend: 'pglite' | 'postgres';
  readonly kysely: Kdb;
  /** A transaction on the driver itself, able to run multi-statement scripts. */
  rawTransaction<T>(fn: (tx: RawTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface RawTransaction {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs several statements (simple query protocol); no parameters. */
  exec(script: string): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder for PGlite; undefined with no databaseUrl means an in-memory database (tests). */
  dataDir?: string | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPGlite(options.dataDir);
}

/** Seconds a closing pool waits for running queries before it closes their connections. */
const END_TIMEOUT_S = 10;

/**
 * Kysely's postgres.js dialect runs every query through `unsafe()`, which postgres.js does
 * not prepare: a query with parameters then costs two round trips (describe, then execute)
 * every time. Queries are named prepared statements instead, cached per connection by their
 * text, as postgres.js does for its own tagged queries — one round trip each.
 */
function preparing(sql: postgres.Sql) {
  return async () => ({
    async reserve() {
      const connection = await sql.reserve();
      return {
        unsafe: (text: string, parameters: unknown[]) =>
          connection.unsafe(text, parameters as never[], { prepare: true }),
        release: () => connection.release(),
      };
    },
    // postgres.js waits for every reserved connection to be released before it ends; one
    // that is not (seen in a benchmark run at shutdown, cause not found) must not keep the
    // process from shutting down: after a grace period the connections are closed.
    end: () => sql.end({ timeout: END_TIMEOUT_S }),
  });
}

/**
 * A Unix socket named the way libpq names it, `postgres://user@localhost/db?host=/var/run/postgresql`:
 * postgres.js reads a socket from the host name only and would send `host` to the server as
 * a setting. On the database's own machine a Unix socket saves each statement the TCP stack.
 */
export function socketOf(url: string): { url: string; path?: string } {
  const parsed = new URL(url);
  const host = parsed.searchParams.get('host');
  if (!host?.startsWith('/')) return { url };
  parsed.searchParams.delete('host');
  return { url: parsed.toString(), path: `${host}/.s.PGSQL.${parsed.port || 5432}` };
}

function openPostgres(databaseUrl: string): Database {
  const { url, path } = socketOf(databaseUrl);
  const sql = postgres(url, {
    ...(path ? { path } : {}),
    max: 10,
    onnotice: () => {},
    // int8 as string keeps exactness; callers convert where they need numbers.
    types: {},
  });
  const kysely = new Kysely<Tables>({ dialect: new PostgresJSDialect({ postgres: preparing(sql) }) });
  return {
    backend: 'postgres',
    kysely,
    async rawTransaction(fn) {
      return (await sql.begin((tx) =>
        fn({
          query: async (text, params = []) => [...(await tx.unsafe(text, params as never[]))] as never,
          exec: async (script) => {
            await tx.unsafe(script).simple();
          },
        }),
      )) as never;
    },
    async close() {
      await kysely.destroy();
      // Kysely ends the pool only if it ever used it; rawTransaction (migrations) uses the
      // pool directly, and an open connection would keep `concord migrate` from exiting.
      await sql.end({ timeout: END_TIMEOUT_S });
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
    pgDir = path.join(dataDir, 'pg');
  }
  let pglite: PGlite;
  try {
    pglite = pgDir ? await PGlite.create(pgDir) : await PGlite.create();
  } catch (error) {
    releaseLock();
    throw error;
  }
  const kysely = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
  return {
    backend: 'pglite',
    kysely,
    async rawTransaction(fn) {
      // Hold Kysely's single connection so no other query runs inside this transaction.
      return kysely.connection().execute(() =>
        pglite.transaction((tx) =>
          fn({
            query: async (text, params = []) => (await tx.query(text, params)).rows as never,
            exec: async (script) => {
              await tx.exec(script);
            },
          }),
        ),
      );
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * PGlite has no protection against two processes opening one data folder, which would
 * corrupt it. A pid file guards the folder; a stale one (its process gone) is taken over.
 */

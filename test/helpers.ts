import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import postgres from 'postgres';
import { firstStart } from '../src/identity/seed.ts';
import { buildApp } from '../src/main.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { type Config, loadConfig } from '../src/platform/config.ts';
import type { Context } from '../src/platform/context.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const DEMO_PASSWORD = 'demo-password-for-tests';

/**
 * Tests run on PGlite in memory, or, when TEST_DATABASE_URL points at a PostgreSQL server
 * (CI does this), on a fresh database created for each test file and dropped after it.
 */
export async function testDatabaseUrl(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return { url: undefined, drop: async () => {} };
  const name = `concord_test_${randomBytes(6).toString('hex')}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`CREATE DATABASE ${name}`);
  await sql.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      await s.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await s.end();
    },
  };
}

export interface TestEnv {
  ctx: Context;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

export async function createTestContext(
  env: Record<string, string> = {},
  options: { seed?: boolean; logDestination?: DestinationStream } = {},
): Promise<TestEnv> {
  const database = await testDatabaseUrl();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CONCORD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
    CONCORD_PUBLIC_URL: 'http://localhost:8080',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const clock = new ManualClock();
  const ctx = await createContext(config, { clock, inMemory: true, logDestination: options.logDestination });
  if (options.seed !== false) await firstStart(ctx, { demo: true });
  return {
    ctx,
    clock,
    config,
    close: async () => {
      await closeContext(ctx);
      await database.drop();
    },
  };
}

export interface TestApp extends TestEnv {
  app: FastifyInstance;
}

export async function createTestApp(
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const base = await createTestContext(env, options);
  const app = await buildApp(base.ctx);
  return {
    ...base,
    app,
    close: async () => {
      await app.close();
      await base.close();
    },
  };
}

/** A signed-in browser, as far as the API can tell: cookie plus CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
  body: Record<string, unknown>;
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('concord_session'));
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return `${cookie.name}=${cookie.value}`;
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
  otp?: string,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(otp ? { otp } : {}) },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return { cookie: sessionCookieOf(response), csrf: body.csrfToken, body };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** A request as the signed-in user (CSRF header included for writes). */
export function as(app: FastifyInstance, session: Session) {
  return (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: {
        cookie: session.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }),
        ...headers,
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

/** A request with an API key. */
export function withKey(app: FastifyInstance, key: string) {
  return (method: Method, url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

export function expectProblem(response: LightMyRequestResponse, status: number, slug: string) {
  const body = response.json();
  if (response.statusCode !== status || body.type !== `urn:concord:problem:${slug}`) {
    throw new Error(`expected ${status} ${slug}, got ${response.statusCode} ${response.body}`);
  }
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers['content-type']}`);
  }
  return body as {
    type: string;
    status: number;
    title: string;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
}

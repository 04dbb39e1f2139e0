import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../src/access/permissions.ts';
import { systemPrincipal } from '../src/access/principal.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { seedDemoNotices } from '../src/notices/demo.ts';
import { demoRecord } from '../src/records/demo.ts';
import { as, createTestApp, type Session, signIn, type TestApp, withKey } from './helpers.ts';
import { inlineRefs, type JsonSchema, schemaArbitrary } from './schema-arbitrary.ts';

/**
 * Every documented operation, called with requests generated from its own OpenAPI schema —
 * mostly valid, with hostile text mixed in — by the demo users and API keys allowed to call
 * it: none may answer a 5xx, every refusal must be problem+json, and every success but a few
 * reads (UNAUDITED) must have written an audit entry before it answered. What the named tests
 * check one field at a time, this checks across the whole API, including operations written
 * later.
 *
 * Deterministic: FUZZ_SEED (default 1) picks the requests, FUZZ_ROUNDS (default 8) how many
 * each operation gets per principal allowed to call it; a failure names the seed, the
 * principal and the request to replay.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 8);

/** Every role, home and foreign, national and the secretariat's. */
const USERS = [
  'ke.officer',
  'ke.supervisor',
  'ke.admin',
  'ke.auditor',
  'ke.cyber',
  'fr.officer',
  'secretariat.admin',
  'secretariat.reviewer',
  'secretariat.analyst',
  'sentinel.partner',
];

/**
 * Machine principals, by API key: a bureau's national system holding every permission, and a
 * border system that may only check identifiers (the path taken billions of times a year).
 */
const KEYS: Record<string, { agency: string; permissions?: readonly Permission[] }> = {
  // Everything a bureau's key may carry (permissions left out: all that the agency may have).
  'key:ke.system': { agency: 'KE' },
  'key:fr.border': { agency: 'FR', permissions: ['records:read'] },
};
const PRINCIPALS = [...USERS, ...Object.keys(KEYS)];

/**
 * Reads that answer without an audit entry: one's own profile, the network's reference data
 * (the agency directory, the notice types, the notice-signing keys), an empty delivery
 * queue, and the public notices API. Every other successful call must write one (principle 2).
 */
const UNAUDITED = new Set([
  'get /api/v1/me',
  'get /api/v1/agencies',
  'get /api/v1/agencies/{code}',
  'get /api/v1/notice-types',
  'get /api/v1/notices/keys',
  'get /api/v1/deliveries',
]);

/** Sign-in and sign-out change the sessions the run depends on; event streams never end. */
const SKIPPED = /\/auth\/|\/events$|\/password|\/mfa/;

let t: TestApp;
/** The server's error lines, so that a 5xx in the report says what threw (by request id). */
const errorLog: string[] = [];
let document: { paths: Record<string, Record<string, Operation>> };
const sessions = new Map<string, Session>();
const apiKeys = new Map<string, string>();
const knownIds: string[] = [];
let agencyCodes: string[] = [];

interface Operation {
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

beforeAll(async () => {
  t = await createTestApp(
    { LOG_LEVEL: 'error' },
    { logDestination: { write: (line: string) => void errorLog.push(line) } },
  );
  // Published notices, so that the public API has extracts to list, filter and show.
  await seedDemoNotices(t.ctx);
  document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const user of USERS) sessions.set(user, await signIn(t.app, user));
  for (const name of Object.keys(KEYS)) await issueKey(name);
  const agencies = await as(t.app, sessions.get('secretariat.admin')!)('GET', '/api/v1/agencies');
  agencyCodes = (agencies.json().items as { code: string }[]).map((a) => a.code).slice(0, 20);
}, 60_000);
afterAll(() => t.close());

/** A new key for a machine principal (also when a generated request revoked the last one). */
async function issueKey(name: string): Promise<void> {
  const { agency, permissions } = KEYS[name]!;
  const { key } = await createApiKey(t.ctx, systemPrincipal(), {
    agency,
    name: `fuzz ${name}`,
    ...(permissions ? { permissions: [...permissions] } : {}),
  });
  apiKeys.set(name, key);
}

/** The public notices API is called by anyone, from anywhere: each call from an address of its own. */
const ANONYMOUS = 'anonymous';
let anonymousCalls = 0;

/** Sends as a user (session cookie and CSRF token), a machine (bearer API key) or anonymously. */
function sendAs(principal: string, method: string, url: string, body: unknown) {
  if (principal === ANONYMOUS) {
    const n = anonymousCalls++;
    return t.app.inject({
      method: method.toUpperCase() as 'GET',
      url,
      remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    });
  }
  const key = apiKeys.get(principal);
  const send = key ? withKey(t.app, key) : as(t.app, sessions.get(principal)!);
  return send(method.toUpperCase() as 'GET', url, method === 'get' ? undefined : (body ?? {}));
}

/** A new key or session for a principal that lost its own; false if it cannot get one. */
async function renew(principal: string): Promise<boolean> {
  if (apiKeys.has(principal)) {
    await issueKey(principal);
    return true;
  }
  const session = await signIn(t.app, principal).catch(() => null);
  if (session) sessions.set(principal, session);
  return session !== null;
}

const COUNTRIES = ['KE', 'FR', 'BR', 'SG', 'US', 'DE'];
function hints(property: string): string[] | undefined {
  if (/^(to|from|agency|agencies|owner|mailbox|members|parentCode|code)$/.test(property)) return agencyCodes;
  if (/countr|nationalit|issuingCountry/i.test(property)) return COUNTRIES;
  return undefined;
}

const options = { knownIds: () => knownIds, hints };

/**
 * Bodies whose open-ended part is described by a schema per variant (a record's `data` by its
 * `kind`: RecordData-person…; an urgent request's `form` by its `type`: UrgentForm-…) get
 * that part from the variant's schema, or they would never get past its validation.
 */
const VARIANTS: [discriminator: string, part: string, prefix: string][] = [
  ['kind', 'data', 'RecordData-'],
  ['type', 'form', 'UrgentForm-'],
];
/** Realistic bodies where a schema cannot say enough (check digits, checksums): the demo data. */
const EXAMPLES: Record<string, fc.Arbitrary<unknown>> = {
  'post /api/v1/records': fc.nat(10_000).map((n) => demoRecord('KE', n)),
};

function bodyArbitrary(schema: JsonSchema, clean: boolean, operation: string): fc.Arbitrary<unknown> {
  const example = EXAMPLES[operation];
  if (example && clean) return example;
  const inlined = inlineRefs(schema, document);
  const components =
    (document as { components?: { schemas?: Record<string, JsonSchema> } }).components?.schemas ?? {};
  for (const [discriminator, part, prefix] of VARIANTS) {
    const values = inlined.properties?.[discriminator]?.enum as string[] | undefined;
    if (!values || !inlined.properties?.[part]) continue;
    return fc.constantFrom(...values).chain((value) => {
      const variant = components[`${prefix}${value}`];
      return schemaArbitrary(
        {
          ...inlined,
          required: [...new Set([...(inlined.required ?? []), part])],
          properties: {
            ...inlined.properties,
            [discriminator]: { const: value },
            ...(variant ? { [part]: inlineRefs(variant, document) } : {}),
          },
        },
        { ...options, clean },
      );
    });
  }
  return schemaArbitrary(inlined, { ...options, clean });
}
let seed = SEED * 1_000_003;
const sample = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, { seed: seed++, numRuns: 1 })[0]!;

/** Percent-encodes a path segment; a lone surrogate cannot be, so it goes as its raw bytes. */
function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function request(method: string, path: string, operation: Operation, clean: boolean) {
  const parameters = inlineRefs(operation.parameters ?? [], document);
  let url = path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    const hinted = hints(name) ?? (/code|country/i.test(name) ? agencyCodes : []);
    const real = [...hinted, ...knownIds];
    const value = sample(
      real.length > 0
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...real) },
            schemaArbitrary(parameter?.schema, { ...options, clean }),
          )
        : schemaArbitrary(parameter?.schema, { ...options, clean }),
    );
    return segment(String(value ?? ''));
  });
  const query = new URLSearchParams();
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    const value = sample(
      fc.option(schemaArbitrary(parameter.schema, { ...options, clean }, 0, parameter.name)),
    );
    if (value !== null && value !== undefined)
      query.set(parameter.name, Array.isArray(value) ? value.join(',') : String(value));
  }
  if ([...query].length > 0) url += `?${query}`;
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const body = schema ? sample(bodyArbitrary(schema, clean, `${method} ${path}`)) : undefined;
  return { url, body };
}

/** Remembers ids from answers, so later requests can name objects that exist. */
function learn(payload: unknown): void {
  if (!payload || typeof payload !== 'object') return;
  const p = payload as {
    id?: unknown;
    items?: { id?: unknown }[];
    _embedded?: { notices?: { entity_id?: unknown }[]; images?: { picture_id?: unknown }[] };
  };
  // The public notices API names extracts (2026-10001) and pictures by ids of its own.
  const extracts = [
    ...(p._embedded?.notices ?? []).map((n) => n?.entity_id),
    ...(p._embedded?.images ?? []).map((i) => i?.picture_id),
  ];
  for (const id of [p.id, ...(Array.isArray(p.items) ? p.items.map((i) => i?.id) : []), ...extracts]) {
    if (typeof id === 'string' && knownIds.length < 300 && !knownIds.includes(id)) knownIds.push(id);
  }
}

/** A validation problem names each field it refuses, as a pointer into a part of the request. */
function namesItsFields(problem: { type?: string; errors?: { field?: unknown }[] }): boolean {
  if (problem.type !== 'urn:concord:problem:validation') return true;
  const errors = problem.errors ?? [];
  return (
    errors.length > 0 &&
    errors.every((e) => typeof e.field === 'string' && /^\/(body|query|path|headers)(\/|$)/.test(e.field))
  );
}

describe('the whole API under generated requests', () => {
  it('never answers 5xx, and refuses only with problem+json naming the field', async () => {
    const failures: string[] = [];
    let requests = 0;
    let accepted = 0;
    const call = async (user: string, method: string, path: string, operation: Operation, clean: boolean) => {
      const { url, body } = request(method, path, operation, clean);
      const send = () => sendAs(user, method, url, body);
      const logFrom = errorLog.length;
      await t.ctx.audit.flush();
      const audited = t.ctx.audit.entries;
      let response = await send();
      // An earlier request may have ended the session (an administrator disabling the user)
      // or revoked the key.
      if (response.statusCode === 401 && (await renew(user))) response = await send();
      requests++;
      const refused = response.statusCode >= 400;
      const problem = String(response.headers['content-type']).startsWith('application/problem+json');
      if (
        response.statusCode >= 500 ||
        (refused && !problem) ||
        (problem && !namesItsFields(response.json()))
      ) {
        // What the server logged meanwhile: this request's error, or a failure it shared
        // (an audit batch, a pool) that carries no request id.
        const logged = errorLog.slice(logFrom).map((line) => line.slice(0, 2000));
        failures.push(
          `${method.toUpperCase()} ${url} as ${user} (FUZZ_SEED=${SEED}): ${response.statusCode} ` +
            `${response.body.slice(0, 300)}\n  body: ${JSON.stringify(body)?.slice(0, 500)}` +
            (logged.length > 0 ? `\n  server: ${logged.join('\n  ')}` : ''),
        );
      }
      if (!refused && !path.startsWith('/notices/v1/') && !UNAUDITED.has(`${method} ${path}`)) {
        await t.ctx.audit.flush();
        if (t.ctx.audit.entries === audited)
          failures.push(
            `${method.toUpperCase()} ${url} as ${user}: ${response.statusCode} with no audit entry`,
          );
      }
      if (!refused) {
        accepted++;
        if (String(response.headers['content-type']).startsWith('application/json')) learn(response.json());
      }
      return response.statusCode;
    };

    for (const [path, operations] of Object.entries(document.paths)) {
      // The public notices API is the most exposed of all: it is fuzzed too, anonymously.
      const publicApi = path.startsWith('/notices/v1/');
      if ((!path.startsWith('/api/') && !publicApi) || SKIPPED.test(path)) continue;
      for (const [method, operation] of Object.entries(operations)) {
        // Who may call it: the principals not refused outright on a first request.
        const allowed: string[] = [];
        for (const user of publicApi ? [ANONYMOUS] : PRINCIPALS) {
          const status = await call(user, method, path, operation, true);
          if (status !== 401 && status !== 403) allowed.push(user);
        }
        // Alternately clean requests (to reach the handlers' own logic) and hostile ones.
        // The public API has one caller, anonymous, where others have up to twelve: twice the rounds.
        for (let round = 0; round < (publicApi ? 2 * ROUNDS : ROUNDS); round++) {
          for (const user of allowed) await call(user, method, path, operation, round % 2 === 0);
        }
      }
    }
    expect(failures).toEqual([]);
    // A guard on the guard: if nearly everything were refused, the run would prove little.
    expect(requests).toBeGreaterThan(1000);
    expect(accepted / requests).toBeGreaterThan(0.05);
  }, 600_000);
});

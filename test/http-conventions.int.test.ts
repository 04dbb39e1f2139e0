import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from './helpers.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ CONCORD_BODY_LIMIT_BYTES: '4096' });
  admin = await signIn(t.app, 'ke.admin');
});
afterAll(() => t.close());

describe('bad input never reaches a 500', () => {
  it('malformed JSON is a 400 naming the body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "ke.officer", ',
    });
    const problem = expectProblem(response, 400, 'malformed-body');
    expect(problem.errors?.[0]?.field).toBe('/body');
  });

  it('a key named __proto__ is refused as such, not as invalid JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "ke.officer", "password": "x", "__proto__": {"isAdmin": true}}',
    });
    const problem = expectProblem(response, 400, 'malformed-body');
    expect(problem.detail).toMatch(/__proto__/);
    expect(problem.errors?.[0]?.field).toBe('/body');
  });

  it('wrong types are a 400 naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 12, password: ['x'] },
    });
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['/body/password', '/body/username']);
  });

  it('missing fields are named', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x' },
    });
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors).toEqual([{ field: '/body/password', message: 'is required' }]);
  });

  it('unknown fields are refused, not dropped', async () => {
    const response = await as(t.app, admin)('POST', '/api/v1/users', {
      username: 'ke.newbie',
      displayName: 'New',
      roles: ['officer'],
      password: 'a-long-enough-passphrase',
      isAdmin: true,
    });
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors).toEqual([{ field: '/body/isAdmin', message: 'is not a known field' }]);
    const list = await as(t.app, admin)('GET', '/api/v1/users?q=newbie');
    expect(list.json().items).toHaveLength(0);
  });

  it('bad enum values list the allowed ones', async () => {
    const response = await as(t.app, admin)('POST', '/api/v1/users', {
      username: 'ke.newbie',
      displayName: 'New',
      roles: ['emperor'],
      password: 'a-long-enough-passphrase',
    });
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors?.[0]?.field).toBe('/body/roles/0');
    expect(problem.errors?.[0]?.message).toContain('officer');
  });

  it('a list with the same item twice says which, in words', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    const response = await as(t.app, officer)('POST', '/api/v1/records', {
      kind: 'person',
      data: { names: [{ full: 'Amina Yusuf' }], status: 'wanted', nationalities: ['FR', 'KE', 'FR'] },
    });
    expect(expectProblem(response, 400, 'validation').errors).toEqual([
      { field: '/body/data/nationalities', message: 'has the same item twice (items 0 and 2)' },
    ]);
  });

  it('a value from a fixed set says which values it takes', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    const response = await as(t.app, officer)('POST', '/api/v1/urgent-requests', {
      type: 'preservation',
      to: 'FR',
      form: {
        requestingAuthority: 'DCI Kenya',
        offence: 'Ransomware',
        summary: 'Encrypted hospital records',
        dataToPreserve: 'Subscriber data',
        relationToOffence: 'Used the server',
        custodian: 'OVH',
        necessity: 'Logs rotate in 7 days',
        mlaToFollow: 'maybe',
      },
    });
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors?.find((e) => e.field.endsWith('/mlaToFollow'))?.message).toBe(
      'must be one of: yes, no',
    );
  });

  it('bad query parameters are named', async () => {
    const response = await as(t.app, admin)('GET', '/api/v1/agencies?limit=abc');
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors?.[0]?.field).toBe('/query/limit');
    const unknown = await as(t.app, admin)('GET', '/api/v1/agencies?colour=red');
    expect(expectProblem(unknown, 400, 'validation').errors?.[0]?.field).toBe('/query/colour');
  });

  it('bad path parameters are named', async () => {
    const response = await as(t.app, admin)('GET', '/api/v1/users/not-a-uuid');
    expect(expectProblem(response, 400, 'validation').errors?.[0]?.field).toBe('/path/id');
    // The urn: form of a UUID is not an id PostgreSQL takes: refused at the edge, not a 500.
    const urn = await as(t.app, admin)('GET', '/api/v1/users/urn:uuid:0190a6c4-8f5e-7000-8000-00000000dead');
    expect(expectProblem(urn, 400, 'validation').errors?.[0]?.field).toBe('/path/id');
  });

  it('oversized bodies are a 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ke.officer', password: 'x'.repeat(10_000) },
    });
    expectProblem(response, 413, 'body-too-large');
    // A route with a limit of its own names that one: a border system sizes its batches by it.
    const batch = await as(t.app, admin)('POST', '/api/v1/search/identifiers', {
      queries: [{ scheme: 'document', value: 'x'.repeat(4_500_000) }],
    });
    expect(expectProblem(batch, 413, 'body-too-large').detail).toBe(
      `The body exceeds the limit of ${4 * 1024 * 1024} bytes.`,
    );
  });

  it('wrong content types are a 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=ke.officer',
    });
    expectProblem(response, 415, 'unsupported-media-type');
    // A binary upload's 415 names the types it takes, not JSON.
    const chunk = await as(t.app, await signIn(t.app, 'ke.officer'))(
      'PUT',
      '/api/v1/attachments/01900000-0000-7000-8000-000000000001/chunks/0',
      'bytes',
      { 'content-type': 'text/plain' },
    );
    expect(expectProblem(chunk, 415, 'unsupported-media-type').detail).toBe(
      'Send application/octet-stream or application/jose.',
    );
  });

  it('a lone surrogate in a string is a 400 naming the field, and other requests are unharmed', async () => {
    // "\ud800" is valid JSON but not Unicode text: no column, jsonb or audit hash takes it.
    // It once failed the sign-in with a 500 and every audit entry batched with it.
    const bad = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "ke.\\ud800officer", "password": "not the password"}',
      });
    const good = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody.here', password: 'not the password' },
      });
    const [refused, ...others] = await Promise.all([bad(), good(), good()]);
    const problem = expectProblem(refused!, 400, 'validation');
    expect(problem.errors?.[0]?.field).toBe('/body/username');
    for (const other of others) expectProblem(other, 401, 'invalid-credentials');
    // A well-formed pair written as escapes is text like any other.
    const paired = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "ke.\\ud83d\\ude00", "password": "not the password"}',
    });
    expectProblem(paired, 401, 'invalid-credentials');
  });

  it('a NUL character in a body or a query parameter is a 400 naming the field', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/search/identifiers',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json' },
      payload: '{"queries": [{"scheme": "email", "value": "a\\u0000@example.org"}]}',
    });
    expect(expectProblem(body, 400, 'validation').errors?.[0]?.field).toBe('/body/queries/0/value');
    const query = await as(t.app, officer)('GET', '/api/v1/search?q=AB%00123');
    expect(expectProblem(query, 400, 'validation').errors?.[0]?.field).toBe('/query/q');
    const fine = await as(t.app, officer)('GET', '/api/v1/search?q=AB%20123');
    expect(fine.statusCode).toBe(200);
  });

  it('a path the router refuses (not UTF-8, or a parameter too long) is a problem too', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    const broken = await as(t.app, officer)('GET', '/api/v1/records/%ED%A0%80');
    expect(expectProblem(broken, 400, 'validation').errors?.[0]?.field).toBe('/path');
    const long = await as(t.app, officer)('DELETE', `/api/v1/records/${'a'.repeat(500)}`);
    expect(expectProblem(long, 414, 'uri-too-long').errors?.[0]?.field).toBe('/path');
    expect(long.headers['x-request-id']).toBeTruthy();
  });

  it('a date-time JavaScript cannot hold (a leap second, 30 February) is a 400 naming the field', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    for (const at of ['2030-06-30T23:59:60Z', '2030-02-30T10:00:00Z']) {
      const key = await as(t.app, admin)('POST', '/api/v1/api-keys', { name: 'x', expiresAt: at });
      expect(expectProblem(key, 400, 'validation').errors?.map((e) => e.field)).toEqual(['/body/expiresAt']);
      const record = await as(t.app, officer)('POST', '/api/v1/records', {
        kind: 'vehicle',
        data: { vin: 'WVWZZZ1JZXW000001' },
        reviewAt: at,
      });
      expect(expectProblem(record, 400, 'validation').errors?.map((e) => e.field)).toEqual([
        '/body/reviewAt',
      ]);
      const inbox = await as(t.app, officer)('GET', `/api/v1/messages?since=${at}`);
      expect(expectProblem(inbox, 400, 'validation').errors?.map((e) => e.field)).toEqual(['/query/since']);
    }
  });

  it('unknown routes are a problem+json 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expectProblem(response, 404, 'not-found');
  });
});

describe('request ids and headers', () => {
  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const echoed = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'border-gw-42' },
    });
    expect(echoed.headers['x-request-id']).toBe('border-gw-42');
    const made = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers; no HSTS without TLS', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('API answers are not cached', async () => {
    const response = await as(t.app, admin)('GET', '/api/v1/me');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('operations endpoints', () => {
  it('healthz, readyz and metrics answer', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ database: 'ok', migrations: 'ok' });
    await t.app.inject({ method: 'GET', url: '/api/v1/agencies' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('concord_http_request_duration_seconds');
    // Every route's requests are timed, the API's too.
    expect(metrics.body).toMatch(
      /concord_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/agencies"/,
    );
    expect(metrics.body).toContain('concord_audit_entries_total');
  });

  it('metrics answer the monitoring networks only (by default this machine)', async () => {
    const from = (remoteAddress: string) => t.app.inject({ method: 'GET', url: '/metrics', remoteAddress });
    for (const inside of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
      expect((await from(inside)).statusCode, inside).toBe(200);
    for (const outside of ['203.0.113.5', '10.4.0.9', '2001:db8::5']) {
      const answer = await from(outside);
      expect(answer.statusCode, outside).toBe(404);
      expect(answer.body).not.toContain('concord_');
    }
    // Named networks; and behind a proxy trusted for every address, a client's own
    // X-Forwarded-For does not pass for a monitoring system's address.
    const named = await createTestApp({ CONCORD_METRICS_NETWORKS: '10.4.0.0/16', CONCORD_TRUST_PROXY: 'on' });
    try {
      const scrape = (remoteAddress: string, forwarded?: string) =>
        named.app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress,
          headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
        });
      expect((await scrape('10.4.0.9')).statusCode).toBe(200);
      expect((await scrape('10.9.0.1')).statusCode).toBe(404);
      expect((await scrape('10.4.0.9', '203.0.113.5')).statusCode).toBe(404);
      expect((await scrape('203.0.113.5', '10.4.0.9')).statusCode).toBe(404);
      // A client's own X-Forwarded-For naming a listed address, relayed by a listed proxy.
      expect((await scrape('10.4.0.9', '10.4.0.1, 203.0.113.5')).statusCode).toBe(404);
      expect((await scrape('10.4.0.9', '10.4.0.1')).statusCode).toBe(200);
    } finally {
      await named.close();
    }
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts per client address', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '203.0.113.9',
        payload: { username: `nobody${i}`, password: 'wrong-password-123' },
      });
      last = response.statusCode;
      if (last === 429) {
        expectProblem(response, 429, 'rate-limited');
        expect(response.headers['retry-after']).toBeDefined();
        break;
      }
    }
    expect(last).toBe(429);
  });
});

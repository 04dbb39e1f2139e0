import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  expectProblem,
  type Session,
  signIn,
  type TestApp,
  withKey,
} from '../../test/helpers.ts';
import { permissionsOf } from '../access/permissions.ts';
import { systemPrincipal } from '../access/principal.ts';
import { createApiKey } from './api-keys.ts';

let t: TestApp;
let keAdmin: Session;
beforeAll(async () => {
  t = await createTestApp();
  keAdmin = await signIn(t.app, 'ke.admin');
});
afterAll(() => t.close());

describe('API keys', () => {
  it('are shown once, stored hashed, and authenticate as the agency', async () => {
    const created = await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'border gateway' });
    expect(created.statusCode).toBe(201);
    const { id, key, apiKey } = created.json();
    expect(key).toMatch(/^concord_[\w-]{16}_[\w-]{43}$/);
    expect(apiKey.agency).toBe('KE');
    expect(apiKey.permissions.sort()).toEqual([...permissionsOf(['agency-admin'])].sort());
    const row = await t.ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // The secret is the last 43 characters: base64url may hold '_' itself, so splitting on
    // it once took a one-letter tail that the list happened to contain.
    const secret = key.slice(-43);
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = (await as(t.app, keAdmin)('GET', '/api/v1/api-keys')).json().items;
    expect(JSON.stringify(list)).not.toContain(secret);

    const me = await withKey(t.app, key)('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      principalType: 'api-key',
      apiKey: { id, name: 'border gateway' },
      agency: { code: 'KE' },
    });
    const used = (await as(t.app, keAdmin)('GET', '/api/v1/api-keys'))
      .json()
      .items.find((k: { id: string }) => k.id === id);
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('need no CSRF token (they are not cookies)', async () => {
    const { key } = (await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'case system' })).json();
    const response = await withKey(t.app, key)('POST', '/api/v1/api-keys', {
      name: 'child',
      permissions: ['self'],
    });
    expect(response.statusCode).toBe(201);
  });

  it('are limited to their permissions', async () => {
    const { key } = (
      await as(t.app, keAdmin)('POST', '/api/v1/api-keys', {
        name: 'read only',
        permissions: ['agencies:read'],
      })
    ).json();
    expect((await withKey(t.app, key)('GET', '/api/v1/agencies?limit=1')).statusCode).toBe(200);
    expectProblem(await withKey(t.app, key)('GET', '/api/v1/users'), 403, 'forbidden');
    expectProblem(
      await withKey(t.app, key)('POST', '/api/v1/api-keys', { name: 'escalate' }),
      403,
      'forbidden',
    );
  });

  it('cannot carry permissions their creator lacks', async () => {
    const response = await as(t.app, keAdmin)('POST', '/api/v1/api-keys', {
      name: 'too much',
      permissions: ['agencies:manage'],
    });
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.errors?.[0]?.field).toBe('/body/permissions');
  });

  it('carry only what a role of their agency may hold, whoever makes them', async () => {
    // The CLI acts as the system, which holds everything: a bureau's key still cannot review
    // notices or manage the network's agencies.
    const refused = createApiKey(t.ctx, systemPrincipal(), {
      agency: 'KE',
      name: 'too much',
      permissions: ['records:read', 'notices:review', 'agencies:manage'],
    });
    await expect(refused).rejects.toMatchObject({
      status: 400,
      extensions: {
        errors: [
          { field: '/body/permissions', message: expect.stringContaining('notices:review, agencies:manage') },
        ],
      },
    });
    // Left out, a system-made key gets what the agency may have, no more.
    const all = await createApiKey(t.ctx, systemPrincipal(), { agency: 'KE', name: 'all a bureau may' });
    expect(all.apiKey.permissions).not.toContain('notices:review');
    expect(all.apiKey.permissions).toContain('records:import');
    // A key made before this was checked is narrowed where it is used.
    await t.ctx.db
      .updateTable('api_keys')
      .set({ permissions: ['records:read', 'notices:review'] })
      .where('id', '=', all.id)
      .execute();
    expect((await withKey(t.app, all.key)('GET', '/api/v1/notices/statistics')).statusCode).toBe(403);
    expect(
      expectProblem(
        await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'nothing', permissions: [] }),
        400,
        'validation',
      ).errors?.[0]?.field,
    ).toBe('/body/permissions');
  });

  it('let an agency’s admin make the key its register imports with', async () => {
    const created = await as(t.app, keAdmin)('POST', '/api/v1/api-keys', {
      name: 'national register sync',
      permissions: ['records:import', 'records:write'],
    });
    expect(created.statusCode).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import',
      headers: { authorization: `Bearer ${created.json().key}`, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify({
        kind: 'travel-document',
        externalRef: 'REG-1',
        data: { number: 'AK9000001', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
      }),
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 1 });
  });

  it('never do more than their creator may do now: a demoted or disabled admin’s keys shrink', async () => {
    const made = await as(t.app, keAdmin)('POST', '/api/v1/users', {
      username: 'ke.leaving',
      displayName: 'Leaving admin',
      roles: ['agency-admin'],
      password: 'a perfectly fine passphrase',
    });
    expect(made.statusCode, made.body).toBe(201);
    const creator = made.json().id;
    const { key, id } = (
      await as(t.app, keAdmin)('POST', '/api/v1/api-keys', {
        name: 'made by the leaving admin',
        permissions: ['users:read', 'users:manage', 'records:read'],
      })
    ).json();
    // As if the leaving admin had made it (signing in would first need their MFA enrolment).
    await t.ctx.db.updateTable('api_keys').set({ created_by: creator }).where('id', '=', id).execute();
    t.clock.advance(6_000); // past the key cache
    const system = withKey(t.app, key);
    expect((await system('GET', '/api/v1/users')).statusCode).toBe(200);

    const listedKey = async () =>
      (await as(t.app, keAdmin)('GET', '/api/v1/api-keys'))
        .json()
        .items.find((k: { id: string }) => k.id === id);
    expect((await listedKey()).effectivePermissions).toEqual(['users:read', 'users:manage', 'records:read']);

    await as(t.app, keAdmin)('PATCH', `/api/v1/users/${creator}`, { roles: ['analyst'] });
    t.clock.advance(6_000);
    expectProblem(await system('GET', '/api/v1/users'), 403, 'forbidden');
    // The list shows what the key may do now, beside what it was given.
    expect(await listedKey()).toMatchObject({
      permissions: ['users:read', 'users:manage', 'records:read'],
      effectivePermissions: ['records:read'],
      createdBy: creator,
    });
    expect(
      (
        await system('POST', '/api/v1/search/identifiers', {
          queries: [{ scheme: 'ip', value: '192.0.2.1' }],
        })
      ).statusCode,
    ).toBe(200);

    await as(t.app, keAdmin)('PATCH', `/api/v1/users/${creator}`, { status: 'disabled' });
    t.clock.advance(6_000);
    expectProblem(
      await system('POST', '/api/v1/search/identifiers', { queries: [{ scheme: 'ip', value: '192.0.2.1' }] }),
      403,
      'forbidden',
    );
    expect((await listedKey()).effectivePermissions).toEqual([]);
  });

  it('expire', async () => {
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const { key, id } = (
      await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'short lived', expiresAt })
    ).json();
    expect((await withKey(t.app, key)('GET', '/api/v1/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(61);
    expectProblem(await withKey(t.app, key)('GET', '/api/v1/me'), 401, 'invalid-api-key');
    const listed = (await as(t.app, await signIn(t.app, 'ke.admin'))('GET', '/api/v1/api-keys')).json().items;
    expect(listed.find((k: { id: string }) => k.id === id).status).toBe('expired');
    const past = await as(t.app, await signIn(t.app, 'ke.admin'))('POST', '/api/v1/api-keys', {
      name: 'x',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(expectProblem(past, 400, 'validation').errors?.[0]?.field).toBe('/body/expiresAt');
  });

  it('are revoked at once', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    const { key, id } = (await as(t.app, admin)('POST', '/api/v1/api-keys', { name: 'to revoke' })).json();
    const revoked = await as(t.app, admin)('DELETE', `/api/v1/api-keys/${id}`);
    expect(revoked.json().status).toBe('revoked');
    expectProblem(await withKey(t.app, key)('GET', '/api/v1/me'), 401, 'invalid-api-key');
  });

  it('of another agency are invisible', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    const { id } = (await as(t.app, admin)('POST', '/api/v1/api-keys', { name: 'kenya only' })).json();
    const fr = await signIn(t.app, 'fr.admin');
    expectProblem(await as(t.app, fr)('DELETE', `/api/v1/api-keys/${id}`), 404, 'not-found');
    expectProblem(await as(t.app, fr)('GET', '/api/v1/api-keys?agency=KE'), 403, 'forbidden');
    expectProblem(
      await as(t.app, fr)('POST', '/api/v1/api-keys', { name: 'x', agency: 'KE' }),
      403,
      'forbidden',
    );
  });

  it('garbage keys are refused', async () => {
    for (const header of [
      'Bearer nonsense',
      'Bearer concord_aaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      'Basic abc',
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: header },
      });
      expectProblem(response, 401, 'invalid-api-key');
    }
  });
});

describe('a private partner’s administrator', () => {
  it('makes its people and the keys of its feed, with a partner’s permissions only', async () => {
    const partnerAdmin = await signIn(t.app, 'sentinel.admin');
    const made = await as(t.app, partnerAdmin)('POST', '/api/v1/api-keys', {
      name: 'indicator feed',
      permissions: ['records:read', 'records:write', 'records:import'],
    });
    expect(made.statusCode, made.body).toBe(201);
    // The feed's nightly file goes in through the key.
    const line = (value: string) =>
      JSON.stringify({
        kind: 'cyber-indicator',
        data: { type: 'domain', value },
        policy: { visibility: 'all', tlp: 'GREEN' },
      });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import',
      headers: { authorization: `Bearer ${made.json().key}`, 'content-type': 'application/x-ndjson' },
      payload: `${line('feed-one.example')}\n${line('feed-two.example')}\n`,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 2 });
    // Nothing of the network's: not messaging, not notices, not the audit log.
    expectProblem(
      await as(t.app, partnerAdmin)('POST', '/api/v1/api-keys', {
        name: 'x',
        permissions: ['messages:read'],
      }),
      400,
      'validation',
    );
    expectProblem(await as(t.app, partnerAdmin)('GET', '/api/v1/audit'), 403, 'forbidden');
    // Its own people, with a partner's roles; no one elsewhere.
    const user = (username: string, agency: string, roles: string[]) =>
      as(t.app, partnerAdmin)('POST', '/api/v1/users', {
        username,
        displayName: 'Feed analyst',
        agency,
        roles,
        password: 'a-long-enough-passphrase-2026',
      });
    expect((await user('sentinel.analyst2', 'PARTNER-SENTINEL', ['partner'])).statusCode).toBe(201);
    expectProblem(await user('sentinel.officer', 'PARTNER-SENTINEL', ['officer']), 400, 'validation');
    expectProblem(await user('ke.sneaky', 'KE', ['officer']), 403, 'forbidden');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signIn, type TestApp } from '../../test/helpers.ts';
import { memberCountries } from './agencies.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newUser = (username: string, extra: object = {}) => ({
  username,
  displayName: username,
  roles: ['officer'],
  password: 'a perfectly fine passphrase',
  ...extra,
});

describe('agencies', () => {
  it('one bureau per ISO 3166-1 country, plus the secretariat', async () => {
    const count = await t.ctx.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('kind', '=', 'bureau')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(memberCountries().length);
    expect(memberCountries().length).toBeGreaterThanOrEqual(249);
    const officer = await signIn(t.app, 'ke.officer');
    const ke = (await as(t.app, officer)('GET', '/api/v1/agencies/KE')).json();
    expect(ke).toMatchObject({ code: 'KE', kind: 'bureau', country: 'KE', status: 'active' });
    expect((await as(t.app, officer)('GET', '/api/v1/agencies/SECRETARIAT')).json().kind).toBe('secretariat');
  });

  it('search, filter and paginate', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    const units = (await as(t.app, officer)('GET', '/api/v1/agencies?parent=KE'))
      .json()
      .items.map((a: { code: string }) => a.code);
    expect(units).toEqual(['KE-BORDER', 'KE-CYBER', 'KE-MLA']);
    const found = (await as(t.app, officer)('GET', '/api/v1/agencies?q=kenya'))
      .json()
      .items.map((a: { code: string }) => a.code);
    expect(found).toContain('KE');
    const first = (await as(t.app, officer)('GET', '/api/v1/agencies?kind=bureau&limit=2')).json();
    const second = (
      await as(t.app, officer)(`GET`, `/api/v1/agencies?kind=bureau&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(first.items.map((a: { code: string }) => a.code)).toEqual(['AD', 'AE']);
    expect(second.items.map((a: { code: string }) => a.code)).toEqual(['AF', 'AG']);
  });

  it('bureau admins create units under their own bureau only', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    const created = await as(t.app, admin)('POST', '/api/v1/agencies', {
      code: 'KE-FININT',
      name: 'Financial intelligence',
      kind: 'unit',
      parentCode: 'KE',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'KE-FININT', country: 'KE', parentCode: 'KE' });
    expectProblem(
      await as(t.app, admin)('POST', '/api/v1/agencies', {
        code: 'FR-X',
        name: 'Not mine',
        kind: 'unit',
        parentCode: 'FR',
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await as(t.app, admin)('POST', '/api/v1/agencies', { code: 'ACME', name: 'Partner', kind: 'partner' }),
      403,
      'forbidden',
    );
    const badCode = await as(t.app, admin)('POST', '/api/v1/agencies', {
      code: 'CYBER2',
      name: 'Wrong code',
      kind: 'unit',
      parentCode: 'KE',
    });
    expect(expectProblem(badCode, 400, 'validation').errors?.[0]?.field).toBe('/body/code');
    const noBureau = await as(t.app, admin)('POST', '/api/v1/agencies', {
      code: 'KE-ORPHAN',
      name: 'No bureau given',
      kind: 'unit',
    });
    expect(expectProblem(noBureau, 400, 'validation').errors?.[0]?.field).toBe('/body/parentCode');
    expectProblem(
      await as(t.app, admin)('POST', '/api/v1/agencies', {
        code: 'KE-FININT',
        name: 'Again',
        kind: 'unit',
        parentCode: 'KE',
      }),
      409,
      'conflict',
    );
  });

  it('only network admins suspend agencies', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    expectProblem(
      await as(t.app, admin)('PATCH', '/api/v1/agencies/KE-CYBER', { status: 'suspended' }),
      403,
      'forbidden',
    );
    const network = await signIn(t.app, 'secretariat.admin');
    expect(
      (await as(t.app, network)('PATCH', '/api/v1/agencies/KE-CYBER', { status: 'suspended' })).json().status,
    ).toBe('suspended');
    expectProblem(
      await as(t.app, network)('PATCH', '/api/v1/agencies/SECRETARIAT', { status: 'suspended' }),
      409,
      'conflict',
    );
    await as(t.app, network)('PATCH', '/api/v1/agencies/KE-CYBER', { status: 'active' });
    const partner = await as(t.app, network)('POST', '/api/v1/agencies', {
      code: 'PARTNER-BANK',
      name: 'A bank',
      kind: 'partner',
    });
    expect(partner.statusCode).toBe(201);
  });
});

describe('users', () => {
  it('agency admins see and manage their own agency and its units only', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    const users = (await as(t.app, admin)('GET', '/api/v1/users?limit=500')).json().items as {
      agency: string;
      username: string;
    }[];
    expect(new Set(users.map((u) => u.agency.split('-')[0]))).toEqual(new Set(['KE']));
    expect(users.map((u) => u.username)).toContain('ke.cyber');
    const frOfficer = (
      await as(t.app, await signIn(t.app, 'secretariat.admin'))('GET', '/api/v1/users?q=fr.officer')
    ).json().items[0];
    expectProblem(await as(t.app, admin)('GET', `/api/v1/users/${frOfficer.id}`), 404, 'not-found');
    expectProblem(
      await as(t.app, admin)('PATCH', `/api/v1/users/${frOfficer.id}`, { status: 'disabled' }),
      404,
      'not-found',
    );
    expectProblem(
      await as(t.app, admin)('POST', '/api/v1/users', newUser('fr.sneaky', { agency: 'FR' })),
      403,
      'forbidden',
    );
    const inUnit = await as(t.app, admin)(
      'POST',
      '/api/v1/users',
      newUser('ke.cyber2', { agency: 'KE-CYBER' }),
    );
    expect(inUnit.statusCode).toBe(201);
  });

  it('officers cannot manage users', async () => {
    const officer = await signIn(t.app, 'ke.officer');
    expectProblem(await as(t.app, officer)('GET', '/api/v1/users'), 403, 'forbidden');
    expectProblem(await as(t.app, officer)('POST', '/api/v1/users', newUser('ke.x')), 403, 'forbidden');
  });

  it('roles cannot be escalated or misplaced', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    expectProblem(
      await as(t.app, admin)('POST', '/api/v1/users', newUser('ke.boss', { roles: ['network-admin'] })),
      400,
      'validation',
    );
    const network = await signIn(t.app, 'secretariat.admin');
    const partner = await as(t.app, network)(
      'POST',
      '/api/v1/users',
      newUser('ke.partner', { roles: ['partner'], agency: 'KE' }),
    );
    expect(expectProblem(partner, 400, 'validation').errors?.[0]?.field).toBe('/body/roles/0');
    const self = (await as(t.app, admin)('GET', '/api/v1/me')).json().user.id;
    expectProblem(
      await as(t.app, admin)('PATCH', `/api/v1/users/${self}`, { roles: ['officer'] }),
      409,
      'conflict',
    );
  });

  it('refuses weak and common passwords, naming the field', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    for (const password of [
      'short',
      'password1234',
      'qwertyuiop123',
      'aaaaaaaaaaaa',
      'abcdefghijklmnop',
      'ke.weakling2026',
    ]) {
      const response = await as(t.app, admin)('POST', '/api/v1/users', newUser('ke.weakling', { password }));
      const problem = expectProblem(response, 400, 'validation');
      expect(problem.errors?.[0]?.field, password).toBe('/body/password');
    }
  });

  it('duplicate usernames are a conflict', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    expectProblem(await as(t.app, admin)('POST', '/api/v1/users', newUser('ke.officer')), 409, 'conflict');
  });

  it('disabling a user ends their sessions and refuses sign-in', async () => {
    const admin = await signIn(t.app, 'sg.admin');
    const victim = await signIn(t.app, 'sg.officer');
    const id = (await as(t.app, victim)('GET', '/api/v1/me')).json().user.id;
    expect(
      (await as(t.app, admin)('PATCH', `/api/v1/users/${id}`, { status: 'disabled' })).json().status,
    ).toBe('disabled');
    expectProblem(await as(t.app, victim)('GET', '/api/v1/me'), 401, 'session-expired');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sg.officer', password: 'demo-password-for-tests' },
    });
    expectProblem(login, 403, 'account-disabled');
  });

  it('anyone may set their own language', async () => {
    const officer = await signIn(t.app, 'fr.officer');
    const response = await as(t.app, officer)('PATCH', '/api/v1/me', { locale: 'fr' });
    expect(response.json().locale).toBe('fr');
    expectProblem(await as(t.app, officer)('PATCH', '/api/v1/me', { locale: 'xx' }), 400, 'validation');
  });
});

describe('an administrator’s own account', () => {
  it('is not reset through the administration routes: not its second factor, not its password', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    const me = (await as(t.app, admin)('GET', '/api/v1/me')).json();
    const myId = me.user?.id ?? me.id;
    expectProblem(await as(t.app, admin)('POST', `/api/v1/users/${myId}/mfa/reset`), 403, 'forbidden');
    // Nor with the id spelt in capitals (the database finds the same account either way).
    expectProblem(
      await as(t.app, admin)('POST', `/api/v1/users/${myId.toUpperCase()}/mfa/reset`),
      403,
      'forbidden',
    );
    expectProblem(
      await as(t.app, admin)('PATCH', `/api/v1/users/${myId.toUpperCase()}`, { status: 'disabled' }),
      409,
      'conflict',
    );
    // Nor through an API key the administrator made: the key acts for them.
    const key = (
      await as(t.app, admin)('POST', '/api/v1/api-keys', {
        name: 'admin tools',
        permissions: ['users:manage', 'users:read'],
      })
    ).json().key as string;
    const byKey = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${myId}`,
      headers: { authorization: `Bearer ${key}` },
      payload: { status: 'disabled' },
    });
    expectProblem(byKey, 409, 'conflict');
    expect((await as(t.app, admin)('GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(
      await as(t.app, admin)('POST', `/api/v1/users/${myId}/password`, {
        password: 'a-new-long-passphrase-2026',
      }),
      403,
      'forbidden',
    );
    // Another account of the agency still is.
    const users = (await as(t.app, admin)('GET', '/api/v1/users?q=ke.officer')).json().items;
    const officer = users.find((u: { username: string }) => u.username === 'ke.officer');
    expect((await as(t.app, admin)('POST', `/api/v1/users/${officer.id}/mfa/reset`)).statusCode).toBe(200);
  });
});

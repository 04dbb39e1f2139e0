import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  as,
  createTestApp,
  DEMO_PASSWORD,
  expectProblem,
  sessionCookieOf,
  signIn,
  type TestApp,
  withKey,
} from '../../test/helpers.ts';
import { buildApp } from '../main.ts';
import { ATTEMPT_HOLD_MS, THROTTLE } from './login.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (body: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: body,
    remoteAddress: `198.51.100.${Math.floor(Math.random() * 250)}`,
  });

describe('sign-in', () => {
  it('returns user, agency, roles and a CSRF token, and sets a strict HttpOnly cookie', async () => {
    const response = await login({ username: 'ke.officer', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.username).toBe('ke.officer');
    expect(body.agency.code).toBe('KE');
    expect(body.roles).toEqual(['officer']);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.mfaEnrolmentRequired).toBe(false);
    const cookie = response.cookies.find((c) => c.name === 'concord_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/');
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const unknown = expectProblem(
      await login({ username: 'nobody.here', password: 'whatever-password' }),
      401,
      'invalid-credentials',
    );
    const wrong = expectProblem(
      await login({ username: 'fr.officer', password: 'whatever-password' }),
      401,
      'invalid-credentials',
    );
    expect({ ...unknown, instance: undefined }).toEqual({ ...wrong, instance: undefined });
  });

  it('usernames are case-insensitive', async () => {
    expect((await login({ username: ' KE.Analyst ', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('writes sign-ins, failures and sign-outs to the audit log', async () => {
    await login({ username: 'br.officer', password: 'not-the-password' });
    const session = await signIn(t.app, 'br.officer');
    await as(t.app, session)('POST', '/api/v1/auth/logout');
    await t.ctx.audit.flush();
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'principal_name'])
      .where('principal_name', '=', 'br.officer')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      'auth.login:failure',
      'auth.login:success',
      'auth.logout:success',
    ]);
  });
});

describe('throttling and lockout', () => {
  it('slows down, then locks, the same way for real and unknown names', async () => {
    for (const username of ['sg.analyst', 'ghost.user']) {
      const statuses: number[] = [];
      for (let i = 0; i < THROTTLE.lockAfter; i++) {
        const response = await login({ username, password: `wrong-password-${i}` });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) {
          expectProblem(response, 429, 'too-many-attempts');
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
          t.clock.advance(Number(response.headers['retry-after']) * 1000);
          i--; // a throttled attempt is not a counted failure: try again after waiting
          continue;
        }
        expectProblem(response, 401, 'invalid-credentials');
        t.clock.advance(10);
      }
      expect(statuses).toContain(429); // it slowed down before locking
      // Locked now: even the right password is refused, for 30 minutes.
      const locked = await login({
        username,
        password: username === 'sg.analyst' ? DEMO_PASSWORD : 'x'.repeat(12),
      });
      expectProblem(locked, 429, 'too-many-attempts');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(25 * 60);
    }
    t.clock.advanceMinutes(31);
    expect((await login({ username: 'sg.analyst', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('a success clears the count', async () => {
    await login({ username: 'us.analyst', password: 'wrong-password-1' });
    await login({ username: 'us.analyst', password: 'wrong-password-2' });
    expect((await login({ username: 'us.analyst', password: DEMO_PASSWORD })).statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('username_key', '=', 'us.analyst')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('checks one attempt per username at a time across server processes', async () => {
    const username = 'ke.auditor';
    // Another process is checking an attempt for this name: it holds the throttle row.
    await t.ctx.db
      .insertInto('login_throttle')
      .values({
        username_key: username,
        failures: 0,
        last_failure_at: t.clock.now(),
        locked_until: null,
        attempt_until: new Date(t.clock.now().getTime() + ATTEMPT_HOLD_MS),
      })
      .execute();
    const sessionsOf = () =>
      t.ctx.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.id')
        .where('users.username', '=', username)
        .execute();
    const refused = await login({ username: 'KE.Auditor', password: DEMO_PASSWORD });
    expectProblem(refused, 429, 'too-many-attempts');
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().detail).toMatch(/being checked/);
    expect(await sessionsOf()).toEqual([]);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('principal_name', '=', username)
      .where('action', '=', 'auth.login')
      .execute();
    expect(audited).toContainEqual({
      outcome: 'denied',
      details: { reason: 'attempt-in-progress', clientAddress: expect.any(String) },
    });

    // That process died mid-attempt: its hold lapses.
    t.clock.advance(ATTEMPT_HOLD_MS + 1);
    expectProblem(await login({ username, password: 'wrong-password-1' }), 401, 'invalid-credentials');
    // An attempt lets go when it ends, failed or not: the next one is checked at once.
    expect(
      await t.ctx.db
        .selectFrom('login_throttle')
        .select(['failures', 'attempt_until'])
        .where('username_key', '=', username)
        .executeTakeFirstOrThrow(),
    ).toEqual({ failures: 1, attempt_until: null });
    expect((await login({ username, password: DEMO_PASSWORD })).statusCode).toBe(200);
    expect(await sessionsOf()).toHaveLength(1);
  });
});

describe('the per-address limit', () => {
  it('counts an address’s sign-ins across the server processes sharing the database', async () => {
    // A second server process on the same database (CONCORD_WORKERS, or another machine).
    const other = await buildApp(t.ctx);
    try {
      const from = (app: typeof other, i: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          // A password sprayed over many usernames: no one name's throttle is reached.
          payload: { username: `sprayed.${i}`, password: 'Winter2026!Winter' },
          remoteAddress: '203.0.113.77',
        });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await from(i % 2 === 0 ? t.app : other, i)).statusCode);
      expect(statuses).toEqual(Array(20).fill(401));
      // Ten through each process: counted in each one's memory, both would still take more.
      const refused = await from(other, 20);
      expectProblem(refused, 429, 'rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await from(t.app, 21), 429, 'rate-limited');
      // A flood refused goes on being refused by each process's own count, without a write
      // per request: the database sees at most the limit from each process.
      for (let i = 100; i < 140; i++) expectProblem(await from(t.app, i), 429, 'rate-limited');
      const counted = await t.ctx.db
        .selectFrom('rate_limit_windows')
        .select(sql<number>`max(hits)`.as('hits'))
        .executeTakeFirstOrThrow();
      expect(counted.hits).toBeLessThanOrEqual(2 * 20);
      // Another address is not held back; the window ends after a minute.
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'sprayed.22', password: 'Winter2026!Winter' },
            remoteAddress: '203.0.113.78',
          })
        ).statusCode,
      ).toBe(401);
      t.clock.advance(61_000);
      expect((await from(other, 23)).statusCode).toBe(401);
      // The table holds digests, not addresses.
      const keys = await t.ctx.db.selectFrom('rate_limit_windows').select('key').execute();
      expect(keys.length).toBeGreaterThan(0);
      expect(JSON.stringify(keys)).not.toContain('203.0.113');
    } finally {
      await other.close();
    }
  });
});

describe('sessions', () => {
  it('expire after 30 idle minutes', async () => {
    const session = await signIn(t.app, 'fr.analyst');
    t.clock.advanceMinutes(29);
    expect((await as(t.app, session)('GET', '/api/v1/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29); // active 29 minutes ago: still alive
    expect((await as(t.app, session)('GET', '/api/v1/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    expectProblem(await as(t.app, session)('GET', '/api/v1/me'), 401, 'session-expired');
  });

  it('are not kept alive by the reads a screen makes on its own', async () => {
    const session = await signIn(t.app, 'fr.officer');
    const background = () =>
      as(t.app, session)('GET', '/api/v1/me', undefined, { 'x-concord-background': '1' });
    // A tab left open: its lists refresh as events come, every few minutes, for an hour.
    for (let minute = 5; minute < 30; minute += 5) {
      t.clock.advanceMinutes(5);
      expect((await background()).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(6);
    expectProblem(await background(), 401, 'session-expired');
    // A write is the user's, header or not.
    const other = await signIn(t.app, 'fr.officer');
    t.clock.advanceMinutes(20);
    await as(t.app, other)('PATCH', '/api/v1/me', { locale: 'fr' }, { 'x-concord-background': '1' });
    t.clock.advanceMinutes(20);
    expect((await as(t.app, other)('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('expire 12 hours after sign-in however active', async () => {
    const session = await signIn(t.app, 'fr.supervisor');
    for (let i = 0; i < 24; i++) {
      t.clock.advanceMinutes(25);
      expect((await as(t.app, session)('GET', '/api/v1/me')).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(125); // 12 h 5 min after sign-in, touched 25 min ago... then idle
    expectProblem(await as(t.app, session)('GET', '/api/v1/me'), 401, 'session-expired');
  });

  it('absolute expiry applies even to a session in constant use', async () => {
    const session = await signIn(t.app, 'br.analyst');
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      t.clock.advanceMinutes(20);
      await as(t.app, session)('GET', '/api/v1/me');
    }
    t.clock.advanceMinutes(1);
    expectProblem(await as(t.app, session)('GET', '/api/v1/me'), 401, 'session-expired');
  });

  it('sign out ends the session', async () => {
    const session = await signIn(t.app, 'ke.supervisor');
    expect((await as(t.app, session)('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await as(t.app, session)('GET', '/api/v1/me'), 401, 'session-expired');
  });

  it('lists my sessions and revokes one', async () => {
    const first = await signIn(t.app, 'sg.supervisor');
    const second = await signIn(t.app, 'sg.supervisor');
    const list = (await as(t.app, second)('GET', '/api/v1/sessions')).json().items;
    expect(list).toHaveLength(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.find((s: { current: boolean }) => !s.current);
    expect((await as(t.app, second)('DELETE', `/api/v1/sessions/${other.id}`)).statusCode).toBe(204);
    expectProblem(await as(t.app, first)('GET', '/api/v1/me'), 401, 'session-expired');
    // Someone else's session id is simply not found.
    const stranger = await signIn(t.app, 'us.supervisor');
    const mine = (await as(t.app, second)('GET', '/api/v1/sessions')).json().items[0];
    expectProblem(await as(t.app, stranger)('DELETE', `/api/v1/sessions/${mine.id}`), 404, 'not-found');
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated writes without the token', async () => {
    const session = await signIn(t.app, 'ke.admin');
    const payload = { name: 'gateway' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: session.cookie },
      payload,
    });
    expectProblem(without, 403, 'csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    expectProblem(wrong, 403, 'csrf');
    expect((await as(t.app, session)('POST', '/api/v1/api-keys', payload)).statusCode).toBe(201);
  });
});

describe('MFA', () => {
  it('the administrator must enrol before doing anything, then signs in with codes', async () => {
    const first = await login({ username: 'admin', password: ADMIN_PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json().mfaEnrolmentRequired).toBe(true);
    const session = { cookie: sessionCookieOf(first), csrf: first.json().csrfToken, body: first.json() };
    expectProblem(await as(t.app, session)('GET', '/api/v1/agencies'), 403, 'mfa-enrolment-required');
    expect((await as(t.app, session)('GET', '/api/v1/me')).json().mfaEnrolmentRequired).toBe(true);

    const enrol = await as(t.app, session)('POST', '/api/v1/auth/mfa/enrol');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri, qrCodeDataUrl } = enrol.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    // The seed is sealed at rest.
    const stored = await t.ctx.db
      .selectFrom('users')
      .select('mfa_secret')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(stored.mfa_secret).not.toContain(secret);

    const bad = await as(t.app, session)('POST', '/api/v1/auth/mfa/verify', { otp: '000000' });
    expect(bad.statusCode).toBe(400);
    const code = await totpCode(secret, t.clock.now());
    expect((await as(t.app, session)('POST', '/api/v1/auth/mfa/verify', { otp: code })).statusCode).toBe(204);
    expect((await as(t.app, session)('GET', '/api/v1/agencies')).statusCode).toBe(200);

    // Next sign-in needs a code; the one already used cannot be replayed.
    expectProblem(await login({ username: 'admin', password: ADMIN_PASSWORD }), 401, 'mfa-required');
    expectProblem(
      await login({ username: 'admin', password: ADMIN_PASSWORD, otp: code }),
      401,
      'invalid-otp',
    );
    t.clock.advance(30_000);
    const next = await login({
      username: 'admin',
      password: ADMIN_PASSWORD,
      otp: await totpCode(secret, t.clock.now()),
    });
    expect(next.statusCode).toBe(200);
    expect(next.json().mfaEnrolmentRequired).toBe(false);
    // Re-enrolment needs an administrator's reset first.
    const again = { cookie: sessionCookieOf(next), csrf: next.json().csrfToken, body: next.json() };
    expectProblem(await as(t.app, again)('POST', '/api/v1/auth/mfa/enrol'), 409, 'mfa-already-enabled');
  });

  it('a user created by an admin must enrol MFA; a reset makes them enrol again', async () => {
    const admin = await signIn(t.app, 'ke.admin');
    const created = await as(t.app, admin)('POST', '/api/v1/users', {
      username: 'ke.newofficer',
      displayName: 'New officer',
      roles: ['officer'],
      password: 'correct horse battery staple',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mfaRequired).toBe(true);
    const newbie = await signIn(t.app, 'ke.newofficer', 'correct horse battery staple');
    expect(newbie.body.mfaEnrolmentRequired).toBe(true);
    const { secret } = (await as(t.app, newbie)('POST', '/api/v1/auth/mfa/enrol')).json();
    await as(t.app, newbie)('POST', '/api/v1/auth/mfa/verify', {
      otp: await totpCode(secret, t.clock.now()),
    });
    const reset = await as(t.app, admin)('POST', `/api/v1/users/${created.json().id}/mfa/reset`);
    expect(reset.json().mfaEnabled).toBe(false);
    expectProblem(await as(t.app, newbie)('GET', '/api/v1/me'), 401, 'session-expired');
  });

  it('a signed-in session adds a first factor only with the current password, and the other sessions end', async () => {
    // From an address of their own: the file's other sign-ins use up the per-address limit.
    const signInAs = async (username: string, remoteAddress: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { username, password: DEMO_PASSWORD },
      });
      expect(response.statusCode, response.body).toBe(200);
      return { cookie: sessionCookieOf(response), csrf: response.json().csrfToken, body: response.json() };
    };
    const from = (remoteAddress: string) => signInAs('sg.officer', remoteAddress);
    const other = await from('198.51.100.21');
    const session = await from('198.51.100.22');
    // A stolen session alone cannot attach its own authenticator and lock the owner out.
    const bare = await as(t.app, session)('POST', '/api/v1/auth/mfa/enrol');
    expect(expectProblem(bare, 400, 'validation').errors?.[0]?.field).toBe('/body/currentPassword');
    const wrong = await as(t.app, session)('POST', '/api/v1/auth/mfa/enrol', { currentPassword: 'not-it' });
    expect(expectProblem(wrong, 400, 'validation').errors?.[0]?.message).toBe('wrong password');
    const enrol = await as(t.app, session)('POST', '/api/v1/auth/mfa/enrol', {
      currentPassword: DEMO_PASSWORD,
    });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const otp = await totpCode(enrol.json().secret, t.clock.now());
    expect((await as(t.app, session)('POST', '/api/v1/auth/mfa/verify', { otp })).statusCode).toBe(204);
    expect((await as(t.app, session)('GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await as(t.app, other)('GET', '/api/v1/me'), 401, 'session-expired');
    // Guessing a password through enrolment is slowed like a password change.
    const guesser = await signInAs('us.analyst', '198.51.100.23');
    const guess = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/mfa/enrol',
        remoteAddress: '198.51.100.23',
        headers: { cookie: guesser.cookie, 'x-csrf-token': guesser.csrf },
        payload: { currentPassword: 'guess-guess-guess' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await guess()).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('password change', () => {
  it('checks the current password and the new one against the policy', async () => {
    const session = await signIn(t.app, 'us.officer');
    const wrong = await as(t.app, session)('POST', '/api/v1/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a brand new passphrase',
    });
    expect(expectProblem(wrong, 400, 'validation').errors?.[0]?.field).toBe('/body/currentPassword');
    const weak = await as(t.app, session)('POST', '/api/v1/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'password1234',
    });
    expect(expectProblem(weak, 400, 'validation').errors?.[0]?.field).toBe('/body/newPassword');
    const ok = await as(t.app, session)('POST', '/api/v1/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(ok.statusCode).toBe(204);
    expect((await login({ username: 'us.officer', password: 'a brand new passphrase' })).statusCode).toBe(
      200,
    );
  });
});

describe('suspended agencies', () => {
  it('refuse their principals, including live sessions', async () => {
    const officer = await signIn(t.app, 'br.supervisor');
    const networkAdmin = await signIn(t.app, 'secretariat.admin');
    const suspend = await as(t.app, networkAdmin)('PATCH', '/api/v1/agencies/BR', { status: 'suspended' });
    expect(suspend.json().status).toBe('suspended');
    expectProblem(await as(t.app, officer)('GET', '/api/v1/me'), 403, 'agency-suspended');
    expectProblem(await login({ username: 'br.admin', password: DEMO_PASSWORD }), 403, 'agency-suspended');
    await as(t.app, networkAdmin)('PATCH', '/api/v1/agencies/BR', { status: 'active' });
    expect((await as(t.app, officer)('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('take their units with them: a unit acts for its bureau', async () => {
    const unit = await signIn(t.app, 'ke.cyber');
    const keAdmin = await signIn(t.app, 'ke.admin');
    const { key } = (
      await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'unit system', agency: 'KE-CYBER' })
    ).json();
    expect((await withKey(t.app, key)('GET', '/api/v1/me')).statusCode).toBe(200);
    const networkAdmin = await signIn(t.app, 'secretariat.admin');
    await as(t.app, networkAdmin)('PATCH', '/api/v1/agencies/KE', { status: 'suspended' });
    expectProblem(await as(t.app, unit)('GET', '/api/v1/me'), 403, 'agency-suspended');
    expectProblem(await withKey(t.app, key)('GET', '/api/v1/me'), 403, 'agency-suspended');
    expectProblem(await login({ username: 'ke.cyber', password: DEMO_PASSWORD }), 403, 'agency-suspended');
    await as(t.app, networkAdmin)('PATCH', '/api/v1/agencies/KE', { status: 'active' });
    expect((await as(t.app, unit)('GET', '/api/v1/me')).statusCode).toBe(200);
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/identity/totp.ts';
import { claimUploads, purgeStaleUploads } from '../src/messaging/attachments.ts';
import { portraitPng } from '../src/notices/portrait.ts';
import { personRecord, RED_CHECKLIST, redData } from '../src/notices/test-support.ts';
import {
  ADMIN_PASSWORD,
  as,
  createTestApp,
  type Session,
  sessionCookieOf,
  signIn,
  type TestApp,
} from './helpers.ts';

/**
 * The same change sent several times at once — two officers on one record, a double click,
 * a national system retrying before its first request was answered. Every answer must be a
 * success or a 4xx (409 for the ones that lost), never a 5xx, and the state afterwards must be
 * what one of them alone would have left: one acknowledgement, one decision, one user of a
 * name, a version per accepted change. On PostgreSQL these requests really run side by side.
 */

let t: TestApp;
const s: Record<string, Session> = {};
/** The server's error lines: a 5xx in a report says what threw. */
const errorLog: string[] = [];
const TIMES = 6;

beforeAll(async () => {
  t = await createTestApp(
    { LOG_LEVEL: 'error' },
    { logDestination: { write: (line: string) => void errorLog.push(line) } },
  );
  for (const user of [
    'ke.officer',
    'ke.admin',
    'fr.officer',
    'fr.admin',
    'secretariat.admin',
    'secretariat.reviewer',
  ])
    s[user] = await signIn(t.app, user);
}, 60_000);
afterAll(() => t.close());

const call = (user: string) => as(t.app, s[user]!);

/** Sends the request TIMES at once; returns the answers, having checked none is a 5xx. */
async function race(make: (i: number) => Promise<LightMyRequestResponse>) {
  const logFrom = errorLog.length;
  const answers = await Promise.all(Array.from({ length: TIMES }, (_, i) => make(i)));
  const statuses = answers.map((a) => a.statusCode);
  const broken = answers.filter((a) => a.statusCode >= 500);
  expect(
    broken.length === 0
      ? []
      : [
          ...broken.map((a) => `${a.statusCode} ${a.body.slice(0, 200)}`),
          ...errorLog.slice(logFrom).map((l) => l.slice(0, 1200)),
        ],
  ).toEqual([]);
  for (const a of answers)
    if (a.statusCode >= 400) expect(String(a.headers['content-type'])).toContain('application/problem+json');
  return { answers, statuses, ok: answers.filter((a) => a.statusCode < 300) };
}

const passport = (number: string) => ({
  kind: 'travel-document',
  data: { number, type: 'passport', issuingCountry: 'KE', status: 'stolen' },
});

describe('the same change sent several times at once', () => {
  it('corrections of one record each make a version; deletions delete once', async () => {
    const id = (await call('ke.officer')('POST', '/api/v1/records', passport('RC0000001'))).json().id;
    const { ok } = await race((i) =>
      call('ke.officer')('PATCH', `/api/v1/records/${id}`, {
        data: {
          number: 'RC0000001',
          type: 'passport',
          issuingCountry: 'KE',
          status: i % 2 ? 'lost' : 'stolen',
        },
      }),
    );
    const history = (await call('ke.officer')('GET', `/api/v1/records/${id}/history`)).json().items;
    expect(history.map((h: { version: number }) => h.version).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: ok.length + 1 }, (_, i) => i + 1),
    );
    const deleted = await race(() => call('ke.officer')('DELETE', `/api/v1/records/${id}?reason=duplicate`));
    expect(deleted.ok).toHaveLength(1);
  });

  it('a user name, an agency code, a group code and an API key name are each taken once', async () => {
    const users = await race(() =>
      call('ke.admin')('POST', '/api/v1/users', {
        username: 'ke.twice',
        displayName: 'Twice',
        roles: ['officer'],
        password: 'a-long-enough-password-1',
      }),
    );
    expect(users.ok).toHaveLength(1);
    expect(users.statuses.filter((c) => c !== 201).every((c) => c === 409)).toBe(true);
    const agencies = await race(() =>
      call('secretariat.admin')('POST', '/api/v1/agencies', {
        code: 'ACMETWICE',
        name: 'Partner',
        kind: 'partner',
      }),
    );
    expect(agencies.ok).toHaveLength(1);
    const groups = await race(() =>
      call('ke.officer')('POST', '/api/v1/message-groups', {
        code: 'KE-TWICE',
        name: 'Twice',
        members: ['FR'],
      }),
    );
    expect(groups.ok).toHaveLength(1);
  });

  it('an urgent request is acknowledged once, and executed once', async () => {
    const request = (
      await call('ke.officer')('POST', '/api/v1/urgent-requests', {
        type: 'technical-advice',
        to: 'FR',
        form: { requestingAuthority: 'DCI Nairobi', topic: 'Ledgers', question: 'How to read a ledger?' },
      })
    ).json();
    const acks = await race(() =>
      call('fr.officer')('POST', `/api/v1/urgent-requests/${request.id}/acknowledge`, {}),
    );
    expect(acks.ok).toHaveLength(1);
    const done = await race(() =>
      call('fr.officer')('POST', `/api/v1/urgent-requests/${request.id}/execute`, {
        note: 'Answered by phone.',
      }),
    );
    expect(done.ok).toHaveLength(1);
    const timeline = (await call('ke.officer')('GET', `/api/v1/urgent-requests/${request.id}`)).json()
      .timeline;
    expect(timeline.filter((e: { action: string }) => e.action === 'acknowledge')).toHaveLength(1);
    expect(timeline.filter((e: { action: string }) => e.action === 'execute')).toHaveLength(1);
  });

  it('a preservation is executed once and renewed once per click, however many arrive at once', async () => {
    const request = (
      await call('ke.officer')('POST', '/api/v1/urgent-requests', {
        type: 'preservation',
        to: 'FR',
        form: {
          requestingAuthority: 'DCI Nairobi',
          offence: 'Fraud',
          summary: 'Investment fraud through a hosted platform.',
          dataToPreserve: 'Account records and logs of the platform',
          relationToOffence: 'The platform took the deposits',
          custodian: 'Hosting company in Lyon',
          necessity: 'Logs are deleted after 30 days',
          mlaToFollow: 'yes',
        },
      })
    ).json();
    expect(request.id).toBeTruthy();
    const fr = call('fr.officer');
    expect((await fr('POST', `/api/v1/urgent-requests/${request.id}/acknowledge`, {})).statusCode).toBe(200);
    expect(
      (await fr('POST', `/api/v1/urgent-requests/${request.id}/execute`, { note: 'Preserved.' })).statusCode,
    ).toBe(200);
    const renewals = await race(() => fr('POST', `/api/v1/urgent-requests/${request.id}/renew`, {}));
    // Each renewal the server accepted is counted and recorded once: those that really ran
    // side by side were refused (409) but one; those that came after another renewed again.
    const seen = (await call('ke.officer')('GET', `/api/v1/urgent-requests/${request.id}`)).json();
    expect(renewals.ok.length).toBeGreaterThanOrEqual(1);
    expect(seen.renewals).toBe(renewals.ok.length);
    expect(seen.timeline.filter((e: { action: string }) => e.action === 'renew')).toHaveLength(
      renewals.ok.length,
    );
    // (Renewals one after another run into the limit of a year ahead: a 400.)
    expect(renewals.statuses.filter((c) => c !== 200).every((c) => c === 409 || c === 400)).toBe(true);
  });

  it('a forwarding request is decided once; receipts and reads are idempotent', async () => {
    const message = (
      await call('ke.officer')('POST', '/api/v1/messages', {
        to: ['FR'],
        subject: 'Race',
        body: 'x',
        handling: 'H2',
      })
    ).json();
    await race(() => call('fr.officer')('POST', `/api/v1/messages/${message.id}/receipts`, { kind: 'read' }));
    // Asked six times at once (targets in any order): one request, the others answer it.
    const asks = await race((i) =>
      call('fr.officer')('POST', `/api/v1/messages/${message.id}/forward-requests`, {
        to: i % 2 === 0 ? ['BR', 'US'] : ['US', 'BR'],
      }),
    );
    expect(asks.statuses.filter((c) => c === 201)).toHaveLength(1);
    expect(asks.statuses.filter((c) => c === 200)).toHaveLength(TIMES - 1);
    const asked = asks.answers[0]!.json();
    expect(new Set(asks.answers.map((a) => a.json().id))).toEqual(new Set([asked.id]));
    expect(asked.targets).toEqual(['BR', 'US']);
    const decisions = await race((i) =>
      call('ke.officer')('POST', `/api/v1/forward-requests/${asked.id}/decision`, { grant: i % 2 === 0 }),
    );
    expect(decisions.ok).toHaveLength(1);
  });

  it('keys are rotated one at a time: one active pair afterwards', async () => {
    const rotations = await race(() => call('fr.admin')('POST', '/api/v1/keys', { custody: 'server' }));
    expect(rotations.ok.length).toBeGreaterThanOrEqual(1);
    const keys = (await call('fr.officer')('GET', '/api/v1/agencies/FR/keys')).json().keys as {
      use: string;
      status: string;
    }[];
    expect(
      keys
        .filter((k) => k.status === 'active')
        .map((k) => k.use)
        .sort(),
    ).toEqual(['enc', 'sig']);
  });

  it('a notice request is submitted once and decided once; a diffusion circulates once', async () => {
    const subject = await personRecord(t.app, s['ke.officer']!);
    const notice = (
      await call('ke.officer')('POST', '/api/v1/notices', {
        type: 'red',
        subjectRecordId: subject,
        data: redData(),
      })
    ).json();
    const submissions = await race(() => call('ke.officer')('POST', `/api/v1/notices/${notice.id}/submit`));
    expect(submissions.ok).toHaveLength(1);
    const starts = await race(() =>
      call('secretariat.reviewer')('POST', `/api/v1/notices/${notice.id}/start-review`),
    );
    expect(starts.ok).toHaveLength(1);
    const decisions = await race(() =>
      call('secretariat.reviewer')('POST', `/api/v1/notices/${notice.id}/review`, {
        decision: 'publish',
        checklist: RED_CHECKLIST,
      }),
    );
    expect(decisions.ok).toHaveLength(1);
    const history = (await call('ke.officer')('GET', `/api/v1/notices/${notice.id}/history`)).json().items;
    expect(history.filter((e: { action: string }) => e.action === 'submit')).toHaveLength(1);

    const diffusion = (
      await call('ke.officer')('POST', '/api/v1/diffusions', {
        type: 'red',
        subjectRecordId: subject,
        audience: { visibility: 'allow', countries: ['FR'] },
        data: redData(),
      })
    ).json();
    const circulations = await race(() =>
      call('ke.officer')('POST', `/api/v1/diffusions/${diffusion.id}/circulate`),
    );
    expect(circulations.ok).toHaveLength(1);
  });

  it('a one-time code signs in once, however many sign-ins race with it', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const admin = { cookie: sessionCookieOf(first), csrf: first.json().csrfToken, body: first.json() };
    const { secret } = (await as(t.app, admin)('POST', '/api/v1/auth/mfa/enrol')).json();
    const enrolCode = await totpCode(secret, t.clock.now());
    expect((await as(t.app, admin)('POST', '/api/v1/auth/mfa/verify', { otp: enrolCode })).statusCode).toBe(
      204,
    );
    t.clock.advance(30_000);
    const code = await totpCode(secret, t.clock.now());
    // Each from an address of its own: the per-address limit is not what is tested here.
    const signIns = await race((i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD, otp: code },
        remoteAddress: `10.9.9.${i + 1}`,
      }),
    );
    expect(signIns.ok).toHaveLength(1);
    // The others are refused: the code was used (401), then, as refusals count, throttled (429).
    expect(signIns.statuses.filter((c) => c !== 200).every((c) => c === 401 || c === 429)).toBe(true);
  });

  it('guesses at one password sent all at once meet the throttle one after another', async () => {
    // Three failures are free, then each must wait (and ten lock the name): a burst must not
    // have all its guesses checked before the first of them was counted.
    const guesses = await race((i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'ke.auditor', password: `wrong-guess-number-${i}` },
        remoteAddress: `10.8.8.${i + 1}`,
      }),
    );
    expect(guesses.statuses.filter((c) => c === 401)).toHaveLength(3);
    expect(guesses.statuses.filter((c) => c === 429)).toHaveLength(TIMES - 3);
  });

  it('a change and a deletion of the same draft or group at once: one of them, never a 500', async () => {
    for (let n = 0; n < 3; n++) {
      const draft = (
        await call('ke.officer')('POST', '/api/v1/drafts', { to: ['FR'], subject: 'Race' })
      ).json();
      await race((i) =>
        i % 2
          ? call('ke.officer')('DELETE', `/api/v1/drafts/${draft.id}`)
          : call('ke.officer')('PUT', `/api/v1/drafts/${draft.id}`, { to: ['FR'], subject: `Race ${i}` }),
      );
      const code = `KE-RACE${n}`;
      await call('ke.officer')('POST', '/api/v1/message-groups', { code, name: 'Race', members: ['FR'] });
      await race((i) =>
        i % 2
          ? call('ke.officer')('DELETE', `/api/v1/message-groups/${code}`)
          : call('ke.officer')('PATCH', `/api/v1/message-groups/${code}`, { name: `Race ${i}` }),
      );
    }
  });

  it('pictures added to a notice at once stay within its limit, each in a place of its own', async () => {
    const subject = await personRecord(t.app, s['ke.officer']!);
    const notice = (
      await call('ke.officer')('POST', '/api/v1/notices', {
        type: 'yellow',
        subjectRecordId: subject,
        data: {},
      })
    ).json();
    const png = portraitPng(2).toString('base64');
    for (let wave = 0; wave < 2; wave++)
      await race(() =>
        call('ke.officer')('POST', `/api/v1/notices/${notice.id}/images`, {
          contentType: 'image/png',
          data: png,
        }),
      );
    const images = await t.ctx.db
      .selectFrom('notice_images')
      .select('position')
      .where('notice_id', '=', notice.id)
      .execute();
    expect(images.length).toBe(6);
    expect(new Set(images.map((i) => i.position)).size).toBe(images.length);
  });

  /** ke.officer sends the five bytes of an upload as its only chunk. */
  const putHello = (id: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/attachments/${id}/chunks/0`,
      headers: {
        cookie: s['ke.officer']!.cookie,
        'x-csrf-token': s['ke.officer']!.csrf,
        'content-type': 'application/octet-stream',
      },
      payload: Buffer.from('hello'),
    });

  it('an upload goes with one message, however many are sent with it at once', async () => {
    const upload = (
      await call('ke.officer')('POST', '/api/v1/attachments', { size: 5, name: 'once.txt' })
    ).json();
    await putHello(upload.id);
    const sends = await race((i) =>
      call('ke.officer')('POST', '/api/v1/messages', {
        to: ['FR'],
        subject: `With the upload ${i}`,
        body: 'x',
        attachments: [upload.id],
      }),
    );
    expect(sends.ok).toHaveLength(1);
    const links = await t.ctx.db
      .selectFrom('message_attachments')
      .select('message_id')
      .where('attachment_id', '=', upload.id)
      .execute();
    expect(links).toHaveLength(1);
  });

  it('an attachment chunk sent twice at once is stored once', async () => {
    const upload = (
      await call('ke.officer')('POST', '/api/v1/attachments', { size: 5, name: 'race.txt' })
    ).json();
    await race(() => putHello(upload.id));
    const status = (await call('ke.officer')('GET', `/api/v1/attachments/${upload.id}`)).json();
    expect(status).toMatchObject({ received: 1, missing: [] });
  });

  it('an upload taken by a message that was never stored is purged a day later; sent ones stay', async () => {
    const upload = (
      await call('ke.officer')('POST', '/api/v1/attachments', { size: 5, name: 'orphan.txt' })
    ).json();
    // Last: it moves the clock two days on (the sessions of the tests above would end).
    // The process stopped between taking the upload and storing its message.
    await claimUploads(t.ctx, [upload.id], '/body/attachments', t.clock.now());
    const kept = (
      await t.ctx.db
        .selectFrom('message_attachments')
        .select('attachment_id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).attachment_id;
    t.clock.advance(2 * 86_400_000);
    await purgeStaleUploads(t.ctx);
    const left = await t.ctx.db
      .selectFrom('attachments')
      .select('id')
      .where('id', 'in', [upload.id, kept])
      .execute();
    expect(left.map((r) => r.id)).toEqual([kept]);
  });
});

/**
 * The 24/7 network: the directory, urgent requests with structured forms, their clocks
 * (reminders, escalation to supervisors, preservation lapse and expiry) on an injected
 * clock, the states, and the dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  expectProblem,
  type Session,
  signIn,
  type TestApp,
  withKey,
} from '../../../test/helpers.ts';
import { tablesContaining } from '../test-support.ts';
import { runUrgentClocks } from './clocks.ts';

let t: TestApp;
let ke: Session;
let fr: Session;
let frAdmin: Session;
/** The national systems: API keys outlive the sessions that the months of a preservation end. */
let keSystem: ReturnType<typeof withKey>;
let frSystem: ReturnType<typeof withKey>;

const MINUTE = 60_000;
const DAY = 86_400_000;

const preservation = {
  requestingAuthority: 'Directorate of Criminal Investigations, Cybercrime Unit, Nairobi',
  offence: 'Computer fraud (Computer Misuse and Cybercrimes Act 2018, s. 26)',
  summary: 'Victims paid into a fake investment platform Twiga-Capital-Yield run from servers in France.',
  dataToPreserve: 'Account records, login IP addresses and times of the account twiga.yield@example.fr',
  relationToOffence: 'The account administers the fraudulent platform',
  custodian: 'Example Hosting SAS, Roubaix',
  necessity: 'Logs are kept 30 days only',
  mlaToFollow: 'yes',
};

async function signInAll() {
  [ke, fr, frAdmin] = await Promise.all([
    signIn(t.app, 'ke.officer'),
    signIn(t.app, 'fr.officer'),
    signIn(t.app, 'fr.admin'),
  ]);
}

beforeAll(async () => {
  t = await createTestApp({ CONCORD_SESSION_IDLE_MINUTES: '1440', CONCORD_SESSION_ABSOLUTE_HOURS: '168' });
  await signInAll();
  const keAdmin = await signIn(t.app, 'ke.admin');
  const permissions = ['messages:read', 'messages:send', 'urgent:read', 'urgent:write'];
  keSystem = withKey(
    t.app,
    (await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'KE 24/7 desk', permissions })).json().key,
  );
  frSystem = withKey(
    t.app,
    (await as(t.app, frAdmin)('POST', '/api/v1/api-keys', { name: 'FR 24/7 desk', permissions })).json().key,
  );
});
afterAll(() => t.close());

async function events(type: string, agency?: string) {
  let q = t.ctx.db.selectFrom('outbox').selectAll().where('type', '=', type);
  if (agency) q = q.where('agency', '=', agency);
  return q.orderBy('seq').execute();
}

async function create(
  body: object = { type: 'preservation', to: 'FR', form: preservation, caseRef: 'KE/CYB/2026/201' },
) {
  const response = await as(t.app, ke)('POST', '/api/v1/urgent-requests', body);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

describe('the 24/7 directory', () => {
  it('is kept by each bureau for its own country, and read by all', async () => {
    const entry = {
      agency: 'FR-CYBER',
      unitName: 'OFAC — point de contact 24/7',
      phone: '+33 1 40 97 00 00',
      email: 'pc247@example.fr',
      languages: ['fr', 'en'],
      hours: '24/7',
      powers: ['preservation', 'traffic-data', 'subscriber-information', 'emergency-disclosure'],
      onCallName: 'Capitaine Martin',
      onCallPhone: '+33 6 00 00 00 00',
    };
    const put = await as(t.app, frAdmin)('PUT', '/api/v1/contact-points/FR', entry);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      country: 'FR',
      agency: 'FR-CYBER',
      agencyName: 'FR National Cybercrime Unit',
    });
    const keAdmin = await signIn(t.app, 'ke.admin');
    expectProblem(await as(t.app, keAdmin)('PUT', '/api/v1/contact-points/FR', entry), 403, 'forbidden');
    expectProblem(
      await as(t.app, frAdmin)('PUT', '/api/v1/contact-points/FR', { ...entry, agency: 'KE-CYBER' }),
      400,
      'validation',
    );
    expectProblem(
      await as(t.app, frAdmin)('PUT', '/api/v1/contact-points/FR', { ...entry, phone: '01 40 97' }),
      400,
      'validation',
    );
    // What the patterns let through: no number to dial, a language that does not exist, no name.
    const fields = async (change: object) =>
      expectProblem(
        await as(t.app, frAdmin)('PUT', '/api/v1/contact-points/FR', { ...entry, ...change }),
        400,
        'validation',
      ).errors?.map((e) => e.field);
    expect(await fields({ phone: '+((((((((', onCallPhone: '+0 000000' })).toEqual([
      '/body/phone',
      '/body/onCallPhone',
    ]);
    expect(await fields({ languages: ['fr', 'xx'] })).toEqual(['/body/languages/1']);
    expect(await fields({ onCallName: '  ' })).toEqual(['/body/onCallName']);
    const list = (await as(t.app, ke)('GET', '/api/v1/contact-points')).json().items;
    expect(list.map((c: { country: string }) => c.country)).toEqual(['FR']);
  });
});

describe('urgent requests', () => {
  it('check the form by field; nothing is sent when it is incomplete', async () => {
    const { custodian: _c, ...incomplete } = preservation;
    const response = await as(t.app, ke)('POST', '/api/v1/urgent-requests', {
      type: 'preservation',
      to: 'FR',
      form: incomplete,
    });
    expect(expectProblem(response, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      '/body/form/custodian',
    ]);
    const own = await as(t.app, ke)('POST', '/api/v1/urgent-requests', {
      type: 'preservation',
      to: 'KE',
      form: preservation,
    });
    expect(expectProblem(own, 400, 'validation').errors?.[0]?.field).toBe('/body/to');
    expect(await t.ctx.db.selectFrom('urgent_requests').selectAll().execute()).toEqual([]);
  });

  it('go to the country’s 24/7 unit as an encrypted message; the clocks remind, then escalate to supervisors', async () => {
    const request = await create();
    expect(request).toMatchObject({
      type: 'preservation',
      from: 'KE',
      to: 'FR-CYBER',
      status: 'sent',
      side: 'requester',
      overdue: null,
    });
    expect(request.reference).toMatch(/^PR-KE-2026-\d{4}$/);
    expect(new Date(request.ackDueAt).getTime() - new Date(request.createdAt).getTime()).toBe(60 * MINUTE);
    expect(await tablesContaining(t.ctx.db, 'Twiga-Capital-Yield')).toEqual([]);

    // The responding bureau sees it, with the form decrypted in the thread's first message.
    const incoming = (await as(t.app, fr)('GET', '/api/v1/urgent-requests?role=incoming')).json().items;
    expect(incoming[0]).toMatchObject({ id: request.id, side: 'responder' });
    const message = (await as(t.app, fr)('GET', `/api/v1/messages/${request.messageId}`)).json();
    expect(message.content.form).toEqual({ type: 'preservation', fields: preservation });
    // Its text reads as a form for systems that show only the body: headings, not field names.
    expect(message.content.body).toContain(`Requesting authority: ${preservation.requestingAuthority}`);
    expect(message.content.body).not.toMatch(/requestingAuthority|dataToPreserve|mlaToFollow/);
    expect(message.urgentRequestId).toBe(request.id);
    expect(message.priority).toBe('urgent');

    t.clock.advance(44 * MINUTE);
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ reminded: 0, escalated: 0 });
    t.clock.advance(2 * MINUTE);
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ reminded: 1, escalated: 0 });
    expect((await events('urgent.reminder', 'FR-CYBER'))[0]?.payload).toMatchObject({
      id: request.id,
      kind: 'acknowledge',
    });
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ reminded: 0 });
    t.clock.advance(15 * MINUTE);
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ escalated: 1 });
    const escalated = await events('urgent.escalated', 'FR');
    expect(escalated[0]?.payload).toMatchObject({
      id: request.id,
      audience: 'supervisors',
      kind: 'acknowledge',
    });
    expect((await events('urgent.overdue', 'KE'))[0]?.payload).toMatchObject({ id: request.id });
    // The unit on duty hears it too: its screens count the overdue.
    expect(
      (await events('urgent.updated', 'FR-CYBER')).map((e) => e.payload as { id: string; action: string }),
    ).toContainEqual(expect.objectContaining({ id: request.id, action: 'escalate' }));
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ escalated: 0 });

    const overdue = (await as(t.app, ke)('GET', '/api/v1/urgent-requests?overdue=true')).json().items;
    expect(overdue[0]).toMatchObject({
      id: request.id,
      overdue: 'acknowledge',
      escalatedAt: expect.any(String),
    });
    const detail = (await as(t.app, fr)('GET', `/api/v1/urgent-requests/${request.id}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['sent', 'remind', 'escalate']);
  });

  it('are acknowledged and executed by the requested side only; preservation lasts at least 60 days, is renewed, then lapses', async () => {
    const request = await create();
    expectProblem(
      await as(t.app, ke)('POST', `/api/v1/urgent-requests/${request.id}/acknowledge`, {}),
      403,
      'forbidden',
    );
    const acknowledged = await as(t.app, fr)('POST', `/api/v1/urgent-requests/${request.id}/acknowledge`, {});
    expect(acknowledged.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'fr.officer',
      overdue: null,
    });
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/urgent-requests/${request.id}/acknowledge`, {}),
      409,
      'invalid-transition',
    );
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/urgent-requests/${request.id}/execute`, {}),
      400,
      'validation',
    );
    const tooShort = await as(t.app, fr)('POST', `/api/v1/urgent-requests/${request.id}/execute`, {
      note: 'Preserved',
      preservedUntil: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
    });
    expect(expectProblem(tooShort, 400, 'validation').errors?.[0]?.field).toBe('/body/preservedUntil');

    const executed = await as(t.app, fr)('POST', `/api/v1/urgent-requests/${request.id}/execute`, {
      note: 'Preserved: 14 GB of logs of twiga.yield, hash sha256 9f2c…, held by Example Hosting until further notice.',
    });
    expect(executed.statusCode, executed.body).toBe(200);
    const done = executed.json();
    expect(done.status).toBe('executed');
    expect(new Date(done.preservedUntil).getTime() - t.clock.now().getTime()).toBe(60 * DAY);
    // What was preserved reached the requester as an encrypted reply in the request's thread.
    const thread = (await as(t.app, ke)('GET', `/api/v1/threads/${request.threadId}`)).json().items;
    expect(thread).toHaveLength(2);
    expect(thread[1].content.body).toMatch(/^Preserved: 14 GB/);
    expect(thread[1].content.form.fields).toMatchObject({ reference: request.reference, status: 'executed' });
    expect(thread[0].recipients[0].answeredAt).not.toBeNull();
    expect(await tablesContaining(t.ctx.db, '14 GB of logs of twiga.yield')).toEqual([]);

    t.clock.advance(53 * DAY + MINUTE);
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ lapseReminded: 1, expired: 0 });
    const lapse = (await events('urgent.reminder', 'KE')).find(
      (e) => (e.payload as { kind: string }).kind === 'lapse',
    );
    expect(lapse?.payload).toMatchObject({ id: request.id, preservedUntil: done.preservedUntil });
    const renewed = (await frSystem('POST', `/api/v1/urgent-requests/${request.id}/renew`, {})).json();
    expect(renewed).toMatchObject({ status: 'executed', renewals: 1 });
    expect(new Date(renewed.preservedUntil).getTime()).toBe(
      new Date(done.preservedUntil).getTime() + 60 * DAY,
    );

    t.clock.advance(68 * DAY);
    expect(await runUrgentClocks(t.ctx)).toMatchObject({ expired: 1 });
    expect((await keSystem('GET', `/api/v1/urgent-requests/${request.id}`)).json()).toMatchObject({
      status: 'expired',
    });
    expect(
      expectProblem(
        await frSystem('POST', `/api/v1/urgent-requests/${request.id}/renew`, {}),
        409,
        'invalid-transition',
      ).detail,
    ).toBe('A request that is expired cannot be renewed.');
    // Months passed: the people sign in again.
    await signInAll();
  });

  it('are refused with grounds, which the requester reads', async () => {
    const request = await create({
      type: 'emergency-disclosure',
      to: 'FR',
      priority: 'flash',
      form: {
        requestingAuthority: 'DCI Nairobi',
        threat: 'Kidnapping: ransom demand by e-mail, victim at risk',
        summary: 'Victim abducted on 2026-01-14',
        dataSought: 'Subscriber and IP logs of kidnap.demand@example.fr',
        serviceProvider: 'Example Mail',
        urgency: 'Ransom deadline within 24 hours',
      },
    });
    expect(new Date(request.completeDueAt).getTime() - new Date(request.createdAt).getTime()).toBe(
      4 * 3_600_000,
    );
    const refused = await as(t.app, fr)('POST', `/api/v1/urgent-requests/${request.id}/refuse`, {
      note: 'The account is held outside France; contact the US point of contact.',
    });
    expect(refused.json()).toMatchObject({ status: 'refused', closedBy: 'fr.officer' });
    const reply = (await as(t.app, ke)('GET', `/api/v1/threads/${request.threadId}`)).json().items[1];
    expect(reply.content.body).toMatch(/US point of contact/);
  });

  it('the dashboard shows open requests by age, response times per country and what is overdue', async () => {
    const fast = await create();
    t.clock.advance(10 * MINUTE);
    await as(t.app, fr)('POST', `/api/v1/urgent-requests/${fast.id}/acknowledge`, {});
    t.clock.advance(2 * 3_600_000);
    const dashboard = (await as(t.app, ke)('GET', '/api/v1/urgent-requests/dashboard')).json();
    expect(dashboard.scope).toBe('agency');
    const france = dashboard.responseTimes.find((r: { country: string }) => r.country === 'FR');
    expect(france.requests).toBeGreaterThanOrEqual(2);
    expect(france.ackMedianMinutes).not.toBeNull();
    expect(france.ackP90Minutes).toBeGreaterThanOrEqual(france.ackMedianMinutes);
    expect(
      dashboard.openByAge.find((b: { bucket: string }) => b.bucket === '1–4 h').open,
    ).toBeGreaterThanOrEqual(1);
    secretariat = await signIn(t.app, 'secretariat.admin');
    const network = (await as(t.app, secretariat)('GET', '/api/v1/urgent-requests/dashboard')).json();
    expect(network.scope).toBe('network');
    expect(network.responseTimes.find((r: { country: string }) => r.country === 'FR').requests).toBe(
      france.requests,
    );
    // The secretariat sees the workflow, not the requests' content.
    expectProblem(
      await as(t.app, secretariat)('GET', `/api/v1/messages/${fast.messageId}`),
      403,
      'forbidden',
    );
    expectProblem(
      await as(t.app, secretariat)('GET', `/api/v1/urgent-requests/${fast.id}`),
      404,
      'not-found',
    );
  });

  let secretariat: Session;
  it('after a pause, a missed deadline is escalated without a late reminder; a lapsed preservation is not renewed', async () => {
    const request = await create();
    // The clocks did not run for two hours (a restart, an outage): the reminder's moment passed.
    t.clock.advance(2 * 60 * MINUTE);
    await runUrgentClocks(t.ctx);
    await runUrgentClocks(t.ctx);
    const timelineOf = async (id: string) =>
      (await keSystem('GET', `/api/v1/urgent-requests/${id}`))
        .json()
        .timeline.map((e: { action: string }) => e.action);
    expect(await timelineOf(request.id)).toEqual(['sent', 'escalate']);

    const executed = await frSystem('POST', `/api/v1/urgent-requests/${request.id}/execute`, {
      note: 'Preserved.',
    });
    expect(executed.statusCode, executed.body).toBe(200);
    // Past its end, before the clocks mark it expired: renewing would hide the gap.
    t.clock.advance(60 * DAY + 5 * MINUTE);
    const lapsed = await frSystem('POST', `/api/v1/urgent-requests/${request.id}/renew`, {});
    const problem = expectProblem(lapsed, 409, 'invalid-transition') as {
      status?: number;
      currentStatus?: string;
    };
    // The problem's status is the HTTP status; the request's is in currentStatus.
    expect(problem.status).toBe(409);
    expect(problem.currentStatus).toBe('expired');
    await signInAll();
    secretariat = await signIn(t.app, 'secretariat.admin');
  });

  it('a server-held agency sends the form: linking a message of its own is refused', async () => {
    const chat = await as(t.app, ke)('POST', '/api/v1/messages', {
      to: ['FR-CYBER'],
      subject: 'hello',
      body: 'just a chat',
    });
    expect(chat.statusCode, chat.body).toBe(201);
    const linked = await as(t.app, ke)('POST', '/api/v1/urgent-requests', {
      type: 'emergency-disclosure',
      to: 'FR',
      messageId: chat.json().id,
    });
    expect(expectProblem(linked, 400, 'validation').errors?.[0]?.field).toBe('/body/messageId');
    expect(
      await t.ctx.db
        .selectFrom('messages')
        .select('urgent_request_id')
        .where('id', '=', chat.json().id)
        .executeTakeFirst(),
    ).toEqual({ urgent_request_id: null });
  });

  it('deadlines are the network’s, set by the secretariat', async () => {
    const settings = (await as(t.app, secretariat)('GET', '/api/v1/urgent-settings')).json();
    expect(settings.types.preservation.acknowledgeMinutes).toBe(60);
    settings.types.preservation.acknowledgeMinutes = 30;
    expect((await as(t.app, secretariat)('PUT', '/api/v1/urgent-settings', settings)).statusCode).toBe(200);
    expectProblem(await as(t.app, frAdmin)('PUT', '/api/v1/urgent-settings', settings), 403, 'forbidden');
    settings.types.preservation.remindBeforeMinutes = 45;
    settings.types['technical-advice'].acknowledgeMinutes = 7 * 24 * 60;
    settings.types['technical-advice'].completeHours = 1;
    expect(
      expectProblem(
        await as(t.app, secretariat)('PUT', '/api/v1/urgent-settings', settings),
        400,
        'validation',
      ).errors?.map((e) => e.field),
    ).toEqual(['/body/types/preservation/remindBeforeMinutes', '/body/types/technical-advice/completeHours']);
    await signInAll();
    const request = await create();
    expect(new Date(request.ackDueAt).getTime() - new Date(request.createdAt).getTime()).toBe(30 * MINUTE);
  });
});

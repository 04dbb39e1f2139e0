import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../src/access/permissions.ts';
import { permissionsAvailableIn } from '../src/access/policy.ts';
import { systemPrincipal } from '../src/access/principal.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { as, createTestApp, type Session, signIn, type TestApp, withKey } from './helpers.ts';

/**
 * Every operation that names one object in its path, tried by principals with no business
 * with that object: a bureau that is neither sender nor recipient nor owner, its
 * administrator, its national system holding every permission, and a private partner. Kenya
 * makes one object of each kind, private where it can choose; the outsiders must get a 4xx
 * for each operation, must not find a word of what Kenya wrote in any answer, and must have
 * changed nothing when Kenya looks again. What the records' policy property tests prove for
 * records, this proves for every other object the API names by id.
 */

let t: TestApp;
const ke: Record<string, Session> = {};
const fr: Record<string, Session> = {};
const outsiders: Record<
  string,
  (method: Method, url: string, body?: unknown) => Promise<LightMyRequestResponse>
> = {};
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Words only Kenya's objects hold: none may appear in an outsider's answer. */
const SECRETS = [
  'KEPRIV001',
  'Njoroge-Kamau-Secret',
  'Mombasa-Ring-Subject',
  'Mombasa-Ring-Draft',
  'ledger-secret.xlsx',
  'Operation-Baobab-Secret',
  'hooks.ke.example.org',
  'ke-case-system-secret',
];

const objects: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['officer', 'admin', 'auditor', 'supervisor'])
    ke[role] = await signIn(t.app, `ke.${role}`);
  fr.officer = await signIn(t.app, 'fr.officer');
  for (const user of ['sg.officer', 'sg.admin', 'sg.supervisor', 'sentinel.partner']) {
    const session = await signIn(t.app, user);
    outsiders[user] = (method, url, body) => as(t.app, session)(method, url, body);
  }
  const sgSystem = await createApiKey(t.ctx, systemPrincipal(), {
    agency: 'SG',
    name: 'SG national system',
    // Everything a bureau's key may carry.
    permissions: PERMISSIONS.filter((p) =>
      permissionsAvailableIn({ code: 'SG', kind: 'bureau', country: 'SG', parentCode: null }).has(p),
    ),
  });
  outsiders['key:sg.system'] = (method, url, body) => withKey(t.app, sgSystem.key)(method, url, body);

  const officer = as(t.app, ke.officer!);
  const admin = as(t.app, ke.admin!);
  const made = async (response: LightMyRequestResponse, what: string) => {
    if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  // A record only Kenya may see, and a person record its notice is about.
  objects.record = (
    await made(
      await officer('POST', '/api/v1/records', {
        kind: 'travel-document',
        data: { number: 'KEPRIV001', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
        policy: { visibility: 'allow', agencies: ['KE'] },
      }),
      'record',
    )
  ).id;
  objects.person = (
    await made(
      await officer('POST', '/api/v1/records', {
        kind: 'person',
        data: {
          names: [{ full: 'Njoroge-Kamau-Secret Otieno' }],
          sex: 'M',
          dateOfBirth: '1981-04-05',
          nationalities: ['KE'],
          status: 'wanted',
        },
        policy: { visibility: 'allow', agencies: ['KE'] },
      }),
      'person',
    )
  ).id;
  // France checks the private passport: a restricted hit, and a notification for Kenya.
  await as(t.app, fr.officer!)('POST', '/api/v1/search/identifiers', {
    queries: [{ scheme: 'document', value: 'KEPRIV001', country: 'KE' }],
  });
  objects.hitNotification = (
    await made(await officer('GET', '/api/v1/hit-notifications'), 'hits')
  ).items[0].id;

  // An attachment, sent with a message from Kenya to France, and an upload not sent.
  const upload = await made(
    await officer('POST', '/api/v1/attachments', {
      size: 5,
      name: 'ledger-secret.xlsx',
      contentType: 'text/plain',
    }),
    'upload',
  );
  await made(
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/attachments/${upload.id}/chunks/0`,
      headers: {
        cookie: ke.officer!.cookie,
        'x-csrf-token': ke.officer!.csrf,
        'content-type': 'application/octet-stream',
      },
      payload: Buffer.from('hello'),
    }),
    'chunk',
  );
  objects.attachment = upload.id;
  const message = await made(
    await officer('POST', '/api/v1/messages', {
      to: ['FR'],
      subject: 'Mombasa-Ring-Subject',
      body: 'Mombasa-Ring-Subject in the body too',
      handling: 'H2',
      attachments: [upload.id],
    }),
    'message',
  );
  objects.message = message.id;
  objects.thread = message.threadId;
  objects.upload = (
    await made(
      await officer('POST', '/api/v1/attachments', { size: 5, name: 'ledger-secret.xlsx' }),
      'upload',
    )
  ).id;
  objects.draft = (
    await made(
      await officer('POST', '/api/v1/drafts', { to: ['FR'], subject: 'Mombasa-Ring-Draft' }),
      'draft',
    )
  ).id;
  // France asks Kenya to let it forward the H2 message to Brazil.
  objects.forwardRequest = (
    await made(
      await as(t.app, fr.officer!)('POST', `/api/v1/messages/${message.id}/forward-requests`, { to: ['BR'] }),
      'forward request',
    )
  ).id;
  objects.group = (
    await made(
      await officer('POST', '/api/v1/message-groups', {
        code: 'KE-BAOBAB',
        name: 'Operation-Baobab-Secret',
        members: ['KE', 'FR'],
      }),
      'group',
    )
  ).code;
  objects.webhook = (
    await made(
      await admin('POST', '/api/v1/webhooks', { url: 'https://hooks.ke.example.org/concord' }),
      'webhook',
    )
  ).webhook.id;
  objects.apiKey = (
    await made(await admin('POST', '/api/v1/api-keys', { name: 'ke-case-system-secret' }), 'api key')
  ).id;
  objects.kid = (await made(await officer('GET', '/api/v1/agencies/KE/keys'), 'keys')).keys[0].kid;
  objects.session = (await made(await officer('GET', '/api/v1/sessions'), 'sessions')).items[0].id;
  objects.user = (await made(await officer('GET', '/api/v1/me'), 'me')).user.id;
  objects.urgent = (
    await made(
      await officer('POST', '/api/v1/urgent-requests', {
        type: 'technical-advice',
        to: 'FR',
        form: {
          requestingAuthority: 'DCI Nairobi',
          topic: 'Operation-Baobab-Secret',
          question: 'How to read the ledger-secret.xlsx?',
        },
      }),
      'urgent request',
    )
  ).id;
  const notice = await made(
    await officer('POST', '/api/v1/notices', {
      type: 'red',
      subjectRecordId: objects.person,
      data: { facts: 'Njoroge-Kamau-Secret ran the Mombasa-Ring-Subject.' },
    }),
    'notice',
  );
  objects.notice = notice.id;
  objects.audit = (
    await made(await as(t.app, ke.auditor!)('GET', '/api/v1/audit?limit=1'), 'audit')
  ).items[0].id;
  const missing = Object.entries(objects).filter(([, id]) => typeof id !== 'string' || id.length === 0);
  if (missing.length > 0) throw new Error(`not made: ${missing.map(([name]) => name).join(', ')}`);
}, 120_000);
afterAll(() => t.close());

/** Each operation on one of Kenya's objects, with a body that would be accepted from Kenya. */
function operations(): [Method, string, unknown?][] {
  const o = objects;
  return [
    ['GET', `/api/v1/records/${o.record}`],
    [
      'PATCH',
      `/api/v1/records/${o.record}`,
      { data: { number: 'KEPRIV001', type: 'passport', issuingCountry: 'KE', status: 'lost' } },
    ],
    ['DELETE', `/api/v1/records/${o.record}?reason=outsider`],
    ['POST', `/api/v1/records/${o.record}/extend`, { reason: 'still needed', until: '2035-01-01T00:00:00Z' }],
    ['GET', `/api/v1/records/${o.record}/history`],
    ['GET', `/api/v1/records/${o.person}`],
    ['GET', `/api/v1/notices/by-record/${o.person}`],
    ['POST', `/api/v1/hit-notifications/${o.hitNotification}/read`],
    ['GET', `/api/v1/messages/${o.message}`],
    ['GET', `/api/v1/messages/${o.message}?mailbox=SG`],
    ['GET', `/api/v1/threads/${o.thread}`],
    ['POST', `/api/v1/messages/${o.message}/receipts`, { kind: 'read' }],
    ['POST', `/api/v1/messages/${o.message}/forward`, { to: ['SG'] }],
    ['POST', `/api/v1/messages/${o.message}/forward-requests`, { to: ['SG'] }],
    ['GET', `/api/v1/messages/${o.message}/attachments/${o.attachment}`],
    ['GET', `/api/v1/messages/${o.message}/attachments/${o.attachment}/chunks/0`],
    ['POST', `/api/v1/forward-requests/${o.forwardRequest}/decision`, { grant: true }],
    ['PATCH', `/api/v1/message-groups/${o.group}`, { name: 'Taken over', members: ['SG'] }],
    ['DELETE', `/api/v1/message-groups/${o.group}`],
    ['GET', `/api/v1/drafts/${o.draft}`],
    ['PUT', `/api/v1/drafts/${o.draft}`, { to: ['SG'], subject: 'changed' }],
    ['DELETE', `/api/v1/drafts/${o.draft}`],
    ['GET', `/api/v1/attachments/${o.upload}`],
    ['DELETE', `/api/v1/attachments/${o.upload}`],
    ['POST', `/api/v1/keys/${o.kid}/revoke`, { reason: 'compromised' }],
    ['DELETE', `/api/v1/webhooks/${o.webhook}`],
    [
      'PUT',
      '/api/v1/contact-points/KE',
      {
        agency: 'KE',
        unitName: 'Taken over',
        phone: '+254 20 000000',
        languages: ['en'],
        hours: '24/7',
        powers: ['preservation'],
      },
    ],
    ['GET', `/api/v1/urgent-requests/${o.urgent}`],
    ['POST', `/api/v1/urgent-requests/${o.urgent}/acknowledge`, {}],
    ['POST', `/api/v1/urgent-requests/${o.urgent}/start`, {}],
    ['POST', `/api/v1/urgent-requests/${o.urgent}/execute`, { note: 'done' }],
    ['POST', `/api/v1/urgent-requests/${o.urgent}/refuse`, { note: 'no grounds' }],
    ['POST', `/api/v1/urgent-requests/${o.urgent}/renew`, { note: 'again' }],
    ['GET', `/api/v1/notices/${o.notice}`],
    ['PATCH', `/api/v1/notices/${o.notice}`, { data: { facts: 'changed by an outsider' } }],
    ['GET', `/api/v1/diffusions/${o.notice}`],
    ['GET', `/api/v1/notices/${o.notice}/history`],
    ['POST', `/api/v1/notices/${o.notice}/submit`],
    ['POST', `/api/v1/notices/${o.notice}/cancel`, { reason: 'owner-request', note: 'outsider' }],
    ['GET', `/api/v1/notices/${o.notice}/signed`],
    ['GET', `/api/v1/notices/${o.notice}/pdf`],
    [
      'POST',
      `/api/v1/notices/${o.notice}/images`,
      { contentType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' },
    ],
    ['GET', `/api/v1/users/${o.user}`],
    ['PATCH', `/api/v1/users/${o.user}`, { status: 'disabled' }],
    ['POST', `/api/v1/users/${o.user}/mfa/reset`],
    ['POST', `/api/v1/users/${o.user}/password`, { password: 'an-outsider-password-1' }],
    ['DELETE', `/api/v1/api-keys/${o.apiKey}`],
    ['DELETE', `/api/v1/sessions/${o.session}`],
    ['PATCH', '/api/v1/agencies/KE', { status: 'suspended' }],
    ['GET', `/api/v1/audit/${o.audit}`],
  ];
}

describe('objects named by id', () => {
  it('appear in no list, search or count an outsider can ask for', async () => {
    const lists = [
      '/api/v1/records?limit=500',
      '/api/v1/records?kind=travel-document&limit=500',
      '/api/v1/search?q=KEPRIV001',
      '/api/v1/search?q=Njoroge-Kamau-Secret',
      '/api/v1/hit-notifications?limit=500',
      '/api/v1/messages?box=inbox&limit=500',
      '/api/v1/messages?box=sent&limit=500',
      '/api/v1/messages?q=Mombasa&limit=500',
      '/api/v1/drafts',
      '/api/v1/deliveries?limit=500',
      '/api/v1/forward-requests',
      '/api/v1/message-groups',
      '/api/v1/webhooks',
      '/api/v1/webhook-deliveries',
      '/api/v1/urgent-requests?limit=500',
      '/api/v1/urgent-requests/dashboard',
      '/api/v1/notices?limit=500',
      '/api/v1/diffusions?limit=500',
      '/api/v1/notices/statistics',
      '/api/v1/users?limit=500',
      '/api/v1/api-keys',
      '/api/v1/sessions',
      '/api/v1/audit?limit=500',
      '/api/v1/records:export',
    ];
    const searches: [string, unknown][] = [
      [
        '/api/v1/search/identifiers',
        { queries: [{ scheme: 'document', value: 'KEPRIV001', country: 'KE' }] },
      ],
      ['/api/v1/search/persons', { name: 'Njoroge-Kamau-Secret Otieno' }],
      ['/api/v1/notices/search', { name: 'Njoroge-Kamau-Secret Otieno' }],
    ];
    // Asked first, before the outsiders' own attempts on Kenya's ids fill their audit log.
    // What Kenya keeps to itself. (The passport's check may say a record exists, and whose,
    // as a restricted hit: that is the policy, not a leak — but never its number or id.)
    const privateIds = [
      objects.record,
      objects.person,
      objects.message,
      objects.draft,
      objects.upload,
      objects.attachment,
      objects.webhook,
      objects.apiKey,
      objects.session,
      objects.urgent,
      objects.notice,
      objects.hitNotification,
      objects.forwardRequest,
    ] as string[];
    const leaks: string[] = [];
    for (const [name, send] of Object.entries(outsiders)) {
      const answers = [
        ...(await Promise.all(lists.map(async (url) => [url, await send('GET', url)] as const))),
        ...(await Promise.all(
          searches.map(async ([url, body]) => [url, await send('POST', url, body)] as const),
        )),
      ];
      for (const [url, response] of answers) {
        if (response.statusCode >= 500) leaks.push(`${url} as ${name}: ${response.statusCode}`);
        // A search repeats what was asked: the words searched for are not found in it.
        const asked = decodeURIComponent(url) + JSON.stringify(searches.find(([u]) => u === url)?.[1] ?? '');
        const found = [...SECRETS.filter((w) => !asked.includes(w)), ...privateIds].filter((secret) =>
          response.body.includes(secret),
        );
        if (found.length > 0) leaks.push(`${url} as ${name} shows ${found.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('are out of reach of every principal with no business with them', async () => {
    const leaks: string[] = [];
    for (const [name, send] of Object.entries(outsiders)) {
      for (const [method, url, body] of operations()) {
        const response = await send(method, url, body);
        const said = response.body;
        const secret = SECRETS.find((s) => said.includes(s));
        // An empty list says nothing: the same answer as for an id that does not exist.
        const empty = response.statusCode === 200 && said === '{"items":[]}';
        // Refused as forbidden or as not found, not on the way there: a 400 would mean the
        // request never reached the access check this sweep is about.
        const refused = response.statusCode === 403 || response.statusCode === 404;
        if ((!refused && !empty) || secret)
          leaks.push(
            `${method} ${url} as ${name}: ${response.statusCode}${secret ? ` shows ${secret}` : ''} ${said.slice(0, 200)}`,
          );
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it('are as Kenya left them after the outsiders tried', async () => {
    const officer = as(t.app, ke.officer!);
    const record = (await officer('GET', `/api/v1/records/${objects.record}`)).json();
    expect(record).toMatchObject({ status: 'active', data: { status: 'stolen' } });
    expect((await officer('GET', `/api/v1/drafts/${objects.draft}`)).json().draft.subject).toBe(
      'Mombasa-Ring-Draft',
    );
    expect((await officer('GET', `/api/v1/attachments/${objects.upload}`)).statusCode).toBe(200);
    const notice = (await officer('GET', `/api/v1/notices/${objects.notice}`)).json();
    expect(notice.status).toBe('draft');
    expect(notice.images ?? []).toEqual([]);
    expect((await officer('GET', `/api/v1/urgent-requests/${objects.urgent}`)).json().status).toBe('sent');
    const groups = (await officer('GET', '/api/v1/message-groups')).json().items;
    expect(groups.find((g: { code: string }) => g.code === objects.group)).toMatchObject({
      name: 'Operation-Baobab-Secret',
      members: ['KE', 'FR'],
    });
    const admin = as(t.app, ke.admin!);
    expect((await admin('GET', '/api/v1/webhooks')).json().items.map((w: { id: string }) => w.id)).toContain(
      objects.webhook,
    );
    expect(
      (await admin('GET', '/api/v1/api-keys'))
        .json()
        .items.find((k: { id: string }) => k.id === objects.apiKey),
    ).toMatchObject({ revokedAt: null });
    const keys = (await officer('GET', '/api/v1/agencies/KE/keys')).json().keys;
    expect(keys.find((k: { kid: string }) => k.kid === objects.kid).status).toBe('active');
    expect((await officer('GET', '/api/v1/me')).statusCode).toBe(200); // the session lives
    expect((await admin('GET', `/api/v1/users/${objects.user}`)).json().status).toBe('active');
    expect((await admin('GET', '/api/v1/agencies/KE')).json().status).toBe('active');
    const request = (await officer('GET', '/api/v1/hit-notifications'))
      .json()
      .items.find((h: { id: string }) => h.id === objects.hitNotification);
    expect(request.readAt ?? null).toBeNull();
    const decision = await as(t.app, fr.officer!)('GET', '/api/v1/forward-requests');
    expect(decision.json().items.find((r: { id: string }) => r.id === objects.forwardRequest)).toMatchObject({
      status: 'pending',
    });
    const contact = (await officer('GET', '/api/v1/contact-points/KE')).json();
    expect(contact.unitName).not.toBe('Taken over');
  });
});

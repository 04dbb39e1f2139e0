/**
 * Self-held custody: a national system (KE's cybercrime unit) holds its own keys, encrypts
 * and signs its messages, takes its mail from the delivery queue and decrypts it itself.
 * The server must never be able to read that traffic — the raw tables are searched for it.
 */
import { base64url, type JWK } from 'jose';
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
import { type AgencyPrivateKeys, composeEnvelope, openEnvelope, type Prepared, uuidv7 } from './client.ts';
import {
  type ContentAttachment,
  encryptChunk,
  flattened,
  generateAgencyKeys,
  importPrivate,
  newAttachmentKey,
  type ReceiptPayload,
  sha256b64,
  signatureKid,
  signReceipt,
} from './envelope.ts';
import { tablesContaining } from './test-support.ts';

let t: TestApp;
let fr: Session;
let system: ReturnType<typeof withKey>;
let apiKey: string;
let keys: AgencyPrivateKeys;
let publicKeys: { signing: JWK; encryption: JWK };

beforeAll(async () => {
  t = await createTestApp();
  // The ids a self-held sender makes carry its clock: keep the server's near it.
  t.clock.set(new Date());
  fr = await signIn(t.app, 'fr.officer');
  const admin = await signIn(t.app, 'ke.admin');
  const key = await as(t.app, admin)('POST', '/api/v1/api-keys', {
    agency: 'KE-CYBER',
    name: 'KE-CYBER case system',
    permissions: ['messages:read', 'messages:send', 'messaging:manage', 'urgent:read', 'urgent:write'],
  });
  expect(key.statusCode, key.body).toBe(201);
  apiKey = key.json().key;
  system = withKey(t.app, apiKey);
  const made = await generateAgencyKeys();
  keys = { agency: 'KE-CYBER', signing: made.signing.privateJwk, encryption: made.encryption.privateJwk };
  publicKeys = { signing: made.signing.publicJwk, encryption: made.encryption.publicJwk };
});
afterAll(() => t.close());

async function prepare(to: string[]): Promise<Prepared> {
  const response = await system('POST', '/api/v1/messages/recipients', { to });
  if (response.statusCode !== 200) throw new Error(`prepare: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function sendEnvelope(envelope: object) {
  return system('POST', '/api/v1/messages', { envelope });
}

describe('self-held keys', () => {
  it('are published as public JWKs only; the directory shows the custody', async () => {
    const leaked = await system('POST', '/api/v1/keys', {
      custody: 'self',
      signing: keys.signing,
      encryption: publicKeys.encryption,
    });
    expect(expectProblem(leaked, 400, 'validation').errors?.[0]).toMatchObject({
      field: '/body/signing',
      message: expect.stringMatching(/private/),
    });
    const published = await system('POST', '/api/v1/keys', { custody: 'self', ...publicKeys });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ agency: 'KE-CYBER', custody: 'self' });
    expect(published.json().keys.every((k: { privateKeyHeld: boolean }) => !k.privateKeyHeld)).toBe(true);
    const directory = (await as(t.app, fr)('GET', '/api/v1/agencies/KE-CYBER/keys')).json();
    expect(directory.jwks.keys.map((k: { kid: string }) => k.kid).sort()).toEqual(
      [keys.signing.kid, keys.encryption.kid].sort(),
    );
  });

  it('the server stores a self-held sender’s message without ever holding its plaintext', async () => {
    const prepared = await prepare(['FR']);
    expect(prepared.recipients).toEqual([expect.objectContaining({ agency: 'FR', custody: 'server' })]);
    const subject = 'Botnet takedown: Operation Baobab-Nightfall';
    const body = 'C2 panel at 198.51.100.23; admin handle kifaru_root';
    const envelope = await composeEnvelope(
      keys,
      prepared,
      { subject, body, priority: 'flash', handling: 'H2', tlp: 'RED' },
      {
        id: uuidv7(t.clock.now().getTime()),
      },
    );
    const sent = await sendEnvelope(envelope);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      from: 'KE-CYBER',
      to: ['FR'],
      priority: 'flash',
      custody: 'self',
      content: null,
    });
    // Sending the same signed message again (a retry after a timeout) answers the stored one.
    const again = await sendEnvelope(envelope);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(sent.json().id);

    for (const secret of ['Baobab-Nightfall', 'kifaru_root', '198.51.100.23'])
      expect(await tablesContaining(t.ctx.db, secret), secret).toEqual([]);

    // FR is server-held: the server decrypts FR's copy for its web users, and verifies it.
    const read = (await as(t.app, fr)('GET', `/api/v1/messages/${sent.json().id}`)).json();
    expect(read.content.subject).toBe(subject);
    expect(read.verification).toMatchObject({
      status: 'valid',
      signer: { agency: 'KE-CYBER', kid: keys.signing.kid },
    });

    // KE's web users see the metadata of their unit's message, not its content.
    const ke = await signIn(t.app, 'ke.officer');
    const own = (await as(t.app, ke)('GET', `/api/v1/messages/${sent.json().id}`)).json();
    expect(own).toMatchObject({ mailbox: 'KE-CYBER', custody: 'self', content: null });
    expect(own.verification.status).toBe('unverifiable');
    expect(own.verification.problems).toEqual([]);
    expect(own.envelope.jwe.header.kid).toBe(keys.encryption.kid);
    const ownCopy = await openEnvelope(own.envelope, keys.encryption, undefined);
    expect(ownCopy.content?.body).toBe(body);
  });

  it('receives from the delivery queue, verifies, decrypts, acknowledges and signs a read receipt', async () => {
    const first = await prepare(['FR']);
    const question = await composeEnvelope(
      keys,
      first,
      { subject: 'Question', body: '?' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    expect((await sendEnvelope(question)).statusCode).toBe(201);
    const reply = await as(t.app, fr)('POST', '/api/v1/messages', {
      inReplyTo: question.header.id,
      to: ['KE-CYBER'],
      subject: 'Answer: subscriber of 198.51.100.23 is Ndege Ltd',
      body: 'Preserved for 90 days.',
    });
    expect(reply.statusCode).toBe(201);

    const queue = (await system('GET', '/api/v1/deliveries')).json();
    const envelope = queue.items.find((e: { id: string }) => e.id === reply.json().id);
    expect(envelope).toBeTruthy();
    expect(JSON.stringify(envelope)).not.toContain('Ndege');
    const directory = (await system('GET', '/api/v1/agencies/FR/keys')).json();
    const signer = directory.keys.find((k: { kid: string }) => k.kid === signatureKid(envelope.signature));
    const opened = await openEnvelope(envelope, keys.encryption, signer, envelope.sentAt);
    expect(opened.problems).toEqual([]);
    expect(opened.content?.subject).toBe('Answer: subscriber of 198.51.100.23 is Ndege Ltd');
    expect(envelope.header.threadId).toBe(question.header.id);

    expect((await system('POST', '/api/v1/deliveries/ack', { ids: [envelope.id] })).json()).toEqual({
      acknowledged: 1,
    });
    expect(
      (await system('GET', '/api/v1/deliveries')).json().items.map((e: { id: string }) => e.id),
    ).not.toContain(envelope.id);

    const payload: ReceiptPayload = {
      v: 1,
      message: envelope.id,
      agency: 'KE-CYBER',
      kind: 'read',
      at: t.clock.now().toISOString(),
      signature: sha256b64(envelope.signature),
    };
    const jws = await signReceipt(payload, await importPrivate(keys.signing, 'sig'), keys.signing.kid!);
    const forged = await signReceipt(
      payload,
      await importPrivate((await generateAgencyKeys()).signing.privateJwk, 'sig'),
      keys.signing.kid!,
    );
    expectProblem(
      await system('POST', `/api/v1/messages/${envelope.id}/receipts`, { kind: 'read', jws: forged }),
      400,
      'validation',
    );
    expectProblem(
      await system('POST', `/api/v1/messages/${envelope.id}/receipts`, { kind: 'read' }),
      400,
      'validation',
    );
    expectProblem(
      await system('POST', `/api/v1/messages/${envelope.id}/receipts`, { kind: 'delivered', jws }),
      400,
      'validation',
    );
    const receipt = await system('POST', `/api/v1/messages/${envelope.id}/receipts`, { kind: 'read', jws });
    expect(receipt.json()).toMatchObject({ kind: 'read', created: true });
    const senderView = (await as(t.app, fr)('GET', `/api/v1/messages/${envelope.id}`)).json();
    expect(senderView.recipients[0]).toMatchObject({
      agency: 'KE-CYBER',
      fetchedAt: expect.any(String),
      readAt: payload.at,
      receipts: [expect.objectContaining({ kind: 'read', valid: true })],
    });
  });

  it('finds a message by its sending time even when the sender’s clock, in its id, was minutes off', async () => {
    const now = t.clock.now().getTime();
    const sendWithIdAt = async (ms: number) => {
      const envelope = await composeEnvelope(
        keys,
        await prepare(['FR']),
        { subject: 's', body: 'b' },
        { id: uuidv7(ms) },
      );
      const sent = await sendEnvelope(envelope);
      expect(sent.statusCode, sent.body).toBe(201);
      return sent.json() as { id: string; sentAt: string };
    };
    const behind = await sendWithIdAt(now - 9.5 * 60_000);
    const ahead = await sendWithIdAt(now + 9.5 * 60_000);
    expect(behind.sentAt).toBe(new Date(now).toISOString());
    const window = async (since: number, until: number) =>
      (
        await as(t.app, fr)(
          'GET',
          `/api/v1/messages?box=inbox&since=${new Date(since).toISOString()}&until=${new Date(until).toISOString()}&limit=200`,
        )
      )
        .json()
        .items.map((m: { id: string }) => m.id);
    const around = await window(now, now + 1);
    expect(around).toContain(behind.id);
    expect(around).toContain(ahead.id);
    // Their sending time decides, not their ids' time.
    const before = await window(now - 10 * 60_000, now);
    expect(before).not.toContain(behind.id);
    const after = await window(now + 1, now + 10 * 60_000);
    expect(after).not.toContain(ahead.id);
  });

  it('refuses envelopes that are not what they claim, naming the field', async () => {
    const prepared = await prepare(['FR']);
    const make = () =>
      composeEnvelope(keys, prepared, { subject: 's', body: 'b' }, { id: uuidv7(t.clock.now().getTime()) });
    const field = async (envelope: object, extra: object = {}) =>
      expectProblem(await system('POST', '/api/v1/messages', { envelope, ...extra }), 400, 'validation')
        .errors?.[0]?.field;

    const altered = await make();
    expect(await field({ ...altered, header: { ...altered.header, priority: 'flash' } })).toBe(
      '/body/envelope/signature',
    );
    const wrongDigest = await make();
    expect(
      await field({ ...wrongDigest, jwe: { ...wrongDigest.jwe, tag: base64url.encode(new Uint8Array(16)) } }),
    ).toBe('/body/envelope/header/jwe');
    const missing = await make();
    expect(
      await field({ ...missing, jwe: { ...missing.jwe, recipients: missing.jwe.recipients.slice(1) } }),
    ).toBe('/body/envelope/jwe/recipients');
    const plain = await make();
    expect(await field(plain, { subject: 'also plain' })).toBe('/body/subject');
    // The same bytes in another text (spare bits set): refused before it is signed for or kept.
    let odd = await make();
    for (let n = 2; odd.jwe.ciphertext.length % 4 === 0; n++)
      odd = await composeEnvelope(
        keys,
        prepared,
        { subject: 's', body: 'b'.repeat(n) },
        { id: uuidv7(t.clock.now().getTime()) },
      );
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const text = odd.jwe.ciphertext;
    const spare = `${text.slice(0, -1)}${alphabet[alphabet.indexOf(text.at(-1)!) ^ 1]}`;
    expect(await field({ ...odd, jwe: { ...odd.jwe, ciphertext: spare } })).toBe(
      '/body/envelope/jwe/ciphertext',
    );
    const oldId = await composeEnvelope(
      keys,
      prepared,
      { subject: 's', body: 'b' },
      { id: uuidv7(Date.UTC(2020, 0, 1)) },
    );
    expect(await field(oldId)).toBe('/body/envelope/header/id');
    const notMine = await make();
    expect(await field({ ...notMine, header: { ...notMine.header, from: 'KE' } })).toBe(
      '/body/envelope/header/from',
    );

    // A self-held agency cannot have the server write for it; a server-held one cannot sign itself.
    expectProblem(
      await system('POST', '/api/v1/messages', { to: ['FR'], subject: 'plain' }),
      409,
      'key-custody',
    );
    const frKeys = await generateAgencyKeys();
    const pretend = await composeEnvelope(
      { agency: 'FR', signing: frKeys.signing.privateJwk, encryption: frKeys.encryption.privateJwk },
      {
        sender: { agency: 'FR', encryption: null },
        recipients: [{ agency: 'KE', kid: 'x', jwk: frKeys.encryption.publicJwk as never }],
        groups: [],
      },
      { subject: 's', body: 'b' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    expectProblem(await as(t.app, fr)('POST', '/api/v1/messages', { envelope: pretend }), 409, 'key-custody');
  });

  it('uploads attachments as encrypted chunks the server cannot open; server-held recipients download them', async () => {
    const chunkSize = 64 * 1024;
    const data = Buffer.alloc(chunkSize + 1000, 'y');
    data.write('DISK-IMAGE-SECTOR-ZERO-MARKER', 5);
    const named = await system('POST', '/api/v1/attachments', { size: data.length, name: 'image.dd' });
    expect(expectProblem(named, 400, 'validation').errors?.[0]?.field).toBe('/body/name');
    const upload = (await system('POST', '/api/v1/attachments', { size: data.length, chunkSize })).json();
    expect(upload).toMatchObject({ custody: 'self', chunks: 2 });
    const key = newAttachmentKey();
    const put = (index: number, compact: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/attachments/${upload.id}/chunks/${index}`,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/jose' },
        payload: compact,
      });
    const chunk0 = await encryptChunk(key, upload.id, 0, data.subarray(0, chunkSize));
    const chunk1 = await encryptChunk(key, upload.id, 1, data.subarray(chunkSize));
    expectProblem(await put(1, chunk0), 400, 'validation');
    expect((await put(0, chunk0)).statusCode).toBe(200);
    expect((await put(1, chunk1)).json().complete).toBe(true);
    const attachment: ContentAttachment = {
      id: upload.id,
      name: 'image.dd',
      contentType: 'application/octet-stream',
      size: data.length,
      chunks: 2,
      chunkSize,
      key: base64url.encode(key),
      sha256: 'not-checked-here',
    };
    const envelope = await composeEnvelope(
      keys,
      await prepare(['FR']),
      { subject: 'Disk image', body: 'attached', attachments: [attachment] },
      {
        id: uuidv7(t.clock.now().getTime()),
      },
    );
    const sent = await sendEnvelope(envelope);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await tablesContaining(t.ctx.db, 'DISK-IMAGE-SECTOR-ZERO-MARKER')).toEqual([]);
    const download = await as(t.app, fr)(
      'GET',
      `/api/v1/messages/${sent.json().id}/attachments/${upload.id}`,
    );
    expect(Buffer.compare(download.rawPayload, data)).toBe(0);
    const raw = await system('GET', `/api/v1/messages/${sent.json().id}/attachments/${upload.id}/chunks/1`);
    expect(raw.headers['content-type']).toContain('application/jose');
    expect(raw.body).toBe(chunk1);
  });

  it('rotation retires the old keys, which still verify what they signed; revocation is shown', async () => {
    const prepared = await prepare(['FR']);
    const before = await composeEnvelope(
      keys,
      prepared,
      { subject: 'Before rotation', body: '…' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    const sent = (await sendEnvelope(before)).json();
    const next = await generateAgencyKeys();
    const rotated = await system('POST', '/api/v1/keys', {
      custody: 'self',
      signing: next.signing.publicJwk,
      encryption: next.encryption.publicJwk,
    });
    expect(rotated.statusCode).toBe(201);
    const statuses = Object.fromEntries(
      rotated.json().keys.map((k: { kid: string; status: string }) => [k.kid, k.status]),
    );
    expect(statuses[keys.signing.kid!]).toBe('retired');
    expect(statuses[next.signing.kid]).toBe('active');
    expect((await as(t.app, fr)('GET', `/api/v1/messages/${sent.id}`)).json().verification).toMatchObject({
      status: 'valid',
      keyStatus: 'retired',
    });
    t.clock.advance(60_000);
    const revoked = await system('POST', `/api/v1/keys/${keys.signing.kid}/revoke`, {
      reason: 'laptop lost',
    });
    expect(revoked.statusCode).toBe(200);
    const after = (await as(t.app, fr)('GET', `/api/v1/messages/${sent.id}`)).json().verification;
    expect(after.status).toBe('valid');
    expect(after.warnings[0]).toMatch(/revoked/);
    // The old key no longer signs: a message signed with it is refused.
    const stale = await composeEnvelope(
      keys,
      await prepare(['FR']),
      { subject: 'late', body: '…' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    expect(expectProblem(await sendEnvelope(stale), 400, 'validation').errors?.[0]?.field).toBe(
      '/body/envelope/signature',
    );
    keys = { agency: 'KE-CYBER', signing: next.signing.privateJwk, encryption: next.encryption.privateJwk };
    const fresh = await composeEnvelope(
      keys,
      await prepare(['FR']),
      { subject: 'fresh', body: '…' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    expect((await sendEnvelope(fresh)).statusCode).toBe(201);
    // Unused here, but the flattened view is what a webhook carries.
    expect(flattened(fresh.jwe, fresh.jwe.recipients[0]!).header?.kid).toBeTruthy();
  });

  it('a revoked signing key stops the agency signing, not others writing to it', async () => {
    const current = (await system('GET', '/api/v1/agencies/KE-CYBER/keys')).json();
    const signing = current.keys.find(
      (k: { use: string; status: string }) => k.use === 'sig' && k.status === 'active',
    );
    expect(
      (await system('POST', `/api/v1/keys/${signing.kid}/revoke`, { reason: 'signing key exposed' }))
        .statusCode,
    ).toBe(200);
    // FR still reaches KE-CYBER: its encryption key is active.
    const incoming = await as(t.app, fr)('POST', '/api/v1/messages', {
      to: ['KE-CYBER'],
      subject: 'Still reachable',
      body: 'Your signing key was revoked; your encryption key was not.',
    });
    expect(incoming.statusCode).toBe(201);
    expect(
      (await as(t.app, fr)('POST', '/api/v1/messages/recipients', { to: ['KE-CYBER'] })).statusCode,
    ).toBe(200);
    // KE-CYBER itself cannot sign until it publishes a new signing key.
    const unsigned = await composeEnvelope(
      keys,
      await prepare(['FR']),
      { subject: 'after revocation', body: '…' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    expectProblem(await sendEnvelope(unsigned), 409, 'no-signing-key');
    const next = await generateAgencyKeys();
    expect(
      (
        await system('POST', '/api/v1/keys', {
          custody: 'self',
          signing: next.signing.publicJwk,
          encryption: next.encryption.publicJwk,
        })
      ).statusCode,
    ).toBe(201);
    keys = { agency: 'KE-CYBER', signing: next.signing.privateJwk, encryption: next.encryption.privateJwk };
  });

  it('refuses a forward that loosens the original’s markings', async () => {
    const original = await as(t.app, fr)('POST', '/api/v1/messages', {
      to: ['KE-CYBER'],
      subject: 'H2 evidence for the unit',
      body: 'Not to go further without asking.',
      handling: 'H2',
      tlp: 'AMBER',
    });
    expect(original.statusCode, original.body).toBe(201);
    const forward = (markings: { handling: 'H0' | 'H2'; tlp: 'CLEAR' | 'AMBER' }) =>
      prepare(['US']).then((prepared) =>
        composeEnvelope(
          keys,
          prepared,
          { subject: 'Fwd', body: 'see below', forwardOf: original.json().id, ...markings },
          { id: uuidv7(t.clock.now().getTime()) },
        ),
      );
    const loosened = await sendEnvelope(await forward({ handling: 'H0', tlp: 'CLEAR' }));
    expect(
      expectProblem(loosened, 400, 'validation')
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['/body/envelope/header/handling', '/body/envelope/header/tlp']);
    // Kept as they were, the forward meets the H2 rule: the originator's permission first.
    expectProblem(
      await sendEnvelope(await forward({ handling: 'H2', tlp: 'AMBER' })),
      403,
      'forward-permission-required',
    );
  });

  it('leaves a self-held unit’s delivery queue to the unit’s own system', async () => {
    const sent = await as(t.app, fr)('POST', '/api/v1/messages', {
      to: ['KE-CYBER'],
      subject: 'For the unit’s system',
      body: '…',
    });
    expect(sent.statusCode).toBe(201);
    const admin = await signIn(t.app, 'ke.admin');
    const bureau = withKey(
      t.app,
      (
        await as(t.app, admin)('POST', '/api/v1/api-keys', {
          name: 'KE bureau system',
          permissions: ['messages:read'],
        })
      ).json().key,
    );
    const own = (await bureau('GET', '/api/v1/deliveries')).json().items;
    expect(own.map((e: { id: string }) => e.id)).not.toContain(sent.json().id);
    expect(
      expectProblem(await bureau('GET', '/api/v1/deliveries?mailbox=KE-CYBER'), 400, 'validation').errors?.[0]
        ?.field,
    ).toBe('/query/mailbox');
    expectProblem(
      await bureau('POST', '/api/v1/deliveries/ack', { ids: [sent.json().id], mailbox: 'KE-CYBER' }),
      400,
      'validation',
    );
    const unitQueue = (await system('GET', '/api/v1/deliveries')).json().items;
    expect(unitQueue.map((e: { id: string }) => e.id)).toContain(sent.json().id);
  });

  it('says a system whose signing key was revoked has none, not that its keys are server-held', async () => {
    const revoked = await system('POST', `/api/v1/keys/${keys.signing.kid}/revoke`, { reason: 'compromise' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const envelope = await composeEnvelope(
      keys,
      await prepare(['FR']),
      { subject: 'after revocation', body: '…' },
      { id: uuidv7(t.clock.now().getTime()) },
    );
    expect(expectProblem(await sendEnvelope(envelope), 409, 'no-signing-key').detail).toMatch(/keys publish/);
  });
});

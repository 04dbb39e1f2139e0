/**
 * The `concord` commands a self-held agency's system uses: generate and publish keys, send
 * (with an attachment), receive, verify, decrypt and receipt — against a running server,
 * whose web users on the other side read and answer.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { type RunningServer, startServer } from '../src/platform/server.ts';
import { ADMIN_PASSWORD, as, DEMO_PASSWORD, type Session, signIn, testDatabaseUrl } from './helpers.ts';

const BIN = path.resolve('bin/concord.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-msg-'));
let server: RunningServer;
let drop: () => Promise<void>;
let baseUrl: string;
let apiKey: string;
let fr: Session;

/** Runs the CLI without blocking this process, which serves its requests. */
function concord(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CONCORD_URL: baseUrl,
        CONCORD_API_KEY: apiKey,
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const database = await testDatabaseUrl();
  drop = database.drop;
  server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CONCORD_DATA_DIR: path.join(dir, 'data'),
      CONCORD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
      CONCORD_DEMO: 'on',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    }),
  );
  const address = server.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const admin = await signIn(server.app, 'ke.admin');
  apiKey = (
    await as(server.app, admin)('POST', '/api/v1/api-keys', {
      agency: 'KE-CYBER',
      name: 'KE-CYBER case system',
      permissions: ['messages:read', 'messages:send', 'messaging:manage', 'urgent:read', 'urgent:write'],
    })
  ).json().key;
  fr = await signIn(server.app, 'fr.officer');
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('concord keys and message', { timeout: 180_000 }, () => {
  const keys = path.join(dir, 'keys');
  const inbox = path.join(dir, 'inbox');

  it('generates keys into a private folder and publishes their public halves', async () => {
    const generated = await concord(['keys', 'generate', '--agency', 'KE-CYBER', '--out', keys]);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/Signing key {4}\S{43}/);
    const mode = fs.statSync(path.join(keys, 'signing.private.jwk.json')).mode & 0o777;
    expect(mode).toBe(0o600);
    const again = await concord(['keys', 'generate', '--agency', 'KE-CYBER', '--out', keys]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('never overwritten');
    const published = await concord(['keys', 'publish', '--keys', keys]);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain('KE-CYBER is now self-held');
    const noKey = await concord(['keys', 'publish', '--keys', keys], { CONCORD_API_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('CONCORD_API_KEY');
  });

  it('sends an encrypted, signed message with an attachment, which the recipient reads and verifies', async () => {
    const bodyFile = path.join(dir, 'body.txt');
    fs.writeFileSync(
      bodyFile,
      'Wallet bc1qmsafarixxxx received the ransom; please preserve exchange records.',
    );
    const evidence = path.join(dir, 'evidence.bin');
    fs.writeFileSync(evidence, Buffer.alloc(300_000, 7));
    const sent = await concord([
      'message',
      'send',
      '--to',
      'FR',
      '--subject',
      'Ransom wallet Msafiri-Trail',
      '--body-file',
      bodyFile,
      '--priority',
      'urgent',
      '--handling',
      'H2',
      '--attach',
      evidence,
      '--keys',
      keys,
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    const [, reference, id] = /Sent (MSG-KE-CYBER-\d{4}-\d{6}) \(([0-9a-f-]{36})\)/.exec(sent.stdout) ?? [];
    expect(reference).toBeTruthy();
    const read = (await as(server.app, fr)('GET', `/api/v1/messages/${id}`)).json();
    expect(read.content).toMatchObject({
      subject: 'Ransom wallet Msafiri-Trail',
      attachments: [{ name: 'evidence.bin', size: 300_000 }],
    });
    expect(read.verification.status).toBe('valid');
    const download = await as(server.app, fr)(
      'GET',
      `/api/v1/messages/${id}/attachments/${read.content.attachments[0].id}`,
    );
    expect(Buffer.compare(download.rawPayload, fs.readFileSync(evidence))).toBe(0);

    const badChoice = await concord([
      'message',
      'send',
      '--to',
      'FR',
      '--subject',
      'x',
      '--tlp',
      'PINK',
      '--keys',
      keys,
    ]);
    expect(badChoice.code).toBe(2);
  });

  it('receives answers, verifies and decrypts them, acknowledges and receipts; verify catches tampering', async () => {
    const received = (await as(server.app, fr)('GET', '/api/v1/messages?box=inbox')).json().items[0];
    const reply = await as(server.app, fr)('POST', '/api/v1/messages', {
      inReplyTo: received.id,
      to: ['KE-CYBER'],
      subject: 'Re: Ransom wallet',
      body: 'Exchange records preserved under PR-FR-2026-0001.',
    });
    expect(reply.statusCode).toBe(201);
    const first = await concord(['message', 'receive', '--keys', keys, '--out', inbox]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/MSG-FR-\d{4}-\d{6} {2}from FR {2}routine {2}verified/);
    const saved = JSON.parse(fs.readFileSync(path.join(inbox, `${reply.json().id}.json`), 'utf8'));
    expect(saved.content.body).toBe('Exchange records preserved under PR-FR-2026-0001.');
    expect(saved.verification).toEqual({ valid: true, problems: [], warnings: [] });
    expect((await concord(['message', 'receive', '--keys', keys, '--out', inbox])).stdout).toContain(
      '0 messages received',
    );

    const envelopeFile = path.join(inbox, `${reply.json().id}.envelope.json`);
    const verified = await concord(['message', 'verify', envelopeFile, '--keys', keys]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('Valid: signed by FR');
    const decrypted = await concord(['message', 'decrypt', envelopeFile, '--keys', keys]);
    expect(JSON.parse(decrypted.stdout).subject).toBe('Re: Ransom wallet');

    const tampered = JSON.parse(fs.readFileSync(envelopeFile, 'utf8'));
    tampered.header.priority = 'flash';
    const tamperedFile = path.join(dir, 'tampered.json');
    fs.writeFileSync(tamperedFile, JSON.stringify(tampered));
    const caught = await concord(['message', 'verify', tamperedFile]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('INVALID');

    const receipt = await concord(['message', 'receipt', reply.json().id, '--kind', 'read', '--keys', keys]);
    expect(receipt.code, receipt.stderr).toBe(0);
    const senderView = (await as(server.app, fr)('GET', `/api/v1/messages/${reply.json().id}`)).json();
    expect(senderView.recipients[0]).toMatchObject({
      agency: 'KE-CYBER',
      fetchedAt: expect.any(String),
      readAt: expect.any(String),
    });
    expect(
      senderView.recipients[0].receipts.map((r: { kind: string; valid: boolean }) => [r.kind, r.valid]),
    ).toEqual([
      ['delivered', true],
      ['read', true],
    ]);
  });

  it('answers with --reply-to alone: the parent’s sender, subject and markings — never lowered to H1/AMBER', async () => {
    const asked = await as(server.app, fr)('POST', '/api/v1/messages', {
      to: ['KE-CYBER'],
      subject: 'Wallet owner, H2',
      body: 'Not to go further without asking.',
      handling: 'H2',
      tlp: 'RED',
    });
    expect(asked.statusCode).toBe(201);
    const answered = await concord([
      'message',
      'send',
      '--reply-to',
      asked.json().id,
      '--body',
      'Identified; details follow.',
      '--keys',
      keys,
    ]);
    expect(answered.code, answered.stderr).toBe(0);
    const id = /\(([0-9a-f-]{36})\)/.exec(answered.stdout)![1]!;
    const reply = (await as(server.app, fr)('GET', `/api/v1/messages/${id}`)).json();
    expect(reply).toMatchObject({
      from: 'KE-CYBER',
      to: ['FR'],
      handling: 'H2',
      tlp: 'RED',
      threadId: asked.json().threadId,
      inReplyTo: asked.json().id,
    });
    expect(reply.content.subject).toBe('Re: Wallet owner, H2');
    // Given, the sender's own markings stand: a reply may be marked stricter or not.
    const own = await concord([
      'message',
      'send',
      '--reply-to',
      asked.json().id,
      '--tlp',
      'AMBER',
      '--body',
      '…',
      '--keys',
      keys,
    ]);
    const ownId = /\(([0-9a-f-]{36})\)/.exec(own.stdout)![1]!;
    expect((await as(server.app, fr)('GET', `/api/v1/messages/${ownId}`)).json()).toMatchObject({
      handling: 'H2',
      tlp: 'AMBER',
    });
  });

  it('refuses a correspondent’s key it has not met until someone accepts it, as after FR rotates its keys', async () => {
    // What an operator swapping a key in the directory would look like to this system.
    const frAdmin = await signIn(server.app, 'fr.admin');
    const rotated = await as(server.app, frAdmin)('POST', '/api/v1/keys', { custody: 'server' });
    expect(rotated.statusCode, rotated.body).toBe(201);
    const send = (extra: string[] = []) =>
      concord(['message', 'send', '--to', 'FR', '--subject', 'after rotation', '--keys', keys, ...extra]);
    const refused = await send();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Not sent: FR's encryption key is new to this system .*--accept-keys FR/);
    const accepted = await send(['--accept-keys', 'FR']);
    expect(accepted.code, accepted.stderr).toBe(0);
    const known = JSON.parse(fs.readFileSync(path.join(keys, 'known-keys.json'), 'utf8'));
    const newKid = rotated.json().keys.find((k: { use: string }) => k.use === 'enc').kid;
    expect(Object.keys(known.FR)).toContain(newKid);
    expect((await send()).code).toBe(0);
  });

  it('opens what was encrypted to its keys before a rotation, given the earlier folder (--previous-keys)', async () => {
    const sent = await as(server.app, fr)('POST', '/api/v1/messages', {
      to: ['KE-CYBER'],
      subject: 'Just before rotation',
      body: 'Encrypted to the key about to be retired.',
    });
    expect(sent.statusCode).toBe(201);
    const rotated = path.join(dir, 'keys-2');
    expect((await concord(['keys', 'generate', '--agency', 'KE-CYBER', '--out', rotated])).code).toBe(0);
    const published = await concord(['keys', 'publish', '--keys', rotated]);
    expect(published.code, published.stderr).toBe(0);
    const out = path.join(dir, 'inbox-2');
    const receive = (extra: string[]) =>
      concord(['message', 'receive', '--keys', rotated, '--out', out, '--accept-keys', 'FR', ...extra]);
    // With the new keys alone it cannot open it, says so, and (with --no-ack) leaves it queued.
    const without = await receive(['--no-ack']);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('NOT VERIFIED');
    const withPrevious = await receive(['--previous-keys', keys]);
    expect(withPrevious.code, withPrevious.stdout + withPrevious.stderr).toBe(0);
    const saved = JSON.parse(fs.readFileSync(path.join(out, `${sent.json().id}.json`), 'utf8'));
    expect(saved.content.body).toBe('Encrypted to the key about to be retired.');
    const decrypted = await concord([
      'message',
      'decrypt',
      path.join(out, `${sent.json().id}.envelope.json`),
      '--keys',
      rotated,
      '--previous-keys',
      keys,
    ]);
    expect(JSON.parse(decrypted.stdout).subject).toBe('Just before rotation');
  });

  it('sends an urgent request with its form checked, encrypted to the point of contact, and its clocks started', async () => {
    const rotated = path.join(dir, 'keys-2');
    const formFile = path.join(dir, 'advice.json');
    fs.writeFileSync(
      formFile,
      JSON.stringify({ requestingAuthority: 'KE cybercrime unit', topic: 'Wallet clustering' }),
    );
    const incomplete = await concord([
      'urgent',
      'send',
      '--to',
      'FR',
      '--type',
      'technical-advice',
      '--form',
      formFile,
      '--keys',
      rotated,
    ]);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toContain('/form/question');
    fs.writeFileSync(
      formFile,
      JSON.stringify({
        requestingAuthority: 'KE cybercrime unit',
        topic: 'Wallet clustering',
        question: 'Which heuristics tie these change addresses to the exchange?',
      }),
    );
    const sent = await concord([
      'urgent',
      'send',
      '--to',
      'FR',
      '--type',
      'technical-advice',
      '--form',
      formFile,
      '--keys',
      rotated,
      '--accept-keys',
      'FR,FR-CYBER',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    const reference = /Sent (TA-KE-CYBER-\d{4}-\d+|TA-[A-Z-]+-\d{4}-\d+) \(([0-9a-f-]{36})\)/.exec(
      sent.stdout,
    );
    expect(reference, sent.stdout).not.toBeNull();
    // The French point of contact reads the structured form; the server never could.
    const frRequest = (await as(server.app, fr)('GET', `/api/v1/urgent-requests/${reference![2]}`)).json();
    expect(frRequest).toMatchObject({ type: 'technical-advice', status: 'sent' });
    const message = (await as(server.app, fr)('GET', `/api/v1/messages/${frRequest.messageId}`)).json();
    expect(message.content.form).toEqual({
      type: 'technical-advice',
      fields: expect.objectContaining({ topic: 'Wallet clustering' }),
    });
    // A form delivered before a refusal (say, a key without urgent:write) is linked, not sent again.
    const pointOfContact = / to ([A-Z-]+);/.exec(sent.stdout)![1]!;
    const delivered = await concord([
      'message',
      'send',
      '--to',
      pointOfContact,
      '--subject',
      'Technical advice (FR)',
      '--body',
      'form',
      '--keys',
      rotated,
    ]);
    expect(delivered.code, delivered.stderr).toBe(0);
    const messageId = /\(([0-9a-f-]{36})\)/.exec(delivered.stdout)![1]!;
    const linked = await concord([
      'urgent',
      'send',
      '--to',
      'FR',
      '--type',
      'technical-advice',
      '--form',
      formFile,
      '--keys',
      rotated,
      '--message-id',
      messageId,
    ]);
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.stdout).toMatch(/^Opened TA-/);
  });

  it('lists the messaging commands in its help', async () => {
    const keysHelp = await concord(['keys', '--help']);
    expect(keysHelp.code).toBe(0);
    for (const command of ['generate', 'publish', 'rewrap']) expect(keysHelp.stdout).toContain(command);
    const messageHelp = await concord(['message', '--help']);
    expect(messageHelp.code).toBe(0);
    for (const command of ['send', 'receive', 'decrypt', 'verify', 'receipt'])
      expect(messageHelp.stdout).toContain(command);
  });
});

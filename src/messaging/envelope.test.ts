import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AgencyPrivateKeys,
  composeEnvelope,
  type DirectoryKey,
  openEnvelope,
  uuidv7,
} from './client.ts';
import {
  decryptChunk,
  encryptChunk,
  flattened,
  generateAgencyKeys,
  importPrivate,
  importPublic,
  isCanonicalB64url,
  newAttachmentKey,
  publicJwkProblem,
  signReceipt,
  thumbprint,
  verifyReceipt,
} from './envelope.ts';

let ke: AgencyPrivateKeys;
let fr: AgencyPrivateKeys;
let keDirectory: DirectoryKey;
let frPublic: { kid: string; jwk: Record<string, unknown> };

beforeAll(async () => {
  const [k, f] = await Promise.all([generateAgencyKeys(), generateAgencyKeys()]);
  ke = { agency: 'KE', signing: k.signing.privateJwk, encryption: k.encryption.privateJwk };
  fr = { agency: 'FR', signing: f.signing.privateJwk, encryption: f.encryption.privateJwk };
  keDirectory = {
    kid: k.signing.kid,
    agency: 'KE',
    use: 'sig',
    jwk: k.signing.publicJwk as never,
    status: 'active',
    revokedAt: null,
  };
  frPublic = { kid: f.encryption.kid, jwk: f.encryption.publicJwk as never };
});

const prepared = () => ({
  sender: { agency: 'KE', encryption: null },
  recipients: [{ agency: 'FR', ...frPublic }],
  groups: [],
});

async function sealed(subject = 'Ransomware: C2 server in your jurisdiction') {
  const envelope = await composeEnvelope(ke, prepared(), {
    subject,
    body: 'IP 203.0.113.7, seen 2026-03-01T10:00Z',
  });
  const entry = envelope.jwe.recipients[0]!;
  const received = {
    header: envelope.header,
    signature: envelope.signature,
    jwe: flattened(envelope.jwe, entry),
  };
  return { envelope, received };
}

describe('message envelopes', () => {
  it('round-trip: the recipient verifies and decrypts; the ciphertext does not contain the subject', async () => {
    const { envelope, received } = await sealed();
    expect(JSON.stringify(envelope)).not.toContain('Ransomware');
    const opened = await openEnvelope(received, fr.encryption, keDirectory);
    expect(opened.problems).toEqual([]);
    expect(opened.valid).toBe(true);
    expect(opened.content?.subject).toBe('Ransomware: C2 server in your jurisdiction');
    expect(opened.content?.from).toBe('KE');
  });

  it('a message sent to an earlier key of the reader is said to be so, not altered', async () => {
    const { received } = await sealed();
    const addressed = received.header.recipients.FR!;
    // This system's key now: FR took custody from the server after the message was sent.
    const later = await generateAgencyKeys();
    const opened = await openEnvelope(received, later.encryption.privateJwk, keDirectory, undefined, {
      agency: 'FR',
      kid: later.encryption.kid,
    });
    expect(opened.valid).toBe(false);
    expect(opened.problems).toEqual([
      `encrypted for FR's earlier key ${addressed}, not this system's ${later.encryption.kid}: read it where that key is held (the web UI, if the server held it)`,
    ]);
    // With the key it was sent to, it opens as it should.
    const right = await openEnvelope(received, fr.encryption, keDirectory, undefined, {
      agency: 'FR',
      kid: addressed,
    });
    expect(right.problems).toEqual([]);
  });

  it('a changed ciphertext is detected', async () => {
    const { received } = await sealed();
    const bytes = base64url.decode(received.jwe.ciphertext);
    bytes[0] = bytes[0]! ^ 0x01;
    const opened = await openEnvelope(
      { ...received, jwe: { ...received.jwe, ciphertext: base64url.encode(bytes) } },
      fr.encryption,
      keDirectory,
    );
    expect(opened.valid).toBe(false);
    expect(opened.problems).toContain('the ciphertext differs from what the sender signed');
    expect(opened.problems).toContain(
      'the ciphertext does not decrypt: it was altered or is not for this key',
    );
  });

  it('a changed signature, or changed metadata, is detected', async () => {
    const { received } = await sealed();
    const [h, , s] = received.signature.split('.');
    const sig = base64url.decode(s!);
    sig[5] = sig[5]! ^ 0xff;
    const badSignature = await openEnvelope(
      { ...received, signature: `${h}..${base64url.encode(sig)}` },
      fr.encryption,
      keDirectory,
    );
    expect(badSignature.valid).toBe(false);
    expect(badSignature.problems[0]).toMatch(/signature does not verify/);
    const downgraded = await openEnvelope(
      { ...received, header: { ...received.header, handling: 'H0' } },
      fr.encryption,
      keDirectory,
    );
    expect(downgraded.valid).toBe(false);
  });

  it('another agency re-signing the ciphertext as its own is detected by the content', async () => {
    const { received } = await sealed();
    const mallory = await generateAgencyKeys();
    const { signHeader } = await import('./envelope.ts');
    const header = { ...received.header, from: 'XX' };
    const signature = await signHeader(
      header,
      await importPrivate(mallory.signing.privateJwk, 'sig'),
      mallory.signing.kid,
    );
    const opened = await openEnvelope({ header, signature, jwe: received.jwe }, fr.encryption, {
      kid: mallory.signing.kid,
      agency: 'XX',
      use: 'sig',
      jwk: mallory.signing.publicJwk as never,
      status: 'active',
      revokedAt: null,
    });
    expect(opened.problems).toContain('the content says it is from KE, not XX');
  });

  it('a key revoked before sending invalidates; after, it warns', async () => {
    const { received } = await sealed();
    const revoked = { ...keDirectory, status: 'revoked' as const, revokedAt: '2026-01-01T00:00:00.000Z' };
    expect((await openEnvelope(received, fr.encryption, revoked, '2026-02-01T00:00:00.000Z')).valid).toBe(
      false,
    );
    const later = await openEnvelope(received, fr.encryption, revoked, '2025-12-01T00:00:00.000Z');
    expect(later.valid).toBe(true);
    expect(later.warnings[0]).toMatch(/revoked/);
  });

  it('ids are UUIDv7 at the time given', () => {
    const id = uuidv7(Date.UTC(2026, 0, 15, 9));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 0, 15, 9));
  });
});

describe('attachment chunks', () => {
  it('decrypt only at their own place in their own attachment', async () => {
    const key = newAttachmentKey();
    const data = new TextEncoder().encode('disk image block 0');
    const chunk = await encryptChunk(key, 'att-1', 0, data);
    expect(new TextDecoder().decode(await decryptChunk(key, chunk, 'att-1', 0))).toBe('disk image block 0');
    await expect(decryptChunk(key, chunk, 'att-1', 1)).rejects.toThrow(/idx 1/);
    await expect(decryptChunk(key, chunk, 'att-2', 0)).rejects.toThrow(/att/);
    await expect(decryptChunk(newAttachmentKey(), chunk, 'att-1', 0)).rejects.toThrow();
  });
});

describe('keys and receipts', () => {
  it('kids are RFC 7638 thumbprints; private keys are refused as public ones', async () => {
    const keys = await generateAgencyKeys();
    expect(keys.signing.kid).toBe(await thumbprint(keys.signing.publicJwk));
    expect(publicJwkProblem(keys.signing.publicJwk as never, 'sig')).toBeNull();
    expect(publicJwkProblem(keys.signing.privateJwk as never, 'sig')).toMatch(/private/);
    expect(publicJwkProblem(keys.encryption.publicJwk as never, 'sig')).toMatch(/Ed25519/);
    // One text per key: another text of the same key (spare bits set), or an X25519 key with
    // the top bit it ignores set, would publish the same key again under another key id.
    const x = keys.encryption.publicJwk.x as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spare = `${x.slice(0, -1)}${alphabet[alphabet.indexOf(x.at(-1)!) ^ 1]}`;
    expect(Buffer.from(spare, 'base64url').equals(Buffer.from(x, 'base64url'))).toBe(true);
    expect(publicJwkProblem({ ...keys.encryption.publicJwk, x: spare } as never, 'enc')).toMatch(/canonical/);
    const bytes = Buffer.from(x, 'base64url');
    bytes[31] = bytes[31]! | 0x80;
    expect(
      publicJwkProblem({ ...keys.encryption.publicJwk, x: bytes.toString('base64url') } as never, 'enc'),
    ).toMatch(/top bit/);
    expect(isCanonicalB64url(x)).toBe(true);
    expect(isCanonicalB64url(spare)).toBe(false);
  });

  it('a receipt verifies only under the recipient’s key', async () => {
    const keys = await generateAgencyKeys();
    const payload = {
      v: 1 as const,
      message: 'm',
      agency: 'FR',
      kind: 'read' as const,
      at: new Date().toISOString(),
      signature: 'x',
    };
    const jws = await signReceipt(
      payload,
      await importPrivate(keys.signing.privateJwk, 'sig'),
      keys.signing.kid,
    );
    expect(await verifyReceipt(jws, await importPublic(keys.signing.publicJwk, 'sig'))).toEqual(payload);
    const other = await generateAgencyKeys();
    expect(await verifyReceipt(jws, await importPublic(other.signing.publicJwk, 'sig'))).toBeNull();
  });
});

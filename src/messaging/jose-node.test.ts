import {
  base64url,
  CompactSign,
  type CryptoKey,
  compactVerify,
  type FlattenedJWE,
  flattenedDecrypt,
  GeneralEncrypt,
  generalDecrypt,
  generateKeyPair,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptFlattened, encryptGeneral, signCompact, verifyCompact } from './jose-node.ts';

// The wire format must stay plain JOSE: what jose-node writes, jose reads, and the reverse.

let signing: { publicKey: CryptoKey; privateKey: CryptoKey };
let alice: { publicKey: CryptoKey; privateKey: CryptoKey };
let bob: { publicKey: CryptoKey; privateKey: CryptoKey };
const text = new TextEncoder();
const plaintext = text.encode('Preserve the logs of 203.0.113.7 — Щербаков, محمد');

beforeAll(async () => {
  signing = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  alice = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
  bob = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
});

const options = { keyManagementAlgorithms: ['ECDH-ES+A256KW'], contentEncryptionAlgorithms: ['A256GCM'] };

function entryOf(jwe: ReturnType<typeof encryptGeneral>, index: number): FlattenedJWE {
  const { recipients, ...shared } = jwe;
  return { ...shared, ...recipients[index]! } as FlattenedJWE;
}

describe('JWS (EdDSA)', () => {
  it('signs what jose verifies, and verifies what jose signs', async () => {
    const jws = signCompact(plaintext, { kid: 'k1', typ: 'x+json' }, signing.privateKey);
    const checked = await compactVerify(jws, signing.publicKey, { algorithms: ['EdDSA'] });
    expect(checked.payload).toEqual(plaintext);
    expect(checked.protectedHeader).toEqual({ alg: 'EdDSA', kid: 'k1', typ: 'x+json' });

    const theirs = await new CompactSign(plaintext)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k2' })
      .sign(signing.privateKey);
    const ours = verifyCompact(theirs, signing.publicKey);
    expect(new Uint8Array(ours.payload)).toEqual(plaintext);
    expect(ours.protectedHeader.kid).toBe('k2');
  });

  it('refuses an altered payload, another key, another algorithm and crit', async () => {
    const jws = signCompact(plaintext, { kid: 'k1' }, signing.privateKey);
    const [h, , s] = jws.split('.');
    expect(() => verifyCompact(`${h}.${base64url.encode('other')}.${s}`, signing.publicKey)).toThrow(
      /does not verify/,
    );
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    expect(() => verifyCompact(jws, other.publicKey)).toThrow(/does not verify/);
    const none = `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${jws.split('.')[1]}.`;
    expect(() => verifyCompact(none, signing.publicKey)).toThrow(/alg must be EdDSA/);
    const crit = signCompact(plaintext, { crit: ['exp'], exp: 1 }, signing.privateKey);
    expect(() => verifyCompact(crit, signing.publicKey)).toThrow(/crit/);
    expect(() => verifyCompact('a.b', signing.publicKey)).toThrow(/compact JWS/);
    expect(() => verifyCompact(jws, signing.privateKey)).toThrow(/public key/);
  });
});

describe('JWE (ECDH-ES+A256KW, X25519, A256GCM)', () => {
  it('encrypts for several recipients what jose decrypts', async () => {
    const jwe = encryptGeneral(plaintext, { cty: 'x+json', mid: 'm1' }, [
      { key: alice.publicKey, header: { kid: 'alice' } },
      { key: bob.publicKey, header: { kid: 'bob' } },
    ]);
    expect(jwe.recipients.map((r) => r.header?.kid)).toEqual(['alice', 'bob']);
    for (const [index, key] of [alice.privateKey, bob.privateKey].entries()) {
      const opened = await flattenedDecrypt(entryOf(jwe, index), key, options);
      expect(opened.plaintext).toEqual(plaintext);
      expect(opened.protectedHeader).toEqual({ cty: 'x+json', mid: 'm1', enc: 'A256GCM' });
    }
    const general = await generalDecrypt(jwe, bob.privateKey, options);
    expect(general.plaintext).toEqual(plaintext);
    // One ephemeral key for the message, a key-encryption key per recipient.
    const [a, b] = jwe.recipients.map((r) => r.header as { epk: unknown });
    expect(a!.epk).toEqual(b!.epk);
    expect(jwe.recipients[0]!.encrypted_key).not.toBe(jwe.recipients[1]!.encrypted_key);
    // A new message, a new ephemeral key.
    const again = encryptGeneral(plaintext, {}, [{ key: alice.publicKey, header: { kid: 'alice' } }]);
    expect((again.recipients[0]!.header as { epk: unknown }).epk).not.toEqual(a!.epk);
  });

  it('decrypts what jose encrypts, party info included', async () => {
    const jwe = await new GeneralEncrypt(plaintext)
      .setProtectedHeader({ enc: 'A256GCM', cty: 'x+json' })
      .addRecipient(alice.publicKey)
      .setUnprotectedHeader({ alg: 'ECDH-ES+A256KW', kid: 'alice' })
      .setKeyManagementParameters({ apu: text.encode('Alice'), apv: text.encode('Bob') })
      .addRecipient(bob.publicKey)
      .setUnprotectedHeader({ alg: 'ECDH-ES+A256KW', kid: 'bob' })
      .encrypt();
    const { recipients, ...shared } = jwe;
    const asAlice = decryptFlattened({ ...shared, ...recipients[0]! } as FlattenedJWE, alice.privateKey);
    expect(new Uint8Array(asAlice.plaintext)).toEqual(plaintext);
    const asBob = decryptFlattened({ ...shared, ...recipients[1]! } as FlattenedJWE, bob.privateKey);
    expect(new Uint8Array(asBob.plaintext)).toEqual(plaintext);
  });

  it('refuses the wrong key, altered parts, a truncated tag and other algorithms', () => {
    const jwe = encryptGeneral(plaintext, { mid: 'm1' }, [
      { key: alice.publicKey, header: { kid: 'alice' } },
    ]);
    const entry = entryOf(jwe, 0);
    expect(() => decryptFlattened(entry, bob.privateKey)).toThrow(/decryption failed/);
    const flip = (s: string) => (s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    expect(() =>
      decryptFlattened({ ...entry, ciphertext: flip(entry.ciphertext) }, alice.privateKey),
    ).toThrow();
    expect(() => decryptFlattened({ ...entry, iv: flip(entry.iv!) }, alice.privateKey)).toThrow();
    const changedHeader = base64url.encode(JSON.stringify({ mid: 'm2', enc: 'A256GCM' }));
    expect(() => decryptFlattened({ ...entry, protected: changedHeader }, alice.privateKey)).toThrow(
      /decryption failed/,
    );
    const shortTag = base64url.encode(base64url.decode(entry.tag!).subarray(0, 4));
    expect(() => decryptFlattened({ ...entry, tag: shortTag }, alice.privateKey)).toThrow(/wrong length/);
    expect(() =>
      decryptFlattened({ ...entry, header: { ...entry.header, alg: 'ECDH-ES' } }, alice.privateKey),
    ).toThrow(/alg must be/);
    expect(() => decryptFlattened({ ...entry, unprotected: { kid: 'again' } }, alice.privateKey)).toThrow(
      /disjoint/,
    );
    expect(() => decryptFlattened(entry, alice.publicKey)).toThrow(/private key/);
  });
});

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { CryptoKey, FlattenedJWE, GeneralJWE, JWK } from 'jose';

/**
 * The four JOSE operations every message goes through — EdDSA compact JWS, and JWE with
 * ECDH-ES+A256KW (X25519) and A256GCM — on node:crypto's synchronous primitives.
 *
 * Why not `jose` here, as everywhere else: jose 6 runs on WebCrypto only, where each step
 * (key generation, key agreement, key wrap, encryption, signature) is a promise settled from
 * the thread pool. For a 1 kB message with two recipients that is ~1.6 ms of CPU to
 * compose and open; the same operations called synchronously cost ~0.4 ms, and a message
 * system composes and opens thousands a minute. The output is the same standard JOSE
 * (RFC 7515, 7516, 7518, 8037), read and written interchangeably with jose and any other
 * library: the tests check both directions against jose. Only these algorithms are
 * accepted; anything else (other algorithms, `zip`, `crit`, short tags) is refused.
 */

export const JWS_ALG = 'EdDSA';
export const JWE_ALG = 'ECDH-ES+A256KW';
export const JWE_ENC = 'A256GCM';

export class JoseError extends Error {}

const AES_KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const CEK_BYTES = 32;

type AnyKey = CryptoKey | KeyObject | JWK;

/** Per use: a private JWK asked for as a public key is converted to its public half. */
const converted = { public: new WeakMap<object, KeyObject>(), private: new WeakMap<object, KeyObject>() };

/** A node:crypto key for a WebCrypto key, a KeyObject or a JWK (converted once per object). */
export function keyObject(key: AnyKey, type: 'public' | 'private'): KeyObject {
  if (key instanceof KeyObject) return key;
  let out = converted[type].get(key);
  if (!out) {
    if ('kty' in key) {
      const jwk = key as JWK;
      const material = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(type === 'private' ? { d: jwk.d } : {}) };
      out =
        type === 'private'
          ? createPrivateKey({ key: material as never, format: 'jwk' })
          : createPublicKey({ key: material as never, format: 'jwk' });
    } else out = KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
    converted[type].set(key, out);
  }
  if (out.type !== type) throw new JoseError(`a ${type} key is needed`);
  return out;
}

const b64 = (data: Uint8Array) =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64url');

/**
 * Whether text is base64url in its one canonical form: the spare bits of the last character
 * zero, no padding. Node's decoder ignores those bits, so "…Q" and "…R" decode alike — a
 * sender could submit a ciphertext whose text differs from the bytes stored, and every reader
 * would then see it as altered on the way.
 */
export function isCanonicalB64url(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    /^[A-Za-z0-9_-]*$/.test(text) &&
    Buffer.from(text, 'base64url').toString('base64url') === text
  );
}

function unb64(text: unknown, what: string): Buffer {
  if (!isCanonicalB64url(text)) throw new JoseError(`${what} is not canonical base64url`);
  return Buffer.from(text, 'base64url');
}

function headerObject(encoded: unknown, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(unb64(encoded, what).toString('utf8'));
  } catch (error) {
    throw error instanceof JoseError ? error : new JoseError(`${what} is not JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new JoseError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

// ---- JWS ------------------------------------------------------------------------------

/** A compact JWS (EdDSA) of the payload under the protected header given (alg is added first). */
export function signCompact(payload: Uint8Array, header: Record<string, unknown>, key: AnyKey): string {
  const signingInput = `${b64(Buffer.from(JSON.stringify({ alg: JWS_ALG, ...header })))}.${b64(payload)}`;
  return `${signingInput}.${b64(sign(null, Buffer.from(signingInput), keyObject(key, 'private')))}`;
}

/** The payload and protected header of a compact EdDSA JWS that verifies under the key; throws otherwise. */
export function verifyCompact(
  jws: string,
  key: AnyKey,
): { payload: Buffer; protectedHeader: Record<string, unknown> } {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new JoseError('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const protectedHeader = headerObject(h, 'the protected header');
  if (protectedHeader.alg !== JWS_ALG) throw new JoseError(`alg must be ${JWS_ALG}`);
  if ('crit' in protectedHeader || 'b64' in protectedHeader)
    throw new JoseError('crit and b64 are not supported');
  const signature = unb64(s, 'the signature');
  const payload = unb64(p, 'the payload');
  if (!verify(null, Buffer.from(`${h}.${p}`), keyObject(key, 'public'), signature))
    throw new JoseError('the signature does not verify');
  return { payload, protectedHeader };
}

// ---- JWE ------------------------------------------------------------------------------

function uint32(n: number) {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
}

/** RFC 7518 §4.6.2: the key-wrapping key from the shared secret (one SHA-256 round for 256 bits). */
function concatKdf(sharedSecret: Buffer, apu: Buffer, apv: Buffer): Buffer {
  const algorithmId = Buffer.from(JWE_ALG);
  return createHash('sha256')
    .update(uint32(1))
    .update(sharedSecret)
    .update(uint32(algorithmId.length))
    .update(algorithmId)
    .update(uint32(apu.length))
    .update(apu)
    .update(uint32(apv.length))
    .update(apv)
    .update(uint32(256))
    .digest();
}

export interface JweRecipient {
  key: AnyKey;
  /** The entry's unprotected header (its kid); alg and epk are added. */
  header: Record<string, unknown>;
}

/**
 * A JWE in general JSON serialization: A256GCM content, one ECDH-ES+A256KW entry per
 * recipient. All entries share one ephemeral key: each recipient's key-encryption key
 * still comes from its own shared secret (the ephemeral key with that recipient's static
 * key), and reusing the ephemeral randomness across the recipients of one message is proven
 * as secure as fresh randomness for Diffie-Hellman schemes (Bellare, Boldyreva and Staddon,
 * "Randomness re-use in multi-recipient encryption schemes", PKC 2003). A key generation
 * costs as much as the agreement itself; a message to 196 bureaus made 196 of them.
 */
export function encryptGeneral(
  plaintext: Uint8Array,
  protectedHeader: Record<string, unknown>,
  recipients: readonly JweRecipient[],
): GeneralJWE {
  const cek = randomBytes(CEK_BYTES);
  const iv = randomBytes(GCM_IV_BYTES);
  const encodedHeader = b64(Buffer.from(JSON.stringify({ ...protectedHeader, enc: JWE_ENC })));
  const cipher = createCipheriv('aes-256-gcm', cek, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(Buffer.from(encodedHeader));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  const ephemeral = generateKeyPairSync('x25519');
  const { kty, crv, x } = ephemeral.publicKey.export({ format: 'jwk' });
  const entries = recipients.map((r) => {
    const sharedSecret = diffieHellman({
      privateKey: ephemeral.privateKey,
      publicKey: keyObject(r.key, 'public'),
    });
    const wrap = createCipheriv(
      'id-aes256-wrap',
      concatKdf(sharedSecret, Buffer.alloc(0), Buffer.alloc(0)),
      AES_KW_IV,
    );
    const encryptedKey = Buffer.concat([wrap.update(cek), wrap.final()]);
    return { header: { alg: JWE_ALG, ...r.header, epk: { kty, crv, x } }, encrypted_key: b64(encryptedKey) };
  });
  return {
    protected: encodedHeader,
    iv: b64(iv),
    ciphertext: b64(ciphertext),
    tag: b64(tag),
    recipients: entries,
  };
}

/** Decrypts one recipient's view of a JWE with its X25519 private key; throws when it cannot. */
export function decryptFlattened(
  jwe: FlattenedJWE,
  privateKey: AnyKey,
): { plaintext: Buffer; protectedHeader: Record<string, unknown> } {
  const protectedHeader = headerObject(jwe.protected, 'the protected header');
  const shared = (jwe.unprotected ?? {}) as Record<string, unknown>;
  const own = (jwe.header ?? {}) as Record<string, unknown>;
  const names = [...Object.keys(protectedHeader), ...Object.keys(shared), ...Object.keys(own)];
  if (new Set(names).size !== names.length) throw new JoseError('header parameter names must be disjoint');
  const header = { ...protectedHeader, ...shared, ...own };
  if (header.alg !== JWE_ALG) throw new JoseError(`alg must be ${JWE_ALG}`);
  if (header.enc !== JWE_ENC) throw new JoseError(`enc must be ${JWE_ENC}`);
  if ('crit' in header || 'zip' in header) throw new JoseError('crit and zip are not supported');
  const epk = header.epk as Record<string, unknown> | undefined;
  if (
    !epk ||
    typeof epk !== 'object' ||
    epk.kty !== 'OKP' ||
    epk.crv !== 'X25519' ||
    typeof epk.x !== 'string'
  )
    throw new JoseError('epk must be an X25519 public key');
  const iv = unb64(jwe.iv, 'iv');
  const tag = unb64(jwe.tag, 'tag');
  if (iv.length !== GCM_IV_BYTES || tag.length !== GCM_TAG_BYTES)
    throw new JoseError('iv or tag of the wrong length');
  const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: epk.x }, format: 'jwk' });
  const sharedSecret = diffieHellman({ privateKey: keyObject(privateKey, 'private'), publicKey: ephemeral });
  const kek = concatKdf(
    sharedSecret,
    header.apu === undefined ? Buffer.alloc(0) : unb64(header.apu, 'apu'),
    header.apv === undefined ? Buffer.alloc(0) : unb64(header.apv, 'apv'),
  );
  let cek: Buffer;
  try {
    const unwrap = createDecipheriv('id-aes256-wrap', kek, AES_KW_IV);
    cek = Buffer.concat([unwrap.update(unb64(jwe.encrypted_key, 'encrypted_key')), unwrap.final()]);
  } catch {
    throw new JoseError('decryption failed');
  }
  if (cek.length !== CEK_BYTES) throw new JoseError('decryption failed');
  const aad = jwe.aad === undefined ? jwe.protected! : `${jwe.protected}.${jwe.aad}`;
  try {
    const decipher = createDecipheriv('aes-256-gcm', cek, iv, { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(tag);
    return {
      plaintext: Buffer.concat([decipher.update(unb64(jwe.ciphertext, 'ciphertext')), decipher.final()]),
      protectedHeader,
    };
  } catch {
    throw new JoseError('decryption failed');
  }
}

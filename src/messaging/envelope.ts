import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  base64url,
  CompactEncrypt,
  type CryptoKey,
  calculateJwkThumbprint,
  compactDecrypt,
  decodeProtectedHeader,
  exportJWK,
  type FlattenedJWE,
  type GeneralJWE,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import {
  decryptFlattened,
  encryptGeneral,
  isCanonicalB64url,
  JWE_ALG,
  JWE_ENC,
  JWS_ALG,
  signCompact,
  verifyCompact,
} from './jose-node.ts';

export { isCanonicalB64url };

/**
 * The wire format of a Concord message, shared by the server (server-held agencies), the
 * `concord` CLI and national systems (self-held agencies). Everything here is standard JOSE
 * (jose for keys and attachments; the per-message operations in jose-node.ts, on node:crypto):
 *
 * - the content (subject, body, references, attachment names and keys) is a JWE in general
 *   JSON serialization, A256GCM, one ECDH-ES+A256KW recipient entry per agency (X25519);
 * - the signed header (routing metadata, the recipients' key ids and the SHA-256 of the
 *   JWE's shared parts) is signed by the sender agency's Ed25519 key as a compact JWS with a
 *   detached payload (RFC 7515 appendix F);
 * - each attachment chunk is a compact JWE (dir, A256GCM) under the attachment's own key,
 *   its id and index in the protected header;
 * - receipts are compact JWS signed by the recipient agency.
 *
 * The content repeats the sender and recipients, so that a recipient can tell if someone
 * re-signed another agency's ciphertext as their own.
 */

// The only algorithms jose-node.ts writes and accepts.
export const SIGNING_ALG = JWS_ALG;
export const KEY_WRAP_ALG = JWE_ALG;
export const CONTENT_ENC = JWE_ENC;
export const CONTENT_TYPE = 'vnd.concord.message+json';
export const HEADER_TYPE = 'concord-message-header+json';
export const RECEIPT_TYPE = 'concord-receipt+json';

export type Priority = 'routine' | 'urgent' | 'flash';
export type Handling = 'H0' | 'H1' | 'H2' | 'H3';
export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

export interface AttachmentRef {
  id: string;
  size: number;
  chunks: number;
}

/** What the sender signs: the routing metadata the server keeps in the clear, and no more. */
export interface SignedHeader {
  v: 1;
  id: string;
  from: string;
  /** Addressees after groups were expanded, sorted. */
  to: string[];
  groups: string[];
  threadId: string;
  inReplyTo: string | null;
  forwardOf: string | null;
  priority: Priority;
  handling: Handling;
  handlingNote: string | null;
  tlp: Tlp;
  evaluation: string | null;
  attachments: AttachmentRef[];
  /** Agency → the kid of the encryption key its JWE entry was made for (the sender's own copy included). */
  recipients: Record<string, string>;
  /** SHA-256 (base64url) of the JWE's protected header, IV, ciphertext and tag. */
  jwe: string;
}

export interface ContentAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  chunks: number;
  chunkSize: number;
  /** The attachment's A256GCM key, base64url. */
  key: string;
  /** Hex SHA-256 of the plaintext, when the sender computed it (evidence hashes). */
  sha256?: string;
}

export interface Reference {
  type: 'record' | 'hit' | 'notice' | 'case' | 'message' | 'urgent-request';
  id: string;
  label?: string;
}

/** An original message carried inside a forward, as the forwarder read and verified it. */
export interface ForwardedContent {
  id: string;
  reference: string;
  from: string;
  sentAt: string;
  subject: string;
  body: string;
  references: Reference[];
  caseRef: string | null;
  handling: Handling;
  tlp: Tlp;
  verification: string;
}

/** The plaintext inside the JWE. */
export interface MessageContent {
  v: 1;
  from: string;
  to: string[];
  subject: string;
  body: string;
  references: Reference[];
  caseRef: string | null;
  attachments: ContentAttachment[];
  /** A structured form (urgent requests): field name → value. */
  form?: { type: string; fields: Record<string, string> };
  forwarded?: ForwardedContent;
}

export interface JweShared {
  protected: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface JweEntry {
  header: Record<string, unknown>;
  encrypted_key: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function canonicalBytes(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('cannot canonicalise');
  return encoder.encode(text);
}

export function sha256b64(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}

/** The digest the header signs: the JWE parts every recipient shares. */
export function jweDigest(shared: JweShared): string {
  return sha256b64(`${shared.protected}.${shared.iv}.${shared.ciphertext}.${shared.tag}`);
}

// ---- keys -----------------------------------------------------------------------------

export interface KeyPairJwk {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

/** RFC 7638 thumbprint: the key id, the same wherever the key is computed. */
export function thumbprint(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk, 'sha256');
}

async function keyPair(use: 'sig' | 'enc'): Promise<KeyPairJwk> {
  const pair =
    use === 'sig'
      ? await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true })
      : await generateKeyPair(KEY_WRAP_ALG, { crv: 'X25519', extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const privateJwk = await exportJWK(pair.privateKey);
  const kid = await thumbprint(publicJwk);
  const alg = use === 'sig' ? SIGNING_ALG : KEY_WRAP_ALG;
  return {
    kid,
    publicJwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, kid, use, alg },
    privateJwk: { ...privateJwk, kid, use, alg },
  };
}

export async function generateAgencyKeys(): Promise<{ signing: KeyPairJwk; encryption: KeyPairJwk }> {
  return { signing: await keyPair('sig'), encryption: await keyPair('enc') };
}

/** Why a public JWK cannot be an agency's key of this use, or null when it can. */
export function publicJwkProblem(jwk: Record<string, unknown>, use: 'sig' | 'enc'): string | null {
  if ('d' in jwk) return 'contains a private key ("d"): send only the public key';
  const crv = use === 'sig' ? 'Ed25519' : 'X25519';
  if (jwk.kty !== 'OKP' || jwk.crv !== crv) return `must be an OKP key on ${crv}`;
  if (typeof jwk.x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(jwk.x)) return 'x must be 32 bytes, base64url';
  // One text per key: the spare bits of the last character zero and, for X25519, the top
  // bit it ignores clear, or one key could be published again as another (key ids are
  // hashes of the text).
  if (!isCanonicalB64url(jwk.x)) return 'x must be canonical base64url';
  const x = Buffer.from(jwk.x, 'base64url');
  if (use === 'enc' && (x[31]! & 0x80) !== 0) return 'x must have its top bit clear (RFC 7748)';
  if (jwk.use !== undefined && jwk.use !== use) return `use must be "${use}"`;
  return null;
}

export function importPublic(jwk: JWK, use: 'sig' | 'enc'): Promise<CryptoKey> {
  return importJWK(
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
    use === 'sig' ? SIGNING_ALG : KEY_WRAP_ALG,
  ) as Promise<CryptoKey>;
}

export function importPrivate(jwk: JWK, use: 'sig' | 'enc'): Promise<CryptoKey> {
  return importJWK(
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d },
    use === 'sig' ? SIGNING_ALG : KEY_WRAP_ALG,
  ) as Promise<CryptoKey>;
}

// ---- messages -------------------------------------------------------------------------

export interface RecipientKey {
  agency: string;
  kid: string;
  key: CryptoKey | JWK;
}

/** Encrypts the content once, with one entry per recipient agency (the sender's own copy included). */
export async function encryptContent(
  messageId: string,
  content: MessageContent,
  recipients: RecipientKey[],
): Promise<GeneralJWE> {
  return encryptGeneral(
    encoder.encode(JSON.stringify(content)),
    { enc: CONTENT_ENC, cty: CONTENT_TYPE, mid: messageId },
    recipients.map((r) => ({ key: r.key, header: { kid: r.kid } })),
  );
}

export function sharedParts(jwe: GeneralJWE | FlattenedJWE): JweShared {
  if (!jwe.protected || !jwe.iv || !jwe.tag) throw new Error('incomplete JWE');
  return { protected: jwe.protected, iv: jwe.iv, ciphertext: jwe.ciphertext, tag: jwe.tag };
}

/** One recipient's view: the shared parts and its own entry (RFC 7516 flattened serialization). */
export function flattened(shared: JweShared, entry: JweEntry): FlattenedJWE {
  return { ...shared, header: entry.header, encrypted_key: entry.encrypted_key };
}

export async function decryptContent(jwe: FlattenedJWE, privateKey: CryptoKey): Promise<MessageContent> {
  const { plaintext, protectedHeader } = decryptFlattened(jwe, privateKey);
  if (protectedHeader.cty !== CONTENT_TYPE) throw new Error('not a Concord message');
  return JSON.parse(decoder.decode(plaintext)) as MessageContent;
}

/** Signs the header: a compact JWS with the payload detached ("header..signature"). */
export async function signHeader(header: SignedHeader, key: CryptoKey, kid: string): Promise<string> {
  const [h, , s] = signCompact(canonicalBytes(header), { kid, typ: HEADER_TYPE }, key).split('.');
  return `${h}..${s}`;
}

/** The kid a detached signature names, or null when it is not a JWS of ours. */
export function signatureKid(signature: string): string | null {
  try {
    const header = decodeProtectedHeader(signature);
    return header.alg === SIGNING_ALG && typeof header.kid === 'string' ? header.kid : null;
  } catch {
    return null;
  }
}

export async function verifyHeader(
  header: SignedHeader,
  signature: string,
  publicKey: CryptoKey,
): Promise<boolean> {
  const [h, middle, s] = signature.split('.');
  if (!h || middle !== '' || !s) return false;
  try {
    verifyCompact(`${h}.${base64url.encode(canonicalBytes(header))}.${s}`, publicKey);
    return true;
  } catch {
    return false;
  }
}

// ---- attachments ----------------------------------------------------------------------

export function newAttachmentKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function encryptChunk(
  key: Uint8Array,
  attachmentId: string,
  index: number,
  data: Uint8Array,
): Promise<string> {
  return new CompactEncrypt(data)
    .setProtectedHeader({ alg: 'dir', enc: CONTENT_ENC, att: attachmentId, idx: index })
    .encrypt(key);
}

/** A chunk's header must name this attachment and this position: chunks cannot be swapped. */
export function chunkHeaderProblem(compact: string, attachmentId: string, index: number): string | null {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(compact) as Record<string, unknown>;
  } catch {
    return 'is not a compact JWE';
  }
  if (compact.split('.').length !== 5) return 'is not a compact JWE';
  if (header.alg !== 'dir' || header.enc !== CONTENT_ENC) return 'must use alg dir and enc A256GCM';
  if (header.att !== attachmentId || header.idx !== index)
    return `protected header must carry att "${attachmentId}" and idx ${index}`;
  if (compact.split('.')[1] !== '') return 'a dir JWE has no encrypted key';
  return null;
}

export async function decryptChunk(
  key: Uint8Array,
  compact: string,
  attachmentId: string,
  index: number,
): Promise<Uint8Array> {
  const problem = chunkHeaderProblem(compact, attachmentId, index);
  if (problem) throw new Error(`chunk ${index} ${problem}`);
  const { plaintext } = await compactDecrypt(compact, key, {
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: [CONTENT_ENC],
  });
  return plaintext;
}

/** A compact JWE split for storage (the ciphertext as bytes), and joined again. */
export function splitCompact(compact: string) {
  const [protectedHeader, , iv, ciphertext, tag] = compact.split('.');
  return {
    protected: protectedHeader!,
    iv: iv!,
    ciphertext: base64url.decode(ciphertext!),
    tag: tag!,
  };
}

export function joinCompact(parts: {
  protected: string;
  iv: string;
  ciphertext: Uint8Array;
  tag: string;
}): string {
  return `${parts.protected}..${parts.iv}.${base64url.encode(parts.ciphertext)}.${parts.tag}`;
}

// ---- receipts -------------------------------------------------------------------------

export type ReceiptKind = 'delivered' | 'read' | 'answered';

export interface ReceiptPayload {
  v: 1;
  message: string;
  agency: string;
  kind: ReceiptKind;
  at: string;
  /** SHA-256 of the message's signature: the receipt is for this message as signed. */
  signature: string;
}

export async function signReceipt(payload: ReceiptPayload, key: CryptoKey, kid: string): Promise<string> {
  return signCompact(canonicalBytes(payload), { kid, typ: RECEIPT_TYPE }, key);
}

/** The receipt's payload when its signature verifies under the key, else null. */
export async function verifyReceipt(jws: string, publicKey: CryptoKey): Promise<ReceiptPayload | null> {
  try {
    const { payload, protectedHeader } = verifyCompact(jws, publicKey);
    if (protectedHeader.typ !== RECEIPT_TYPE) return null;
    return JSON.parse(decoder.decode(payload)) as ReceiptPayload;
  } catch {
    return null;
  }
}

/** The payload of a receipt without checking it (to find out which message and key it names). */
export function peekReceipt(jws: string): ReceiptPayload | null {
  try {
    const part = jws.split('.')[1];
    return part ? (JSON.parse(decoder.decode(base64url.decode(part))) as ReceiptPayload) : null;
  } catch {
    return null;
  }
}

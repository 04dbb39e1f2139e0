import { randomBytes } from 'node:crypto';
import { type CryptoKey, decodeProtectedHeader, type FlattenedJWE, type JWK } from 'jose';
import {
  type ContentAttachment,
  decryptContent,
  encryptContent,
  type Handling,
  importPrivate,
  importPublic,
  jweDigest,
  type MessageContent,
  type Priority,
  type Reference,
  type SignedHeader,
  sharedParts,
  signatureKid,
  signHeader,
  type Tlp,
  verifyHeader,
} from './envelope.ts';

/**
 * A self-held agency's side of the protocol, for its own system: the `concord` CLI uses
 * it, and so can a national system written in TypeScript. It never talks to the server:
 * it turns content into an envelope, and an envelope back into verified content.
 */

/**
 * Imported keys, by kid and use: a system sends to the same agencies all day, and importing
 * a JWK costs about as much as using it.
 */
const imported = new Map<string, Promise<CryptoKey>>();
function cachedKey(jwk: JWK, use: 'sig' | 'enc', isPrivate: boolean): Promise<CryptoKey> {
  const id = `${isPrivate ? 'private' : 'public'}:${use}:${jwk.kid ?? jwk.x}`;
  let key = imported.get(id);
  if (!key) {
    if (imported.size > 10_000) imported.clear();
    key = isPrivate ? importPrivate(jwk, use) : importPublic(jwk, use);
    imported.set(id, key);
  }
  return key;
}

/** A UUIDv7 for a time: self-held senders name their messages (and so retry them safely). */
export function uuidv7(ms = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The private keys a self-held agency's system holds (as `concord keys generate` writes them). */
export interface AgencyPrivateKeys {
  agency: string;
  signing: JWK;
  encryption: JWK;
}

/** What POST /messages/recipients answers. */
export interface Prepared {
  sender: { agency: string; encryption: { kid: string; jwk: Record<string, unknown> } | null };
  recipients: { agency: string; kid: string; jwk: Record<string, unknown> }[];
  groups: { code: string; members: string[] }[];
}

export interface Compose {
  subject: string;
  body: string;
  priority?: Priority;
  handling?: Handling;
  handlingNote?: string | null;
  tlp?: Tlp;
  evaluation?: string | null;
  threadId?: string;
  inReplyTo?: string | null;
  forwardOf?: string | null;
  references?: Reference[];
  caseRef?: string | null;
  attachments?: ContentAttachment[];
  form?: MessageContent['form'];
  forwarded?: MessageContent['forwarded'];
}

/** Encrypts for every prepared recipient (and the sender's own copy) and signs the header. */
export async function composeEnvelope(
  keys: AgencyPrivateKeys,
  prepared: Prepared,
  message: Compose,
  options: { id?: string; keepOwnCopy?: boolean; signingKey?: CryptoKey } = {},
) {
  const id = options.id ?? uuidv7();
  const to = prepared.recipients.map((r) => r.agency).sort();
  const content: MessageContent = {
    v: 1,
    from: keys.agency,
    to,
    subject: message.subject,
    body: message.body,
    references: message.references ?? [],
    caseRef: message.caseRef ?? null,
    attachments: message.attachments ?? [],
    ...(message.form ? { form: message.form } : {}),
    ...(message.forwarded ? { forwarded: message.forwarded } : {}),
  };
  const entries = await Promise.all(
    prepared.recipients.map(async (r) => ({
      agency: r.agency,
      kid: r.kid,
      key: await cachedKey({ ...(r.jwk as JWK), kid: r.kid }, 'enc', false),
    })),
  );
  if (options.keepOwnCopy !== false && prepared.sender.encryption)
    entries.push({
      agency: keys.agency,
      kid: prepared.sender.encryption.kid,
      key: await cachedKey(
        { ...(prepared.sender.encryption.jwk as JWK), kid: prepared.sender.encryption.kid },
        'enc',
        false,
      ),
    });
  const jwe = await encryptContent(id, content, entries);
  const header: SignedHeader = {
    v: 1,
    id,
    from: keys.agency,
    to,
    groups: prepared.groups.map((g) => g.code).sort(),
    threadId: message.threadId ?? id,
    inReplyTo: message.inReplyTo ?? null,
    forwardOf: message.forwardOf ?? null,
    priority: message.priority ?? 'routine',
    handling: message.handling ?? 'H1',
    handlingNote: message.handlingNote ?? null,
    tlp: message.tlp ?? 'AMBER',
    evaluation: message.evaluation ?? null,
    attachments: (message.attachments ?? []).map((a) => ({ id: a.id, size: a.size, chunks: a.chunks })),
    recipients: Object.fromEntries(entries.map((e) => [e.agency, e.kid])),
    jwe: jweDigest(sharedParts(jwe)),
  };
  const signingKey = options.signingKey ?? (await cachedKey(keys.signing, 'sig', true));
  const signature = await signHeader(header, signingKey, keys.signing.kid!);
  return {
    header,
    signature,
    jwe: {
      protected: jwe.protected!,
      iv: jwe.iv!,
      ciphertext: jwe.ciphertext,
      tag: jwe.tag!,
      recipients: jwe.recipients.map((r) => ({
        header: r.header as Record<string, unknown>,
        encrypted_key: r.encrypted_key!,
      })),
    },
  };
}

export interface ReceivedEnvelope {
  header: SignedHeader;
  signature: string;
  jwe: FlattenedJWE;
}

/** A key of the sender agency as the directory lists it (GET /agencies/{code}/keys). */
export interface DirectoryKey {
  kid: string;
  agency: string;
  use: 'sig' | 'enc';
  jwk: Record<string, unknown>;
  status: 'active' | 'retired' | 'revoked';
  revokedAt: string | null;
}

export interface Opened {
  valid: boolean;
  problems: string[];
  warnings: string[];
  content: MessageContent | null;
}

/**
 * Verifies and decrypts an envelope with the agency's own key: the signature under the
 * sender's key from the directory, the ciphertext against the signed digest, the content's
 * sender and recipients against the header. The content is returned even when a check
 * fails — with the failures — so that the caller shows them rather than hides the message.
 */
export async function openEnvelope(
  envelope: ReceivedEnvelope,
  /** Null: check the signature and the metadata only, without decrypting. */
  encryptionKey: CryptoKey | JWK | null,
  signer: DirectoryKey | undefined,
  sentAt?: string,
  /** The reading agency and its encryption key id: the sender must have signed for that key. */
  self?: { agency: string; kid: string | undefined },
): Promise<Opened> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { header, signature, jwe } = envelope;
  const addressedKid = self ? header.recipients[self.agency] : undefined;
  // Sent to an earlier key of ours (before this system took custody, or before a rotation):
  // not an alteration, and not readable here — saying "altered" would send an officer after
  // an attack that never happened.
  const earlierKey = self !== undefined && addressedKid !== undefined && addressedKid !== self.kid;
  if (earlierKey)
    problems.push(
      `encrypted for ${self!.agency}'s earlier key ${addressedKid}, not this system's ${self!.kid ?? ''}: read it where that key is held (the web UI, if the server held it)`,
    );
  else if (self && addressedKid !== self.kid)
    problems.push(
      `the sender did not sign for ${self.agency}'s key ${self.kid ?? ''}: this copy is not addressed to it`,
    );
  const kid = signatureKid(signature);
  if (!signer || signer.kid !== kid) problems.push('the signing key is not in the directory');
  else {
    if (signer.agency !== header.from)
      problems.push(`the signing key belongs to ${signer.agency}, not ${header.from}`);
    if (signer.use !== 'sig') problems.push('the signing key is not a signing key');
    if (signer.status === 'revoked' && signer.revokedAt) {
      if (!sentAt || signer.revokedAt <= sentAt)
        problems.push('the signing key had been revoked when this was sent');
      else warnings.push(`the signing key was revoked on ${signer.revokedAt}, after this was sent`);
    }
    const key = await cachedKey({ ...(signer.jwk as JWK), kid: signer.kid }, 'sig', false);
    if (!(await verifyHeader(header, signature, key)))
      problems.push('the signature does not verify: the message or its metadata was altered');
  }
  if (header.jwe !== jweDigest(sharedParts(jwe)))
    problems.push('the ciphertext differs from what the sender signed');
  try {
    if (decodeProtectedHeader(jwe as { protected: string }).mid !== header.id)
      problems.push('the ciphertext belongs to another message');
  } catch {
    problems.push('the JWE protected header is not readable');
  }
  let content: MessageContent | null = null;
  if (encryptionKey && !earlierKey) {
    try {
      const key =
        'kty' in encryptionKey
          ? await cachedKey(encryptionKey as JWK, 'enc', true)
          : (encryptionKey as CryptoKey);
      content = await decryptContent(jwe, key);
      const sorted = (a: string[]) => [...a].sort().join();
      if (content.from !== header.from)
        problems.push(`the content says it is from ${content.from}, not ${header.from}`);
      if (sorted(content.to) !== sorted(header.to))
        problems.push('the content names other recipients than the signed header');
    } catch {
      problems.push('the ciphertext does not decrypt: it was altered or is not for this key');
    }
  }
  return { valid: problems.length === 0, problems, warnings, content };
}

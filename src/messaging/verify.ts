import type { Selectable } from 'kysely';
import { idTime } from '../platform/ids.ts';
import { jweDigest, type MessageContent, type SignedHeader, signatureKid, verifyHeader } from './envelope.ts';
import { type AgencyKeyRow, publicKeyOf } from './keys.ts';
import { MESSAGE_ID_SKEW_MS } from './message-time.ts';
import type { MessageTable } from './tables.ts';

export type MessageRow = Selectable<MessageTable>;

export interface Verification {
  status: 'valid' | 'invalid' | 'unverifiable';
  signer: { agency: string; kid: string } | null;
  keyStatus: 'active' | 'retired' | 'revoked' | null;
  problems: string[];
  warnings: string[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((v, i) => v === sb[i]);
}

export function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

export function sharedOf(row: Pick<MessageRow, 'jwe_protected' | 'jwe_iv' | 'jwe_ciphertext' | 'jwe_tag'>) {
  return {
    protected: row.jwe_protected,
    iv: row.jwe_iv,
    ciphertext: b64url(row.jwe_ciphertext),
    tag: row.jwe_tag,
  };
}

/** Where the metadata the server shows differs from what the sender signed. */
export function headerMismatches(header: SignedHeader, row: MessageRow): string[] {
  const out: string[] = [];
  const check = (what: string, ok: boolean) => {
    if (!ok) out.push(`the ${what} shown differs from what the sender signed`);
  };
  check('message id', header.id === row.id);
  check('sender', header.from === row.from_agency);
  check('recipient list', sameList(header.to, row.recipients));
  check('groups', sameList(header.groups, row.groups));
  check('thread', header.threadId === row.thread_id);
  check('reply link', header.inReplyTo === row.in_reply_to);
  check('forward link', header.forwardOf === row.forward_of);
  check('priority', header.priority === row.priority);
  check('handling code', header.handling === row.handling && header.handlingNote === row.handling_note);
  check('TLP marking', header.tlp === row.tlp);
  check('evaluation', header.evaluation === row.evaluation);
  check('attachment count', header.attachments.length === row.attachment_count);
  // The sending time is the server's record, but the id the sender signed carries the time
  // it was made (a UUIDv7, accepted only within MESSAGE_ID_SKEW_MS of the server's clock).
  const signedTime = idTime(header.id);
  check(
    'sending time',
    signedTime !== null && Math.abs(signedTime - row.sent_at.getTime()) <= MESSAGE_ID_SKEW_MS,
  );
  return out;
}

/**
 * Everything a recipient checks before trusting a message: the signature under the sender
 * agency's key as the directory has it, the key's state when the message was sent, the
 * metadata against what was signed, the ciphertext against the signed digest, and — when
 * the content could be decrypted — that it names the same sender and recipients (so that
 * nobody re-signed another agency's ciphertext as their own). Failures are listed, never
 * hidden; the caller shows them.
 */
export async function verifyMessage(
  row: MessageRow,
  signer: AgencyKeyRow | undefined,
  entry: { agency: string; kid: string; keyAgency?: string | undefined } | null,
  content: MessageContent | null | 'undecryptable',
): Promise<Verification> {
  const header = row.header as SignedHeader;
  const problems: string[] = [];
  const warnings: string[] = [];
  const kid = signatureKid(row.signature);
  if (!kid || kid !== row.signer_kid) problems.push('the signature does not name the signing key on record');
  if (!signer) problems.push('the signing key is not in the key directory');
  else {
    if (signer.agency_code !== row.from_agency)
      problems.push(`the signing key belongs to ${signer.agency_code}, not to the sender ${row.from_agency}`);
    if (signer.use !== 'sig') problems.push('the signing key is not a signing key');
    if (signer.status === 'revoked' && signer.revoked_at) {
      // Judged by the time in the signed id, not the row's (which the database could backdate).
      const sentAt = new Date(idTime(header.id) ?? row.sent_at.getTime());
      if (signer.revoked_at <= sentAt) problems.push('the signing key had been revoked when this was sent');
      else
        warnings.push(
          `the signing key was revoked on ${signer.revoked_at.toISOString()}, after this was sent`,
        );
    }
    if (!(await verifyHeader(header, row.signature, await publicKeyOf(signer))))
      problems.push('the signature does not verify: the message or its metadata was altered');
  }
  problems.push(...headerMismatches(header, row));
  if (header.jwe !== jweDigest(sharedOf(row)))
    problems.push('the ciphertext differs from what the sender signed');
  if (entry && header.recipients[entry.agency] !== entry.kid)
    problems.push('this copy is encrypted to a key the sender did not sign for');
  if (entry?.keyAgency !== undefined && entry.keyAgency !== entry.agency)
    problems.push(`this copy is encrypted to a key of ${entry.keyAgency}, not of ${entry.agency}`);
  if (content === 'undecryptable')
    problems.push('the ciphertext does not decrypt: it was altered or is not for this key');
  else if (content) {
    if (content.from !== header.from)
      problems.push(`the content says it is from ${content.from}, not ${header.from}`);
    if (!sameList(content.to, header.to))
      problems.push('the content names other recipients than the signed header');
  }
  const status = problems.length > 0 ? 'invalid' : content === null ? 'unverifiable' : 'valid';
  if (status === 'unverifiable')
    warnings.push(
      'signature and metadata check out; the content is encrypted for your agency’s own system, which checks it',
    );
  return {
    status,
    signer: signer ? { agency: signer.agency_code, kid: signer.kid } : null,
    keyStatus: signer?.status ?? null,
    problems,
    warnings,
  };
}

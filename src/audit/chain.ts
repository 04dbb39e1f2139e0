import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields an entry's hash covers, in their stored form. */
export interface ChainedEntry {
  seq: number;
  id: string;
  at: string;
  principalType: string;
  principalId: string | null;
  principalName: string | null;
  agencyCode: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  objectAgency: string | null;
  outcome: string;
  requestId: string | null;
  queryFingerprint: string | null;
  resultCount: number | null;
  details: unknown;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the RFC 8785 canonical JSON of the entry, previous hash included: changing,
 * removing or reordering any entry breaks every hash after it.
 */
export function entryHash(entry: ChainedEntry): string {
  const text = canonicalize({ ...entry, details: entry.details ?? null });
  if (text === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(text).digest('hex');
}

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields an entry's hash covers, in their stored form, whichever chain it is in. */
interface EntryFields {
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

/**
 * An entry of a writer's chain: its place is its chain and its position there (from 1).
 * Each writer (server process) keeps a chain of its own, so that processes never wait for
 * one another's head.
 */
export interface WriterEntry extends EntryFields {
  chain: string;
  position: number;
}

/** An entry of the original single chain (written before migration 0008): its place is seq. */
export interface LegacyEntry extends EntryFields {
  seq: number;
}

export type ChainedEntry = WriterEntry | LegacyEntry;

export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the RFC 8785 canonical JSON of the entry, its place and the previous hash
 * included: changing, removing or reordering any entry breaks every hash after it in its
 * chain.
 */
export function entryHash(entry: ChainedEntry): string {
  const text = canonicalize({ ...entry, details: entry.details ?? null });
  if (text === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(text).digest('hex');
}

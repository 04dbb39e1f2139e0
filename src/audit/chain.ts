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
  return createHash('sha256').update(canonicalEntry(entry)).digest('hex');
}

/**
 * RFC 8785 canonical JSON of an entry. Every request writes an entry, so the fields are
 * written out in their canonical (UTF-16 code unit) order by hand rather than sorted anew
 * each time; only `details`, free-form, goes through the general canonicalizer. Strings
 * come out as JSON.stringify writes them, which is what RFC 8785 prescribes for
 * well-formed strings (the writer makes them so). Tested against the general one.
 */
export function canonicalEntry(entry: ChainedEntry): string {
  const fields = entry as unknown as Record<string, unknown>;
  const keys = 'seq' in entry ? LEGACY_KEYS : WRITER_KEYS;
  let text = '{';
  for (const key of keys) {
    const value = key.name === 'details' ? (entry.details ?? null) : fields[key.name];
    if (value === undefined) continue;
    if (text.length > 1) text += ',';
    text += key.prefix;
    text += key.name === 'details' ? canonicalDetails(value) : JSON.stringify(value);
  }
  return `${text}}`;
}

function canonicalDetails(details: unknown): string {
  const text = canonicalize(details);
  if (text === undefined) throw new Error('audit entry details cannot be canonicalised');
  return text;
}

const COMMON_KEYS = [
  'id',
  'at',
  'principalType',
  'principalId',
  'principalName',
  'agencyCode',
  'action',
  'objectType',
  'objectId',
  'objectAgency',
  'outcome',
  'requestId',
  'queryFingerprint',
  'resultCount',
  'details',
  'prevHash',
] satisfies (keyof EntryFields)[];

/** Each key's `"name":`, in canonical order (Array#sort compares UTF-16 code units, as RFC 8785 does). */
function canonicalKeys(names: string[]) {
  return [...names].sort().map((name) => ({ name, prefix: `${JSON.stringify(name)}:` }));
}

const WRITER_KEYS = canonicalKeys([...COMMON_KEYS, 'chain', 'position']);
const LEGACY_KEYS = canonicalKeys([...COMMON_KEYS, 'seq']);

import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, type LegacyEntry, type WriterEntry } from './chain.ts';

const text = fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: null });
const fields = {
  id: fc.uuid(),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  principalType: fc.constantFrom('user', 'api-key', 'system', 'anonymous'),
  principalId: text,
  principalName: text,
  agencyCode: text,
  action: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  objectType: text,
  objectId: text,
  objectAgency: text,
  outcome: fc.constantFrom('success', 'failure', 'denied'),
  requestId: text,
  queryFingerprint: text,
  resultCount: fc.option(fc.integer(), { nil: null }),
  details: fc.option(fc.jsonValue(), { nil: null }),
  prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
};
const writerEntry: fc.Arbitrary<WriterEntry> = fc.record({
  ...fields,
  chain: fc.uuid(),
  position: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
});
const legacyEntry: fc.Arbitrary<LegacyEntry> = fc.record({
  ...fields,
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
});

describe('the canonical form an entry is hashed over', () => {
  it('is RFC 8785 canonical JSON, as the general canonicalizer writes it', () => {
    fc.assert(
      fc.property(fc.oneof(writerEntry, legacyEntry), (entry) => {
        expect(canonicalEntry(entry)).toBe(canonicalize({ ...entry, details: entry.details ?? null }));
      }),
      { numRuns: 2000 },
    );
  });

  it('covers every field: changing any one changes the text', () => {
    fc.assert(
      fc.property(writerEntry, fc.constantFrom(...Object.keys(fields), 'chain', 'position'), (entry, key) => {
        const changed = {
          ...entry,
          // JSON, not String(): details may be any JSON value, {"toString": null} included.
          [key]:
            key === 'position' ? entry.position + 1 : `${JSON.stringify(entry[key as keyof WriterEntry])}x`,
        };
        expect(canonicalEntry(changed)).not.toBe(canonicalEntry(entry));
      }),
    );
  });
});

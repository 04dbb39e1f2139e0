import { describe, expect, it } from 'vitest';
import { prepareQuery, recogniseQuery } from './search.ts';

/** The schemes the search box would check for what was typed (as free-search.ts keeps them). */
const schemes = (typed: string) =>
  recogniseQuery(typed)
    .filter((q) => !('field' in prepareQuery(q, '/query/q')))
    .map((q) => q.scheme);

describe('the search box', () => {
  it('recognises what the identifier API takes, as officers paste it', () => {
    expect(schemes('evil-example[.]com')).toContain('domain');
    expect(schemes('198[.]51[.]100[.]77')).toContain('ip');
    expect(schemes('hxxps://evil.example/login')).toEqual(['url']);
    expect(schemes('[2001:db8:aa5::1]')).toEqual(['ip']);
    expect(schemes('::ffff:198.51.100.77')).toEqual(['ip']);
    expect(schemes(`sha256:${'a'.repeat(64)}`)).toEqual(['hash']);
    expect(schemes('b'.repeat(128))).toEqual(['hash']);
    expect(schemes('bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=1')).toEqual(['wallet']);
    expect(schemes('BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ')).toEqual(['wallet']);
    expect(schemes('LdP8Qox1VAhCzLJNqrr74YovaWYyNBUWvL')).toEqual(['wallet']);
    expect(schemes('DEUTDEFF:12345678')).toEqual(['account']);
    expect(schemes('0044 20 7946 0958')).toContain('phone');
    for (const typed of ['IMO 9074729', 'IMO No. 9074729', 'IMO No 9074729', 'IMO: 9074729', 'IMO#9074729'])
      expect(schemes(typed)).toContain('imo');
    for (const typed of [`SHA256 ${'c'.repeat(64)}`, `sha256=${'c'.repeat(64)}`, `MD5 ${'d'.repeat(32)}`])
      expect(schemes(typed)).toEqual(['hash']);
    // Numbers and plates written in Cyrillic or full-width letters.
    for (const typed of ['АВ 1234 СН', 'АК0123456', 'ＡＫ０１２３４５６'])
      expect(schemes(typed)).toEqual(['document', 'plate', 'firearm-serial']);
  });

  it('guesses nothing for plain words', () => {
    expect(schemes('stolen car')).toEqual([]);
    expect(schemes('Mwangi')).toEqual([]);
  });
});

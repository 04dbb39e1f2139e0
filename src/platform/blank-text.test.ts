import { describe, expect, it } from 'vitest';
import { isBlank } from './blank-text.ts';

describe('isBlank', () => {
  it('finds text with nothing to read in it', () => {
    for (const text of ['', '   ', '\t\n', '\u00a0\u3000', '\u200b', '\u200e\u200f', '\u0301', '\u2028'])
      expect(isBlank(text), JSON.stringify(text)).toBe(true);
  });

  it('takes any script, digit, punctuation or symbol as something said', () => {
    for (const text of ['x', ' Щ ', 'محمد', '张', '7', '?', '—', '€', '🙂', 'a\u0301'])
      expect(isBlank(text), text).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { checkCountry, isCountryCode, stripSeparators, upperLatin } from './text.ts';

describe('text helpers', () => {
  it('strips spaces, dashes of every kind and dots', () => {
    expect(stripSeparators(' a-b–c—d.e\tf\u00a0g ')).toBe('abcdefg');
  });

  it('upper-cases, widens nothing and folds look-alikes', () => {
    expect(upperLatin('abc')).toBe('ABC');
    expect(upperLatin('ａｂｃ１')).toBe('ABC1');
    // Every script's digits: Arabic-Indic, Persian, Devanagari, Bengali, Thai.
    expect(upperLatin('١٢٣٤ ۵۶ ७८ ৯০ ๑')).toBe('1234 56 78 90 1');
    expect(upperLatin('АВЕКМНОРСТУХ')).toBe('ABEKMHOPCTYX');
    expect(upperLatin('ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ')).toBe('ABEZHIKMNOPTYX');
    expect(upperLatin('Д')).toBe('Д');
  });

  it('accepts ISO 3166-1 alpha-2 codes in any case and nothing else', () => {
    expect(checkCountry('fr')).toEqual({ ok: true, country: 'FR' });
    expect(checkCountry(' KE ')).toEqual({ ok: true, country: 'KE' });
    expect(checkCountry('XK')).toEqual({ ok: true, country: 'XK' }); // Kosovo, user-assigned but universal
    for (const bad of ['FRA', 'XX', 'UK', 'ZZ', '', 'F1']) expect(checkCountry(bad).ok).toBe(false);
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('fr')).toBe(false); // stored codes are upper case
  });
});

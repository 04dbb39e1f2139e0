import { describe, expect, it } from 'vitest';
import { imoCheckDigit, normaliseHull, normaliseImo } from './vessel.ts';

describe('IMO numbers', () => {
  it('strips the IMO label, spaces and case', () => {
    for (const spelling of ['IMO 9074729', 'imo9074729', '9074729', 'IMO: 907 4729', ' IMO-9074729 ']) {
      expect(normaliseImo(spelling)).toEqual({
        ok: true,
        identifiers: [{ scheme: 'imo', value: '9074729' }],
        warnings: [],
      });
    }
  });

  it('verifies the check digit', () => {
    expect(imoCheckDigit('907472')).toBe(9);
    expect(normaliseImo('IMO 9074728')).toEqual({ ok: false, error: expect.stringMatching(/check digit/) });
  });

  it('rejects anything but seven digits', () => {
    expect(normaliseImo('907472').ok).toBe(false);
    expect(normaliseImo('90747290').ok).toBe(false);
    expect(normaliseImo('IMO ABCDEFG').ok).toBe(false);
  });
});

describe('hull identification numbers', () => {
  it('treats the European CIN and the bare HIN as one hull', () => {
    for (const spelling of ['FR-ABC12345D404', 'fr abc12345d404', 'ABC12345D404', 'ABC-12345-D4-04']) {
      expect(normaliseHull(spelling)).toEqual({
        ok: true,
        identifiers: [{ scheme: 'hull', value: 'ABC12345D404' }],
        warnings: [],
      });
    }
  });

  it('keeps other hull numbers as typed, in upper case', () => {
    expect(normaliseHull('yard 1234')).toMatchObject({ identifiers: [{ value: 'YARD1234' }] });
    // 14 characters whose first two are not a country are not a CIN.
    expect(normaliseHull('QQABC12345D404')).toMatchObject({ identifiers: [{ value: 'QQABC12345D404' }] });
  });

  it('rejects too short, too long and symbols', () => {
    expect(normaliseHull('AB').ok).toBe(false);
    expect(normaliseHull('A'.repeat(21)).ok).toBe(false);
    expect(normaliseHull('ABC#123').ok).toBe(false);
  });
});

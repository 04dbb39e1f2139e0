import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.ts';

function key(value: string, country?: string) {
  const result = normalisePhone(value, country === undefined ? {} : { country });
  return result.ok ? result.identifiers[0]!.value : `error: ${result.error}`;
}

describe('phone numbers', () => {
  it('gives the E.164 form however the number was typed', () => {
    for (const spelling of [
      '+33 1 23 45 67 89',
      '+33 (0)1 23 45 67 89',
      '+33-1-23-45-67-89',
      '+33123456789',
      '0033 1 23 45 67 89',
      'tel:+33-1-23-45-67-89',
      'TEL:+33123456789',
    ]) {
      expect(key(spelling)).toBe('+33123456789');
    }
    expect(key('01 23 45 67 89', 'FR')).toBe('+33123456789');
    expect(key('01.23.45.67.89', 'fr')).toBe('+33123456789');
    expect(key('0712 345678', 'KE')).toBe('+254712345678');
  });

  it("uses the given country's international prefix", () => {
    expect(key('011 33 1 23 45 67 89', 'US')).toBe('+33123456789');
  });

  it('requires a country for a number without its country code', () => {
    expect(key('01 23 45 67 89')).toMatch(/^error: .*international format/);
  });

  it('rejects impossible numbers and unknown countries', () => {
    expect(key('+33 1')).toMatch(/^error/);
    expect(key('+999 123456789')).toMatch(/^error/);
    expect(key('hello', 'FR')).toMatch(/^error/);
    expect(key('0123456789', 'XX')).toMatch(/^error: not an ISO/);
    expect(key('')).toMatch(/^error/);
  });

  it('warns about a number in no known range and drops an extension', () => {
    // 555 is the North American fiction range: the right length, but never assigned.
    const unassigned = normalisePhone('+1 555 555 5555');
    expect(unassigned).toMatchObject({ ok: true, identifiers: [{ value: '+15555555555' }] });
    expect(unassigned.ok && unassigned.warnings.join()).toMatch(/not a known number range/);
    expect(key('+39 06 1234 5678')).toBe('+390612345678'); // Italy keeps the 0: it is part of the number
    const extension = normalisePhone('+1 202 555 0100 ext. 5');
    expect(extension).toMatchObject({ ok: true, identifiers: [{ value: '+12025550100' }] });
    expect(extension.ok && extension.warnings).toContain('extension 5 dropped');
  });
});

import { describe, expect, it } from 'vitest';
import { normalisePlate, normaliseVin, vinCheckDigit } from './vehicle.ts';

describe('VINs', () => {
  it('accepts a VIN with a correct check digit, without warnings', () => {
    // The worked example of 49 CFR 565 / Wikipedia.
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(normaliseVin('1M8GDM9AXKP042788')).toEqual({
      ok: true,
      identifiers: [{ scheme: 'vin', value: '1M8GDM9AXKP042788' }],
      warnings: [],
    });
    expect(normaliseVin('11111111111111111').ok).toBe(true);
    expect(normaliseVin('11111111111111111')).toMatchObject({ warnings: [] });
  });

  it('gives one key however the VIN was typed', () => {
    for (const spelling of [
      '1m8gdm9axkp042788',
      '1M8 GDM9AX KP042788',
      '1M8-GDM9AX-KP042788',
      ' 1M8GDM9AXKP042788\n',
    ]) {
      expect(normaliseVin(spelling)).toMatchObject({
        ok: true,
        identifiers: [{ value: '1M8GDM9AXKP042788' }],
      });
    }
  });

  it('only warns when the check digit does not match (many non-North-American VINs)', () => {
    const result = normaliseVin('WVWZZZ1JZXW000001');
    expect(result).toMatchObject({ ok: true, identifiers: [{ value: 'WVWZZZ1JZXW000001' }] });
    expect(result.ok && result.warnings[0]).toMatch(/check digit/);
  });

  it('keeps a shorter chassis number with a warning; rejects a longer one and I, O and Q in a VIN', () => {
    // A 1970 Porsche 911 and a 1969 Chevrolet: chassis numbers from before the 17-character VIN.
    for (const chassis of ['9110120001', '124370Z123456'])
      expect(normaliseVin(chassis)).toMatchObject({
        ok: true,
        identifiers: [{ scheme: 'vin', value: chassis }],
        warnings: [expect.stringMatching(/not the 17 of a VIN: kept as a chassis number/)],
      });
    // A modern VIN with a character missing is kept too, and the warning says it may be that.
    expect(normaliseVin('1M8GDM9AXKP04278')).toMatchObject({
      ok: true,
      warnings: [expect.stringMatching(/16 characters.*a character is missing/)],
    });
    expect(normaliseVin('X123')).toMatchObject({ ok: false, error: expect.stringMatching(/17 characters/) });
    expect(normaliseVin('1M8GDM9AXKP0427888').ok).toBe(false);
    expect(normaliseVin('1M8GDM9AXKPO42788')).toEqual({
      ok: false,
      error: expect.stringMatching(/I, O or Q/),
    });
    expect(normaliseVin('IM8GDM9AXKP042788').ok).toBe(false);
    expect(normaliseVin('QM8GDM9AXKP042788').ok).toBe(false);
    expect(normaliseVin('1M8GDM9A_KP042788').ok).toBe(false);
  });
});

describe('plates', () => {
  it('gives one key however the plate was typed, scoped by country', () => {
    for (const spelling of ['AB-123-CD', 'ab 123 cd', 'AB123CD', 'ab.123.cd']) {
      expect(normalisePlate(spelling, { country: 'fr' })).toEqual({
        ok: true,
        identifiers: [{ scheme: 'plate', value: 'AB123CD', country: 'FR' }],
        warnings: [],
      });
    }
  });

  it('folds Cyrillic letters of Bulgarian plates to their Latin twins', () => {
    expect(normalisePlate('СА 1234 ВК', { country: 'BG' })).toMatchObject({
      identifiers: [{ value: 'CA1234BK' }],
    });
  });

  it('keeps letters that have no Latin twin (German umlauts)', () => {
    expect(normalisePlate('MÜ-AB 12', { country: 'DE' })).toMatchObject({
      identifiers: [{ value: 'MÜAB12' }],
    });
  });

  it('does not require a country (a search across countries) but rejects a bad one', () => {
    expect(normalisePlate('AB123CD')).toMatchObject({ identifiers: [{ value: 'AB123CD' }] });
    expect(normalisePlate('AB123CD').ok && normalisePlate('AB123CD')).not.toHaveProperty(
      'identifiers.0.country',
    );
    expect(normalisePlate('AB123CD', { country: 'ZZ' }).ok).toBe(false);
  });

  it('rejects empty, symbolic and over-long plates', () => {
    expect(normalisePlate(' - ').ok).toBe(false);
    expect(normalisePlate('AB*12').ok).toBe(false);
    expect(normalisePlate('A'.repeat(16)).ok).toBe(false);
  });
});

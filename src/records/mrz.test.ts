import { describe, expect, it } from 'vitest';
import { icaoToAlpha2, type MrzParsed, parseMrz } from './mrz.ts';

const NOW = { now: new Date('2026-01-15T00:00:00Z') };

// ICAO Doc 9303 specimens (Utopia, "UTO").
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const TD1 = [
  'I<UTOD231458907<<<<<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<6',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
const TD1_LONG_NUMBER = [
  'I<UTOD23145890<7349<<<<<<<<<<<',
  '3407127M9507122UTO<<<<<<<<<<<2',
  'STEVENSON<<PETER<JOHN<<<<<<<<<',
];
const MRV_A = [
  'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L8988901C4XXX4009078F96121096ZE184226B<<<<<<',
];
// German specimen passport: Germany writes "D<<".
const GERMAN = [
  'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
  'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4',
];

function parsed(text: string): MrzParsed {
  const result = parseMrz(text, NOW);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('parseMrz', () => {
  it('reads the ICAO TD3 passport specimen', () => {
    expect(parsed(TD3.join('\n'))).toEqual({
      ok: true,
      format: 'TD3',
      documentCode: 'P',
      documentType: 'passport',
      documentNumber: 'L898902C3',
      issuingCountry: 'ZZ',
      issuer: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'ZZ',
      dateOfBirth: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      valid: true,
      checkDigitErrors: [],
      warnings: [],
    });
  });

  it('reads the TD2 and TD1 identity card specimens', () => {
    for (const lines of [TD2, TD1]) {
      expect(parsed(lines.join('\n'))).toMatchObject({
        documentType: 'id-card',
        documentNumber: 'D23145890',
        surname: 'ERIKSSON',
        dateOfBirth: '1974-08-12',
        valid: true,
        checkDigitErrors: [],
      });
    }
    expect(parsed(TD2.join('\n')).format).toBe('TD2');
    expect(parsed(TD1.join('\n')).format).toBe('TD1');
  });

  it('reads a TD1 document number that overflows into the optional data', () => {
    expect(parsed(TD1_LONG_NUMBER.join('\n'))).toMatchObject({
      documentNumber: 'D23145890734',
      valid: true,
      sex: 'M',
    });
  });

  it('reads a visa without complaining about the fields visas do not have', () => {
    expect(parsed(MRV_A.join('\n'))).toMatchObject({
      documentType: 'visa',
      documentNumber: 'L8988901C',
      nationality: 'XXX', // unspecified nationality: no ISO code, the ICAO code is kept
      valid: true,
      checkDigitErrors: [],
    });
  });

  it('converts ICAO codes to ISO alpha-2, including Germany’s D<<', () => {
    expect(parsed(GERMAN.join('\n'))).toMatchObject({
      issuingCountry: 'DE',
      nationality: 'DE',
      documentNumber: 'C01X00T47',
      valid: true,
    });
    expect(icaoToAlpha2('FRA')).toBe('FR');
    expect(icaoToAlpha2('D<<')).toBe('DE');
    expect(icaoToAlpha2('GBD')).toBe('GB');
    expect(icaoToAlpha2('RKS')).toBe('XK');
    expect(icaoToAlpha2('UTO')).toBe('ZZ');
    expect(icaoToAlpha2('XXA')).toBeUndefined();
  });

  it('tolerates surrounding whitespace, CRLF, lower case and a zone without line breaks', () => {
    const expected = parsed(TD3.join('\n'));
    expect(parsed(`\n   ${TD3[0]}  \r\n\t${TD3[1]}   \n\n`)).toEqual(expected);
    expect(parsed(TD3.join('\n').toLowerCase())).toEqual(expected);
    expect(parsed(TD3.join(''))).toEqual(expected);
    expect(parsed(TD1.join(''))).toMatchObject({ format: 'TD1' });
  });

  it('reports check digit failures but still gives the document number, with a warning', () => {
    const wrongNumberDigit = [TD3[0], TD3[1]!.replace('L898902C36', 'L898902C37')].join('\n');
    const result = parsed(wrongNumberDigit);
    expect(result.valid).toBe(false);
    expect(result.documentNumber).toBe('L898902C3');
    expect(result.checkDigitErrors).toEqual(['document number', 'composite (whole zone)']);
    expect(result.warnings[0]).toMatch(/check proceeds on the document number/);

    const wrongBirthDigit = [TD3[0], TD3[1]!.replace('7408122', '7408123')].join('\n');
    expect(parsed(wrongBirthDigit).checkDigitErrors).toContain('date of birth');
    const wrongExpiryDigit = [TD3[0], TD3[1]!.replace('1204159', '1204158')].join('\n');
    expect(parsed(wrongExpiryDigit).checkDigitErrors).toContain('expiry date');
    const wrongPersonalDigit = [TD3[0], TD3[1]!.replace('ZE184226B<<<<<1', 'ZE184226B<<<<<2')].join('\n');
    expect(parsed(wrongPersonalDigit).checkDigitErrors).toContain('personal number');
    const wrongTd1 = [TD1[0]!.replace('D231458907', 'D231458908'), TD1[1], TD1[2]].join('\n');
    expect(parsed(wrongTd1).checkDigitErrors).toContain('document number');
  });

  it('detects a changed document number through its check digit', () => {
    const altered = [TD3[0], TD3[1]!.replace('L898902C3', 'L898902C4')].join('\n');
    expect(parsed(altered)).toMatchObject({ valid: false, documentNumber: 'L898902C4' });
  });

  it('picks the century of two-digit years sensibly', () => {
    const young = [TD3[0], TD3[1]!.replace('7408122F1204159', '1001012F3001016')].join('\n');
    const result = parsed(young);
    expect(result.dateOfBirth).toBe('2010-01-01');
    expect(result.expiryDate).toBe('2030-01-01');
  });

  it('rejects what is not an MRZ', () => {
    expect(parseMrz('hello')).toEqual({
      ok: false,
      error: expect.stringMatching(/^not an MRZ: expected 3 lines of 30/),
    });
    expect(parseMrz('')).toEqual({ ok: false, error: expect.stringMatching(/got nothing/) });
    expect(parseMrz([TD3[0], TD3[1]!.slice(0, 43)].join('\n')).ok).toBe(false);
    expect(parseMrz([TD3[0], TD3[1], TD3[1]].join('\n')).ok).toBe(false);
    expect(parseMrz([TD3[0], TD3[1]!.replace('L', '#')].join('\n'))).toEqual({
      ok: false,
      error: expect.stringMatching(/"#" is not allowed/),
    });
  });

  it('reads documents of issuers that are not states: the UN, INTERPOL, the EU, the stateless', () => {
    for (const issuer of ['UNO', 'XPO', 'EUE', 'XXA']) {
      // The issuing code is in no check digit: the specimen's digits still hold.
      const lines = TD3.map((line, i) => (i === 0 ? line.replace('UTO', issuer) : line));
      expect(parsed(lines.join('\n'))).toMatchObject({
        issuingCountry: 'ZZ',
        issuer,
        documentNumber: 'L898902C3',
      });
    }
  });

  it('rejects an issuing state without an ISO code', () => {
    const unknown = TD3.map((line) => line.replace('UTO', 'XYZ')).join('\n');
    expect(parseMrz(unknown)).toEqual({
      ok: false,
      error: 'issuing state XYZ has no ISO 3166-1 country code',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { accountValue, normaliseAccount, normaliseIban } from './bank.ts';

/** Builds an IBAN with correct ISO 7064 mod-97 check digits around any BBAN. */
function withCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of rearranged) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

describe('IBANs', () => {
  it('accepts valid IBANs of several countries in electronic format', () => {
    for (const iban of [
      'DE89370400440532013000',
      'GB82WEST12345698765432',
      'NL91ABNA0417164300',
      'BE68539007547034',
      'FR1420041010050500013M02606',
    ]) {
      expect(normaliseIban(iban)).toEqual({
        ok: true,
        identifiers: [{ scheme: 'iban', value: iban }],
        warnings: [],
      });
    }
  });

  it('gives one key however the IBAN was typed', () => {
    for (const spelling of [
      'DE89 3704 0044 0532 0130 00',
      'de89370400440532013000',
      'IBAN DE89 3704 0044 0532 0130 00',
      'iban: de89-3704-0044-0532-0130-00',
      'DE89.3704.0044.0532.0130.00',
      'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００',
    ]) {
      expect(normaliseIban(spelling)).toMatchObject({
        ok: true,
        identifiers: [{ value: 'DE89370400440532013000' }],
      });
    }
  });

  it('rejects wrong mod-97 check digits', () => {
    expect(normaliseIban('DE88370400440532013000')).toEqual({
      ok: false,
      error: 'not a valid IBAN: check digits do not match',
    });
    // One digit of the account changed.
    expect(normaliseIban('DE89370400440532013001').ok).toBe(false);
  });

  it('rejects a wrong length for the country, with the expected length', () => {
    expect(normaliseIban('DE8937040044053201300')).toEqual({
      ok: false,
      error: expect.stringMatching(/DE IBANs have 22 characters, this has 21/),
    });
  });

  it('rejects countries without IBANs and garbage', () => {
    expect(normaliseIban(withCheckDigits('US', '12345678901234'))).toEqual({
      ok: false,
      error: expect.stringMatching(/US does not issue IBANs/),
    });
    expect(normaliseIban('hello').ok).toBe(false);
    expect(normaliseIban('').ok).toBe(false);
  });

  it('only warns when the national check digit inside the BBAN fails but mod-97 passes', () => {
    const iban = withCheckDigits('BE', '539007547035'); // Belgian account check should be 34
    const result = normaliseIban(iban);
    expect(result).toMatchObject({ ok: true, identifiers: [{ value: iban }] });
    expect(result.ok && result.warnings[0]).toMatch(/national check digit/);
  });
});

describe('account numbers', () => {
  it('keys by bankId:accountNumber, without spaces or dashes, in upper case', () => {
    expect(normaliseAccount(accountValue('021000021', '1234-5678 90'))).toEqual({
      ok: true,
      identifiers: [{ scheme: 'account', value: '021000021:1234567890' }],
      warnings: [],
    });
    expect(normaliseAccount('20-00-00:ab 12345')).toMatchObject({
      identifiers: [{ value: '200000:AB12345' }],
    });
  });

  it('treats a BIC with and without the head-office branch XXX as one bank', () => {
    const withBranch = normaliseAccount('DEUTDEFFXXX:12345678');
    expect(withBranch).toMatchObject({ identifiers: [{ value: 'DEUTDEFF:12345678' }] });
    expect(normaliseAccount('deutdeff:12345678')).toEqual(withBranch);
    // Another branch is another bank identifier.
    expect(normaliseAccount('DEUTDEFF500:12345678')).toMatchObject({
      identifiers: [{ value: 'DEUTDEFF500:12345678' }],
    });
  });

  it('drops the zero padding of numeric account numbers but keeps the bank identifier’s', () => {
    expect(normaliseAccount('37040044:0532013000')).toEqual(normaliseAccount('37040044:532013000'));
    expect(normaliseAccount('021000021:0000')).toMatchObject({ identifiers: [{ value: '021000021:0' }] });
    expect(normaliseAccount('00123:1')).toMatchObject({ identifiers: [{ value: '00123:1' }] });
    // Alphanumeric account numbers keep their zeros.
    expect(normaliseAccount('X:00AB1')).toMatchObject({ identifiers: [{ value: 'X:00AB1' }] });
  });

  it('rejects values that are not bankId:accountNumber', () => {
    expect(normaliseAccount('12345678')).toEqual({
      ok: false,
      error: expect.stringMatching(/bankId:accountNumber/),
    });
    expect(normaliseAccount(':12345678').ok).toBe(false);
    expect(normaliseAccount('BANK:').ok).toBe(false);
    expect(normaliseAccount('BANK:12#34').ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { financialAccount } from './financial-account.ts';
import { check, errorFields, schemaProblems } from './test-support.ts';

const byIban = { iban: 'DE89 3704 0044 0532 0130 00', holder: 'Example Trading Ltd' };
const byAccount = { accountNumber: '1234-5678-90', bankId: '021000021', bankName: 'Example Bank' };

describe('financial account', () => {
  it('accepts an IBAN, an account number with bank identifier, or both', () => {
    expect(check(financialAccount, byIban)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(financialAccount, byAccount)).toEqual([]);
    expect(
      errorFields(financialAccount, { ...byIban, accountNumber: '0532013000', bankId: '37040044' }),
    ).toEqual([]);
  });

  it('is found by IBAN and by bank and account number', () => {
    expect(financialAccount.identifiers(byIban)).toEqual([
      { scheme: 'iban', value: 'DE89370400440532013000' },
    ]);
    expect(financialAccount.identifiers(byAccount)).toEqual([
      { scheme: 'account', value: '021000021:1234567890' },
    ]);
    expect(financialAccount.identifiers({ ...byIban, ...byAccount })).toHaveLength(2);
  });

  it('says what the account was used for and when', () => {
    const mule = { ...byIban, description: 'Money mule account of a BEC scheme', firstSeen: '2026-01-04' };
    expect(check(financialAccount, mule)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(financialAccount, { ...mule, lastSeen: '2025-12-31' })).toEqual(['/lastSeen']);
  });

  it('summarises the account and holder', () => {
    expect(financialAccount.summary(byIban)).toBe(
      'Financial account: IBAN DE89370400440532013000, holder Example Trading Ltd',
    );
    expect(financialAccount.summary(byAccount)).toBe(
      'Financial account: account 1234-5678-90 at Example Bank',
    );
  });

  it('rejects an IBAN with wrong check digits or length', () => {
    expect(check(financialAccount, { iban: 'DE88370400440532013000' }).errors).toEqual([
      { field: '/iban', message: 'not a valid IBAN: check digits do not match' },
    ]);
    expect(errorFields(financialAccount, { iban: 'DE8937040044053201300' })).toEqual(['/iban']);
  });

  it('requires an IBAN or both account number and bank identifier', () => {
    expect(errorFields(financialAccount, { holder: 'X' })).toEqual(['/iban']);
    expect(errorFields(financialAccount, { accountNumber: '123' })).toEqual(['/bankId']);
    expect(errorFields(financialAccount, { bankId: '021000021' })).toEqual(['/accountNumber']);
    expect(errorFields(financialAccount, { accountNumber: '12#3', bankId: '021000021' })).toEqual([
      '/accountNumber',
    ]);
    expect(errorFields(financialAccount, { accountNumber: '123', bankId: 'A:B' })).toEqual(['/bankId']);
    expect(schemaProblems(financialAccount, { ...byIban, swift: 'X' })).not.toEqual([]);
  });

  it('reviews accounts after five years', () => {
    expect(financialAccount.defaultReviewYears).toBe(5);
  });
});

import { type Static, Type } from '@sinclair/typebox';
import { accountValue } from '../normalise/index.ts';
import { activityFields, displayKey, Findings, joined, keysOf, ShortText } from './common.ts';
import type { RecordKind } from './types.ts';

export const FinancialAccountData = Type.Object(
  {
    iban: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: 'IBAN, with or without spaces; check digits and length are verified',
      }),
    ),
    accountNumber: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: 'Account number, for accounts without an IBAN; requires bankId',
      }),
    ),
    bankId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description:
          'Identifier of the bank for accountNumber: BIC, routing number, sort code or national bank code',
      }),
    ),
    holder: Type.Optional(ShortText('Account holder as known to the bank', 300)),
    bankName: Type.Optional(ShortText('Name of the bank')),
    ...activityFields(
      'What the account is and how it was used (a money mule’s account, a fraud’s collection account)',
    ),
  },
  {
    additionalProperties: false,
    title: 'RecordDataFinancialAccount',
    description: 'A bank account: give iban, or accountNumber with bankId (or both)',
  },
);
export type FinancialAccountData = Static<typeof FinancialAccountData>;

function accountKeys(data: FinancialAccountData) {
  if (data.accountNumber === undefined || data.bankId === undefined) return [];
  return keysOf('account', accountValue(data.bankId, data.accountNumber));
}

export const financialAccount: RecordKind<FinancialAccountData> = {
  kind: 'financial-account',
  title: 'Financial account',
  schema: FinancialAccountData,
  defaultReviewYears: 5,

  validate(data) {
    const findings = new Findings();
    const hasAccount = data.accountNumber !== undefined || data.bankId !== undefined;
    if (data.iban === undefined && !hasAccount)
      findings.error('/iban', 'give the IBAN, or the account number and bank identifier');
    if (data.iban !== undefined) findings.identifier('/iban', 'iban', data.iban);
    // An account number is only unique within its bank, so one is no use without the other.
    if (data.accountNumber !== undefined && data.bankId === undefined)
      findings.error('/bankId', 'is required with an account number');
    if (data.bankId !== undefined && data.accountNumber === undefined)
      findings.error('/accountNumber', 'is required with a bank identifier');
    if (data.accountNumber !== undefined && data.bankId !== undefined) {
      if (data.bankId.includes(':')) findings.error('/bankId', 'must not contain ":"');
      else findings.identifier('/accountNumber', 'account', accountValue(data.bankId, data.accountNumber));
    }
    findings.notBlank('/holder', data.holder);
    findings.notBlank('/bankName', data.bankName);
    findings.activity(data);
    return findings.result();
  },

  identifiers(data) {
    return [...keysOf('iban', data.iban), ...accountKeys(data)];
  },

  summary(data) {
    const account = data.iban
      ? `IBAN ${displayKey('iban', data.iban)}`
      : `account ${data.accountNumber?.trim()} at ${data.bankName?.trim() ?? data.bankId?.trim()}`;
    return joined([`Financial account: ${account}`, data.holder && `holder ${data.holder.trim()}`]);
  },
};

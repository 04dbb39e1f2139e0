import { getCountrySpecifications, ValidationErrorsIBAN, validateIBAN } from 'ibantools';
import { isCountryCode, stripSeparators } from './text.ts';
import { fail, type NormaliseResult, ok } from './types.ts';

const IBAN_SPECS = getCountrySpecifications();

/**
 * International bank account numbers (ISO 13616).
 * - The key is the electronic format: upper case, no spaces, dashes or dots, without the
 *   "IBAN" label printed before it on statements.
 * - The mod-97 check digits and the per-country length and format must be right: an IBAN that
 *   fails them cannot exist, so that is an error.
 * - A failing national check digit inside the BBAN (Belgium, France, Spain…) is only a warning:
 *   the mod-97 already passed, and national rules have historical exceptions.
 */
export function normaliseIban(value: string): NormaliseResult {
  const iban = stripSeparators(value.normalize('NFKC').toUpperCase()).replace(/^IBAN:?/, '');
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) {
    return fail('not a valid IBAN: two letters (the country), two check digits, then the account');
  }
  const country = iban.slice(0, 2);
  const result = validateIBAN(iban, { allowQRIBAN: true });
  const codes = new Set(result.errorCodes);
  if (codes.has(ValidationErrorsIBAN.NoIBANCountry))
    return fail(`not a valid IBAN: ${country} does not issue IBANs`);
  if (codes.has(ValidationErrorsIBAN.WrongBBANLength)) {
    return fail(
      `not a valid IBAN: ${country} IBANs have ${IBAN_SPECS[country]?.chars} characters, this has ${iban.length}`,
    );
  }
  if (codes.has(ValidationErrorsIBAN.WrongBBANFormat))
    return fail(`not a valid IBAN: the account part is not in ${country}'s format`);
  if (
    codes.has(ValidationErrorsIBAN.ChecksumNotNumber) ||
    codes.has(ValidationErrorsIBAN.WrongIBANChecksum)
  ) {
    return fail('not a valid IBAN: check digits do not match');
  }
  const warnings = codes.has(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)
    ? [`the national check digit inside this ${country} IBAN does not match; the IBAN check digits do`]
    : [];
  return ok({ scheme: 'iban', value: iban }, warnings);
}

/** SWIFT BIC: bank, country, location and an optional branch. */
const BIC = /^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Puts an account's two parts into the single value the `account` scheme takes. */
export function accountValue(bankId: string, accountNumber: string): string {
  return `${bankId}:${accountNumber}`;
}

/**
 * Account numbers outside the IBAN system, as `bankId:accountNumber` (the bank identifier is a
 * BIC, routing number, sort code, bank code…; the account number alone is not unique).
 * - Both parts upper case, without spaces, dashes or dots ("20-00-00" is sort code 200000).
 * - A BIC's "XXX" branch means the head office: DEUTDEFFXXX and DEUTDEFF are the same bank.
 * - All-digit account numbers lose their leading zeros: several countries (Germany, Austria,
 *   Switzerland…) pad account numbers to a fixed width, so "0012345678" and "12345678" are the
 *   same account. Bank identifiers keep theirs (US routing numbers are fixed nine digits).
 */
export function normaliseAccount(value: string): NormaliseResult {
  const separator = value.indexOf(':');
  if (separator < 0)
    return fail('give the account as bankId:accountNumber (the bank identifier, then the account number)');
  let bankId = stripSeparators(value.slice(0, separator).toUpperCase());
  let accountNumber = stripSeparators(value.slice(separator + 1).toUpperCase());
  if (!/^[A-Z0-9]{1,34}$/.test(bankId))
    return fail('not a valid bank identifier: 1 to 34 letters and digits');
  if (!/^[A-Z0-9]{1,34}$/.test(accountNumber))
    return fail('not a valid account number: 1 to 34 letters and digits');
  const bic = BIC.exec(bankId);
  if (bic && isCountryCode(bic[1]!) && bic[2] === 'XXX') bankId = bankId.slice(0, 8);
  if (/^\d+$/.test(accountNumber)) accountNumber = accountNumber.replace(/^0+(?=\d)/, '');
  return ok({ scheme: 'account', value: accountValue(bankId, accountNumber) });
}

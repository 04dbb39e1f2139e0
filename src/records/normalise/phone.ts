import { type CountryCode, ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { checkCountry } from './text.ts';
import { fail, type NormaliseOptions, type NormaliseResult, ok } from './types.ts';

/**
 * Phone numbers in E.164 (+ country code and national number, nothing else), using
 * libphonenumber's full metadata.
 * - A number without a country prefix ("01 23 45 67 89") needs `options.country`: the same
 *   digits are different numbers in different countries, so guessing would give wrong hits.
 * - "00" before the country code is the international prefix of most countries; without a
 *   country it is read as "+". With a country, that country's own prefixes apply (011 in the US).
 * - A number whose length is impossible for its country is an error; one the metadata does not
 *   know as assigned is only a warning, because numbering plans change faster than metadata.
 * - An extension is dropped (with a warning): E.164 has none and the line is the identifier.
 * - A tel: URI is read as its number (tel:+33-1-23-45-67-89).
 */
export function normalisePhone(value: string, options: NormaliseOptions = {}): NormaliseResult {
  // A tel: URI (RFC 3966), as web pages, vCards and phone exports write a number.
  let text = value.trim().replace(/^tel:/i, '');
  if (text.length === 0) return fail('a phone number is required');
  let defaultCountry: CountryCode | undefined;
  if (options.country !== undefined) {
    const country = checkCountry(options.country);
    if (!country.ok) return fail(country.error);
    defaultCountry = country.country as CountryCode;
  } else if (/^00[1-9]/.test(text.replace(/[\s().-]/g, ''))) {
    text = `+${text.replace(/^[\s().-]*00/, '')}`;
  }
  if (!defaultCountry && !text.startsWith('+')) {
    return fail(
      'give the number in international format (+ and the country code) or say which country it is from',
    );
  }
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(text, defaultCountry ? { defaultCountry } : undefined);
  } catch (error) {
    const reason = error instanceof ParseError ? error.message : 'unreadable';
    return fail(`not a valid phone number (${PARSE_ERRORS[reason] ?? reason})`);
  }
  if (!parsed.isPossible()) return fail('not a valid phone number: impossible length for its country');
  const warnings: string[] = [];
  if (!parsed.isValid())
    warnings.push(`${parsed.number} is not a known number range for its country; check it`);
  if (parsed.ext) warnings.push(`extension ${parsed.ext} dropped`);
  return ok({ scheme: 'phone', value: parsed.number }, warnings);
}

/** libphonenumber's error codes in words. */
const PARSE_ERRORS: Record<string, string> = {
  INVALID_COUNTRY: 'unknown country code',
  NOT_A_NUMBER: 'not a phone number',
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'wrong length',
};

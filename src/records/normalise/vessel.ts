import { isCountryCode, stripSeparators, upperLatin } from './text.ts';
import { fail, type NormaliseResult, ok } from './types.ts';

/** The IMO ship number's seventh digit: the first six weighted 7..2, summed, modulo 10. */
export function imoCheckDigit(sixDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(sixDigits[i]) * (7 - i);
  return sum % 10;
}

/**
 * IMO ship identification numbers: "IMO 9074729", "IMO No. 9074729", "imo9074729" and
 * "9074729" are one ship.
 * The number is always seven digits and its check digit is part of its definition (every
 * assigned number satisfies it), so a mismatch is a typo and an error.
 */
export function normaliseImo(value: string): NormaliseResult {
  // "IMO 9074729", "IMO No. 9074729", "IMO number: 9074729", "IMO#9074729".
  const digits = stripSeparators(value.toUpperCase()).replace(/^IMO(?:NO|NUMBER)?[:#]?/, '');
  if (!/^\d{7}$/.test(digits)) return fail('not a valid IMO number: it has seven digits, e.g. IMO 9074729');
  if (imoCheckDigit(digits) !== Number(digits[6]))
    return fail('not a valid IMO number: the check digit does not match');
  return ok({ scheme: 'imo', value: digits });
}

/** ISO 10087 / US 33 CFR 181 hull identification number: maker code, serial, date and model year. */
const HIN = /^[A-Z0-9]{12}$/;

/**
 * Hull identification numbers (boats; ISO 10087 "CIN" in Europe, "HIN" in North America).
 * - Upper case; spaces, dashes and dots removed (printed as "FR-ABC12345D404").
 * - The European CIN is the country code followed by the 12-character HIN: "FR-ABC12345D404"
 *   and "ABC12345D404" are the same hull, so a valid country prefix before a 12-character
 *   HIN is dropped.
 * - Other formats (shipyard hull numbers) are accepted as typed, 3–20 letters and digits.
 */
export function normaliseHull(value: string): NormaliseResult {
  let hull = stripSeparators(upperLatin(value));
  if (hull.length === 14 && isCountryCode(hull.slice(0, 2)) && HIN.test(hull.slice(2))) hull = hull.slice(2);
  if (!/^[A-Z0-9]{3,20}$/.test(hull))
    return fail('not a valid hull identification number: 3 to 20 letters and digits');
  return ok({ scheme: 'hull', value: hull });
}

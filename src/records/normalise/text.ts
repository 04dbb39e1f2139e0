import countries from 'i18n-iso-countries';
import { CYRILLIC_LOOKALIKES, GREEK_LOOKALIKES } from '../../names/lookalikes.ts';

/** Small text helpers shared by the normalisers. */

/** Spaces, dashes and dots: formatting that people add to make long identifiers readable. */
const SEPARATORS = /[\s\-.\u2010-\u2015\u2212]/g;

/** Removes whitespace, dashes (including typographic ones) and dots. */
export function stripSeparators(value: string): string {
  return value.replace(SEPARATORS, '');
}

/**
 * Cyrillic and Greek letters that look exactly like Latin ones (upperLatin upper-cases first:
 * the capitals are what apply). Plates, serials and document
 * numbers are often typed on a Cyrillic or Greek keyboard (Bulgarian, Greek, Russian, Ukrainian
 * plates only use these letters), so "АВ 1234 СН" and "AB 1234 CH" must be the same key.
 */
const LOOKALIKES: Record<string, string> = { ...CYRILLIC_LOOKALIKES, ...GREEK_LOOKALIKES };
const LOOKALIKE_PATTERN = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

const DIGIT = /\p{Nd}/u;
const OTHER_DIGITS = /[^\P{Nd}0-9]/gu;

/**
 * The value of a decimal digit of any script (Arabic-Indic ٣, Persian ۳, Devanagari ३…).
 * Unicode keeps each script's digits as one run of ten in order, and NFKC has already folded
 * the runs that sit side by side (mathematical digits): a digit's value is its distance from
 * the start of its run of digits, modulo ten.
 */
function digitValue(c: string): string {
  let start = c.codePointAt(0)!;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((c.codePointAt(0)! - start) % 10);
}

/**
 * Upper-cases (NFKC first, so full-width "ＡＢ１" becomes "AB1"), writes every script's digits
 * as 0–9 (a Gulf plate prints both ١٢٣٤ and 1234) and folds look-alike letters to Latin.
 */
export function upperLatin(value: string): string {
  return value
    .normalize('NFKC')
    .replace(OTHER_DIGITS, digitValue)
    .toUpperCase()
    .replace(LOOKALIKE_PATTERN, (c) => LOOKALIKES[c] ?? c);
}

/**
 * An ISO 3166-1 alpha-2 code, upper-cased, or an error message. Lower case is accepted
 * because people type it; anything else (alpha-3, "UK") is an error rather than a guess.
 */
export function checkCountry(code: string): { ok: true; country: string } | { ok: false; error: string } {
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return { ok: true, country: upper };
  const hint = upper === 'UK' ? ' (the United Kingdom is GB)' : '';
  return { ok: false, error: `not an ISO 3166-1 alpha-2 country code: ${code}${hint}` };
}

/** Whether a string is an ISO 3166-1 alpha-2 code as stored (upper case). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

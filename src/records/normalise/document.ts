import { checkCountry, stripSeparators, upperLatin } from './text.ts';
import { fail, type NormaliseOptions, type NormaliseResult, ok } from './types.ts';

/** Long enough for national identity numbers that overflow the MRZ's nine characters. */
const MAX_DOCUMENT_NUMBER = 35;

/**
 * Travel and identity document numbers.
 * - Upper case, and Cyrillic/Greek look-alikes folded to Latin: the MRZ only knows A–Z and 0–9,
 *   and an officer may read the number off the visual zone on a Cyrillic keyboard.
 * - Spaces, dashes and dots are printing aids, not part of the number.
 * - `<` is the MRZ filler: "L898902C<" read from the MRZ is the number "L898902C".
 * - Leading zeros are kept: they are significant in document numbers.
 * - The issuing country scopes the number (two countries may issue the same number); it is
 *   optional because a search may look across countries.
 */
export function normaliseDocument(value: string, options: NormaliseOptions = {}): NormaliseResult {
  const number = stripSeparators(upperLatin(value)).replace(/</g, '');
  if (number.length === 0) return fail('a document number is required');
  if (!/^[A-Z0-9]+$/.test(number))
    return fail('not a valid document number: only letters A–Z and digits are allowed');
  if (number.length > MAX_DOCUMENT_NUMBER)
    return fail(`not a valid document number: longer than ${MAX_DOCUMENT_NUMBER} characters`);
  if (options.country === undefined) return ok({ scheme: 'document', value: number });
  const country = checkCountry(options.country);
  if (!country.ok) return fail(country.error);
  return ok({ scheme: 'document', value: number, country: country.country });
}

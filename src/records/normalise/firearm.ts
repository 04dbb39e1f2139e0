import { stripSeparators, upperLatin } from './text.ts';
import { fail, type NormaliseResult, ok } from './types.ts';

/**
 * Firearm serial numbers.
 * - Upper case, Cyrillic/Greek look-alikes folded to Latin (serials on weapons from the former
 *   Soviet Union mix Cyrillic letters that are typed as Latin ones).
 * - Spaces, dashes, dots and slashes removed: they are engraving layout.
 * - Leading zeros are KEPT: "00123" and "123" are different weapons of the same make.
 * - Other letters (Cyrillic letters without a Latin twin, such as Д) are kept as they are.
 */
export function normaliseFirearmSerial(value: string): NormaliseResult {
  const serial = stripSeparators(upperLatin(value)).replace(/\//g, '');
  if (serial.length === 0) return fail('a serial number is required');
  if (!/^[\p{L}\p{N}]+$/u.test(serial))
    return fail('not a valid serial number: only letters and digits are allowed');
  if (serial.length > 40) return fail('not a valid serial number: longer than 40 characters');
  return ok({ scheme: 'firearm-serial', value: serial });
}

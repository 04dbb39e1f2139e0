import { checkCountry, stripSeparators, upperLatin } from './text.ts';
import { fail, type NormaliseOptions, type NormaliseResult, ok } from './types.ts';

/** ISO 3779 transliteration of letters to numbers for the check digit (I, O and Q never occur). */
const VIN_LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The ISO 3779 / FMVSS 565 check digit (position 9) a VIN should carry: '0'–'9' or 'X'. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const value = c >= '0' && c <= '9' ? Number(c) : (VIN_LETTER_VALUES[c] ?? 0);
    sum += value * VIN_WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Shortest chassis number kept: makers' serials before 1981 ran from about six characters. */
const MIN_CHASSIS_LENGTH = 5;

/**
 * Vehicle identification numbers (ISO 3779).
 * - Upper case; spaces, dashes and dots removed (VINs are printed in groups).
 * - 17 characters without I, O or Q (excluded by the standard to avoid confusion with 1 and
 *   0): a 17-character value that breaks this is a typo, so an error.
 * - Shorter (5 to 16 letters and digits) is kept with a warning, as a chassis number: vehicles
 *   built before 1981, and some makers and markets since, carry one, and a stolen classic car
 *   must be recordable and findable by it. A modern VIN with a character missing gets the same
 *   warning, which says so.
 * - A wrong check digit is only a warning: it is mandatory in North America, but many
 *   European and Asian manufacturers put something else in position 9.
 */
export function normaliseVin(value: string): NormaliseResult {
  const vin = stripSeparators(upperLatin(value));
  if (vin.length > 17) return fail(`not a valid VIN: a VIN has 17 characters, this has ${vin.length}`);
  if (vin.length < 17) {
    if (vin.length < MIN_CHASSIS_LENGTH || !/^[A-Z0-9]+$/.test(vin))
      return fail(
        `not a valid VIN: a VIN has 17 characters (a chassis number from before 1981 at least ${MIN_CHASSIS_LENGTH} letters and digits), this has ${vin.length}`,
      );
    return ok({ scheme: 'vin', value: vin }, [
      `${vin.length} characters, not the 17 of a VIN: kept as a chassis number (vehicles before 1981, some makers and markets); if this is a modern VIN, a character is missing`,
    ]);
  }
  if (/[IOQ]/.test(vin))
    return fail('not a valid VIN: VINs never contain the letters I, O or Q (did you mean 1 or 0?)');
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return fail('not a valid VIN: only letters and digits are allowed');
  const expected = vinCheckDigit(vin);
  const warnings =
    vin[8] === expected
      ? []
      : [
          `VIN check digit (position 9) is ${vin[8]}, ISO 3779 gives ${expected}: normal for many vehicles built outside North America, otherwise a typo`,
        ];
  return ok({ scheme: 'vin', value: vin }, warnings);
}

/**
 * Registration plates.
 * - Upper case, Cyrillic/Greek look-alikes folded to Latin (Bulgarian, Greek, Russian and
 *   Ukrainian plates use only letters that look Latin, and are typed either way).
 * - Spaces, dashes and dots removed: they are layout, and witnesses report plates without them.
 *   This can merge two plates that differ only in where the dash is (German "B-AB 12" and
 *   "BA-B 12"); a hit is always confirmed by a person, a missed stolen car is not.
 * - Scoped by the registration country: the same plate exists in many countries.
 */
export function normalisePlate(value: string, options: NormaliseOptions = {}): NormaliseResult {
  const plate = stripSeparators(upperLatin(value)).replace(/[·•/]/g, '');
  if (plate.length === 0) return fail('a plate is required');
  if (!/^[\p{L}\p{N}]+$/u.test(plate)) return fail('not a valid plate: only letters and digits are allowed');
  if (plate.length > 15) return fail('not a valid plate: longer than 15 characters');
  if (options.country === undefined) return ok({ scheme: 'plate', value: plate });
  const country = checkCountry(options.country);
  if (!country.ok) return fail(country.error);
  return ok({ scheme: 'plate', value: plate, country: country.country });
}

import { Type } from '@sinclair/typebox';
import { isBlank } from '../../platform/blank-text.ts';
import {
  type NormalisedIdentifier,
  type NormaliseOptions,
  normaliseIdentifier,
  type Scheme,
} from '../normalise/index.ts';
import { isCountryCode } from '../normalise/text.ts';
import type { FieldMessage, ValidationOutcome } from './types.ts';

/** Building blocks shared by the record kinds. */

export const Country = (description = 'ISO 3166-1 alpha-2 country code, e.g. FR') =>
  Type.String({ pattern: '^[A-Z]{2}$', description });

/** A calendar date; ajv-formats rejects impossible ones such as 2023-02-30. */
export const IsoDate = (description: string) => Type.String({ format: 'date', description });

/** At most this many photographs on one record. */
export const MAX_PHOTOS = 10;

/**
 * Photographs are stored apart from the record (src/records/photos.ts): uploaded first
 * (`POST /records/photos`), then named here by the id the upload answered. On every write
 * each id must be an upload of the writer's not yet on another record; it is bound to this
 * record in the same transaction.
 */
export const PhotoIds = (description: string) =>
  Type.Array(Type.String({ format: 'uuid' }), {
    maxItems: MAX_PHOTOS,
    description: `${description}: ids of photographs uploaded with POST /records/photos (JPEG or PNG), at most ${MAX_PHOTOS}`,
  });

export const ShortText = (description: string, maxLength = 200) =>
  Type.String({ minLength: 1, maxLength, description });

/** A date or a date-time in ISO 8601; the calendar is checked in validate. */
const DATE_OR_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$';

/**
 * What an analyst says of a piece of criminal infrastructure — an indicator, a wallet, a
 * mule account: what it is and how it was used, and when it was seen in use.
 */
export const activityFields = (what: string) => ({
  description: Type.Optional(ShortText(what, 5000)),
  firstSeen: Type.Optional(
    Type.String({ pattern: DATE_OR_DATE_TIME, description: 'First seen: ISO 8601 date or date-time' }),
  ),
  lastSeen: Type.Optional(
    Type.String({ pattern: DATE_OR_DATE_TIME, description: 'Last seen: ISO 8601 date or date-time' }),
  ),
});

/** Milliseconds since the epoch of a real date or date-time, or undefined ("2024-02-30" is not one). */
function instant(text: string): number | undefined {
  const [datePart] = text.split('T');
  const [year, month, day] = datePart!.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return undefined;
  const time = Date.parse(text.includes('T') ? text : `${text}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}

/** Collects errors and warnings while a kind validates a record. */
export class Findings implements ValidationOutcome {
  errors: FieldMessage[] = [];
  warnings: FieldMessage[] = [];

  error(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  warn(field: string, message: string): void {
    this.warnings.push({ field, message });
  }

  /** The pattern in the schema only checks the shape; this checks that the code is assigned. */
  country(field: string, code: string | undefined): void {
    if (code !== undefined && !isCountryCode(code))
      this.error(field, `${code} is not an ISO 3166-1 alpha-2 country code`);
  }

  /** Text that is only spaces (or zero-width characters) passes minLength but says nothing. */
  notBlank(field: string, text: string | undefined): void {
    if (text !== undefined && isBlank(text)) this.error(field, 'must not be blank');
  }

  /** The activity fields (`activityFields`): real dates, in order, and a description that says something. */
  activity(data: { description?: string; firstSeen?: string; lastSeen?: string }): void {
    const first = data.firstSeen === undefined ? undefined : instant(data.firstSeen);
    const last = data.lastSeen === undefined ? undefined : instant(data.lastSeen);
    if (data.firstSeen !== undefined && first === undefined)
      this.error('/firstSeen', `${data.firstSeen} is not a real date`);
    if (data.lastSeen !== undefined && last === undefined)
      this.error('/lastSeen', `${data.lastSeen} is not a real date`);
    if (first !== undefined && last !== undefined && last < first)
      this.error('/lastSeen', 'is before firstSeen');
    this.notBlank('/description', data.description);
  }

  /** Normalises an identifier field: its error becomes the field's error, its warnings the field's warnings. */
  identifier(
    field: string,
    scheme: Scheme,
    value: string,
    options: NormaliseOptions = {},
  ): NormalisedIdentifier[] {
    const result = normaliseIdentifier(scheme, value, options);
    if (!result.ok) {
      this.error(field, result.error);
      return [];
    }
    for (const warning of result.warnings) this.warn(field, warning);
    return result.identifiers;
  }

  result(): ValidationOutcome {
    return { errors: this.errors, warnings: this.warnings };
  }
}

/** The search keys of an identifier, or none if it does not normalise (validate has reported that). */
export function keysOf(
  scheme: Scheme,
  value: string | undefined,
  options: NormaliseOptions = {},
): NormalisedIdentifier[] {
  if (value === undefined) return [];
  const result = normaliseIdentifier(scheme, value, options);
  return result.ok ? result.identifiers : [];
}

/** The normalised form of an identifier for display, or the value as typed. */
export function displayKey(scheme: Scheme, value: string, options: NormaliseOptions = {}): string {
  return keysOf(scheme, value, options)[0]?.value ?? value.trim();
}

/** Today's date as YYYY-MM-DD (UTC), for "not in the future" rules. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Parts of a sentence, without the missing ones. */
export function joined(parts: (string | undefined | false)[], separator = ', '): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(separator);
}

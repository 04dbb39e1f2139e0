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

/** Attachments (photos, images) are stored separately; records refer to them by id. */
export const AttachmentIds = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }), {
    maxItems: 50,
    description,
  });

export const ShortText = (description: string, maxLength = 200) =>
  Type.String({ minLength: 1, maxLength, description });

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

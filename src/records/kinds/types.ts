import type { TSchema } from '@sinclair/typebox';
import type { NormalisedIdentifier } from '../normalise/index.ts';

export interface FieldMessage {
  /** JSON Pointer relative to the record's data, e.g. '/iban' or '/names/0/full'. */
  field: string;
  message: string;
}

export interface ValidationContext {
  /** ISO 3166-1 alpha-2 country of the owning agency; null for the secretariat and international organisations. */
  ownerCountry: string | null;
  /** The owning agency's kind: 'bureau', 'unit', 'secretariat', 'international-organisation', 'partner'. */
  ownerKind: string;
}

export interface ValidationOutcome {
  /** Stop the write. */
  errors: FieldMessage[];
  /** Written anyway, and shown to the person who wrote it (e.g. a VIN check digit that does not match). */
  warnings: FieldMessage[];
}

export interface RecordKind<T> {
  /** 'person' | 'travel-document' | 'vehicle' | 'vessel' | 'firearm' | 'work-of-art' | 'crypto-wallet' | 'financial-account' | 'cyber-indicator' */
  kind: string;
  /** English label. */
  title: string;
  /** TypeBox schema of `data`, additionalProperties false, with descriptions (it becomes OpenAPI). */
  schema: TSchema;
  /**
   * Checks beyond the schema (checksums, cross-field rules), run after the data matched the
   * schema. Field pointers are relative to data, e.g. '/iban'.
   */
  validate(data: T, context: ValidationContext): ValidationOutcome;
  /** The search keys of a record (data that passed validate). */
  identifiers(data: T): NormalisedIdentifier[];
  /** A one-line human summary for lists, e.g. 'Passport P1234567 (FR), stolen'. */
  summary(data: T): string;
  /** Years from creation to the record's review date. */
  defaultReviewYears: number;
  /** The data field listing the record's photographs (src/records/photos.ts), for kinds that have them. */
  photoField?: string;
}

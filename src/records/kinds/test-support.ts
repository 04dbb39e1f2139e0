/** Helpers for the record kinds' tests (not a test file itself). */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RecordKind, ValidationContext } from './types.ts';

// ajv and ajv-formats are CommonJS packages with a default export.
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The same settings as the API's body validation: all errors, no coercion, unknown fields rejected. */
const ajv = new Ajv({ allErrors: true, removeAdditional: false, coerceTypes: false, strict: false });
addFormats(ajv);

/** A bureau of France, the usual owner in these tests. */
export const FRENCH_BUREAU: ValidationContext = { ownerCountry: 'FR', ownerKind: 'bureau' };

/** Ajv's complaints about data against a kind's schema, as "pointer message" strings. */
export function schemaProblems(kind: RecordKind<unknown>, data: unknown): string[] {
  const validate = ajv.compile(kind.schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** Runs the schema and then the kind's own checks, as the record service does. */
export function check(kind: RecordKind<unknown>, data: unknown, context: ValidationContext = FRENCH_BUREAU) {
  const problems = schemaProblems(kind, data);
  if (problems.length > 0) return { schema: problems, errors: [], warnings: [] };
  return { schema: [], ...kind.validate(data, context) };
}

/** The fields that have errors. */
export function errorFields(
  kind: RecordKind<unknown>,
  data: unknown,
  context: ValidationContext = FRENCH_BUREAU,
): string[] {
  const result = check(kind, data, context);
  if (result.schema.length > 0) return ['schema'];
  return result.errors.map((e) => e.field);
}

import { isRealFullDate } from '../platform/dates.ts';
import type { FieldError } from '../platform/errors.ts';
import { isCountryCode } from '../records/normalise/text.ts';
import { type FieldSpec, type NoticeTypeSpec, TRANSLATION_LANGUAGES, translatablePointers } from './types.ts';

/**
 * Checks a notice's data against its type's field list. A draft may be incomplete: only
 * the shape is checked (known fields, types, lengths, codes). A request being submitted
 * must also have every required field. Errors name the field as a JSON Pointer under
 * `prefix` (the request body's `/body/data`).
 */
export type Mode = 'draft' | 'submit';

function empty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function checkField(field: FieldSpec, value: unknown, at: string, mode: Mode, out: FieldError[]): void {
  const message = fieldProblem(field, value, at, mode, out);
  if (message) out.push({ field: at, message });
}

/** The field's own problem, if any; problems of its items are pushed to `out`. */
function fieldProblem(
  field: FieldSpec,
  value: unknown,
  at: string,
  mode: Mode,
  out: FieldError[],
): string | null {
  if (empty(value)) return mode === 'submit' && field.required ? 'is required' : null;
  const fail = (message: string) => message;
  switch (field.kind) {
    case 'text':
    case 'longtext':
      if (typeof value !== 'string') return fail('must be a string');
      {
        const limit = field.maxLength ?? (field.kind === 'text' ? 300 : 8000);
        return value.length > limit ? fail(`must be at most ${limit} characters`) : null;
      }
    case 'date':
      if (typeof value !== 'string' || !isRealFullDate(value)) return fail('must be a real date, YYYY-MM-DD');
      return null;
    case 'country':
      if (typeof value !== 'string' || !isCountryCode(value))
        return fail('must be an ISO 3166-1 alpha-2 country code');
      return null;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('must be true or false');
      if (mode === 'submit' && field.mustBe !== undefined && value !== field.mustBe)
        return fail(`must be ${field.mustBe}`);
      return null;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
      if (field.kind === 'integer' && !Number.isInteger(value)) return fail('must be a whole number');
      if (field.min !== undefined && value < field.min) return fail(`must be at least ${field.min}`);
      if (field.max !== undefined && value > field.max) return fail(`must be at most ${field.max}`);
      return null;
    case 'enum':
      if (typeof value !== 'string' || !field.options?.includes(value))
        return fail(`must be one of: ${field.options?.join(', ')}`);
      return null;
    case 'codes': {
      if (!Array.isArray(value)) return fail('must be a list');
      if (field.maxItems !== undefined && value.length > field.maxItems)
        return fail(`at most ${field.maxItems} items`);
      if (new Set(value).size !== value.length) return fail('must not repeat a code');
      value.forEach((code, i) => {
        const ok =
          typeof code === 'string' &&
          (field.options ? field.options.includes(code) : new RegExp(field.pattern ?? '.').test(code));
        if (!ok)
          out.push({
            field: `${at}/${i}`,
            message: field.options
              ? `must be one of: ${field.options.join(', ')}`
              : `must match ${field.pattern}`,
          });
      });
      return null;
    }
    case 'group': {
      if (!Array.isArray(value)) return fail('must be a list');
      if (field.maxItems !== undefined && value.length > field.maxItems)
        return fail(`at most ${field.maxItems} items`);
      if (mode === 'submit' && field.minItems !== undefined && value.length < field.minItems)
        return fail(`at least ${field.minItems} needed`);
      value.forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item))
          out.push({ field: `${at}/${i}`, message: 'must be an object' });
        else checkObject(field.fields ?? [], item as Record<string, unknown>, `${at}/${i}`, mode, out);
      });
      return null;
    }
  }
}

function checkObject(
  fields: FieldSpec[],
  data: Record<string, unknown>,
  at: string,
  mode: Mode,
  out: FieldError[],
): void {
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data))
    if (!known.has(key)) out.push({ field: `${at}/${key}`, message: 'is not a known field' });
  for (const field of fields) checkField(field, data[field.key], `${at}/${field.key}`, mode, out);
}

export function dataErrors(
  spec: NoticeTypeSpec,
  data: unknown,
  mode: Mode,
  prefix = '/body/data',
): FieldError[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return [{ field: prefix, message: 'must be an object' }];
  const out: FieldError[] = [];
  checkObject(spec.fields, data as Record<string, unknown>, prefix, mode, out);
  return out;
}

/**
 * Translations: `{fr: {"/facts": "…", "/warrants/0/charges": "…"}}` — per language, the
 * translatable fields' pointers into `data` and their text.
 */
export function translationErrors(
  spec: NoticeTypeSpec,
  data: Record<string, unknown>,
  translations: unknown,
  language: string,
  prefix = '/body/translations',
): FieldError[] {
  if (translations === undefined) return [];
  if (typeof translations !== 'object' || translations === null || Array.isArray(translations))
    return [{ field: prefix, message: 'must be an object' }];
  const pointers = new Set(translatablePointers(spec, data));
  const out: FieldError[] = [];
  for (const [lang, texts] of Object.entries(translations as Record<string, unknown>)) {
    const at = `${prefix}/${lang}`;
    if (!(TRANSLATION_LANGUAGES as readonly string[]).includes(lang)) {
      out.push({ field: at, message: `must be one of: ${TRANSLATION_LANGUAGES.join(', ')}` });
      continue;
    }
    if (lang === language) {
      out.push({ field: at, message: 'is the language the request is written in' });
      continue;
    }
    if (typeof texts !== 'object' || texts === null || Array.isArray(texts)) {
      out.push({ field: at, message: 'must be an object of field pointers to text' });
      continue;
    }
    for (const [pointer, text] of Object.entries(texts as Record<string, unknown>)) {
      // JSON Pointer escaping: "/" in a key is "~1" inside a pointer segment.
      const field = `${at}/${pointer.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!pointers.has(pointer)) out.push({ field, message: 'is not a translatable field of this request' });
      else if (typeof text !== 'string' || text.trim() === '' || text.length > 8000)
        out.push({ field, message: 'must be text of 1 to 8000 characters' });
    }
  }
  return out;
}

import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isBlank, NOT_BLANK } from './blank-text.ts';
import type { FieldError } from './errors.ts';

// ajv and ajv-formats are CommonJS packages with a default export.
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(coerceTypes: boolean | 'array') {
  const ajv = new Ajv({
    allErrors: true,
    // Unknown fields are an error, not something to drop silently.
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    strict: false,
    // Errors carry the failing schema, so that a pattern error can say what was expected.
    verbose: true,
  });
  addFormats(ajv);
  // RFC 3339 allows a leap second (23:59:60), which JavaScript's Date cannot hold: accepted,
  // it reached the database as an invalid date (a 500). A time we cannot represent is refused.
  const rfc3339 = ajv.formats['date-time'] as { validate: (text: string) => boolean };
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => rfc3339.validate(text) && Number.isFinite(Date.parse(text)),
  });
  // ajv-formats' uuid allows a "urn:uuid:" prefix, which PostgreSQL's uuid type refuses: an id
  // so written passed the edge and failed in the database (a 500, and an import half written).
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  // Text that must say something (src/platform/blank-text.ts): a reason, a subject, a note.
  ajv.addKeyword({
    keyword: NOT_BLANK,
    type: 'string',
    schemaType: 'boolean',
    errors: false,
    validate: (notBlank: boolean, text: string) => !notBlank || !isBlank(text),
  });
  return ajv;
}

/**
 * Bodies are JSON and must carry the right types; query strings and path parameters are
 * text by nature and are coerced to the declared types.
 */
const bodyAjv = makeAjv(false);
const textAjv = makeAjv('array');

export function validatorCompiler({ schema, httpPart }: { schema: object; httpPart?: string }) {
  return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
}

const schemaValidators = new WeakMap<object, ReturnType<typeof bodyAjv.compile>>();

/** Validates a value against a schema chosen at run time (a record kind's), naming failing fields under `prefix`. */
export function schemaErrors(schema: object, value: unknown, prefix: string): FieldError[] {
  let validate = schemaValidators.get(schema);
  if (!validate) {
    validate = bodyAjv.compile(schema);
    schemaValidators.set(schema, validate);
  }
  if (validate(value)) return [];
  return fieldErrors(validate.errors ?? [], 'body').map((e) => ({
    ...e,
    field: prefix + e.field.slice('/body'.length),
  }));
}

const PART_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'headers',
};

/** Turns Ajv's errors into field errors that name the failing input, one per field. */
const FORMAT_WORDS: Record<string, string> = {
  email: 'must be an e-mail address',
  date: 'must be a date, YYYY-MM-DD',
  'date-time': 'must be a date and time in ISO 8601, e.g. 2026-12-07T09:30:00Z',
  uri: 'must be a web address (https://…)',
  uuid: 'must be an id (a UUID)',
  ipv4: 'must be an IPv4 address',
  ipv6: 'must be an IPv6 address',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

/**
 * The validator's own sentences ("must NOT have fewer than 1 characters", "must match format
 * "email"") in words an officer reads in a form; null where its own will do.
 */
function plainMessage(error: ErrorObject): string | null {
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  switch (error.keyword) {
    case 'minLength':
      return limit <= 1 ? 'must not be empty' : `must have at least ${limit} characters`;
    case 'maxLength':
      return `must have at most ${limit} characters`;
    case 'minItems':
      return limit <= 1 ? 'must name at least one' : `must have at least ${limit} items`;
    case 'maxItems':
      return `must have at most ${limit} items`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'format':
      return FORMAT_WORDS[String(params.format)] ?? `must be a valid ${String(params.format)}`;
    case 'type': {
      // A value of the wrong type for a list of choices (true for "yes"): name the choices.
      const choices = (error.parentSchema as { enum?: unknown[] } | undefined)?.enum;
      if (choices) return `must be one of: ${choices.map((v) => (v === '' ? '""' : String(v))).join(', ')}`;
      const types = String(params.type).split(',');
      return `must be ${types.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}`;
    }
    case 'minProperties':
      return limit <= 1 ? 'must not be empty' : `must have at least ${limit} fields`;
    default:
      return null;
  }
}

export function fieldErrors(errors: ErrorObject[], part: string | undefined): FieldError[] {
  const prefix = `/${PART_NAMES[part ?? 'body'] ?? part}`;
  const byField = new Map<string, { messages: string[]; anyOf: boolean }>();
  for (const error of errors) {
    let field = prefix + error.instancePath;
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'required') {
      field += `/${(error.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      field += `/${(error.params as { additionalProperty: string }).additionalProperty}`;
      message = 'is not a known field';
    } else if (error.keyword === 'enum') {
      // An empty string allowed (as some public clients send) is shown as one: "" rather than nothing.
      message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues
        .map((v) => (v === '' ? '""' : String(v)))
        .join(', ')}`;
    } else if (error.keyword === 'const') {
      // "must be equal to constant" named no value: say which (an anyOf of several joins them).
      message = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    } else if (error.keyword === 'uniqueItems') {
      const { i, j } = error.params as { i: number; j: number };
      message = `has the same item twice (items ${Math.min(i, j)} and ${Math.max(i, j)})`;
    } else if (error.keyword === NOT_BLANK) {
      message = 'must not be blank';
    } else if (error.keyword === 'pattern') {
      // A regular expression means nothing to the person who typed the value; the field's
      // description says what is expected.
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      message =
        error.data === ''
          ? 'must not be empty'
          : description
            ? `is not in the expected form: ${description}`
            : 'is not in the expected form';
    } else {
      message = plainMessage(error) ?? message;
    }
    const entry = byField.get(field) ?? { messages: [], anyOf: false };
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') entry.anyOf = true;
    else if (!entry.messages.includes(message)) entry.messages.push(message);
    byField.set(field, entry);
  }
  return [...byField.entries()].map(([field, { messages, anyOf }]) => ({
    field,
    message: anyOf && messages.length > 1 ? messages.join(' or ') : (messages[0] ?? 'is not valid'),
  }));
}

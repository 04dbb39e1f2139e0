import fc from 'fast-check';

/**
 * Values for a JSON Schema (the subset TypeBox writes into the OpenAPI document): mostly
 * valid, so that requests get past validation into the handlers, with hostile text mixed in
 * where any string goes (empty, very long, control and bidirectional characters, NUL, lone
 * surrogates, SQL and path tricks) so that the handlers meet it too.
 */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  [keyword: string]: unknown;
}

export const HOSTILE_TEXT = [
  '',
  ' ',
  'KE',
  '\u202eevil',
  '\u200f\u0645\u062d\u0645\u062f',
  '😀',
  'a'.repeat(5000),
  '../../etc/passwd',
  "'; drop table records; --",
  '%00',
  '\u0000',
  '\ud800',
  '0',
  '-1',
  '1e309',
  'null',
  '01a20514-d0d0-75de-ae70-8b0189bff256',
];

const ABSENT = Symbol('absent');
/** Times a client would send (JSON Schema's date-time has no year 275760 or before 0). */
const DATES = fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

export interface ArbitraryOptions {
  /** Ids seen in earlier answers: offered for uuid fields, so requests can name real objects. */
  knownIds?: () => string[];
  /** Values worth offering for a property of that name (agency codes for `to`, say), so that
   * requests get past the checks that random text never would. */
  hints?: (property: string) => string[] | undefined;
  /** Leave out the hostile text (requests that should get past validation). */
  clean?: boolean;
}

export function schemaArbitrary(
  schema: JsonSchema | undefined,
  options: ArbitraryOptions = {},
  depth = 0,
  property = '',
): fc.Arbitrary<unknown> {
  const next = (s: JsonSchema | undefined, name = property) => schemaArbitrary(s, options, depth + 1, name);
  if (!schema || depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => next(s)));
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((s) => next(s)));
  if (schema.allOf) return next(Object.assign({}, ...schema.allOf));
  const ids = options.knownIds?.() ?? [];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const hinted = options.hints?.(property) ?? [];
      const any = stringArbitrary(schema, ids, options.clean ?? false);
      return hinted.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hinted) }, any) : any;
    }
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }),
        fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 0, 0),
      );
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const lengths = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 8) };
      return schema.uniqueItems
        ? fc.uniqueArray(next(schema.items), { ...lengths, selector: (v) => JSON.stringify(v) })
        : fc.array(next(schema.items), lengths);
    }
    default: {
      if (!schema.properties)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
      const required = new Set<string>(schema.required ?? []);
      const properties: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, value] of Object.entries(schema.properties)) {
        const arbitrary = next(value as JsonSchema, name);
        // Clean requests leave most optional fields out: fields that exclude one another
        // (an envelope or its plaintext parts) rarely come together.
        properties[name] =
          required.has(name) || !options.clean
            ? arbitrary
            : fc.oneof({ weight: 3, arbitrary: fc.constant(ABSENT) }, { weight: 1, arbitrary });
      }
      return fc
        .record(properties, { requiredKeys: [...required] })
        .map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ABSENT)));
    }
  }
}

/**
 * Arbitraries for patterns, made once each: building one for a pattern with a negated
 * character class costs fast-check ~10 ms (it tokenises its sample strings), and the API
 * fuzzer asks for thousands, which took a third of its run.
 */
const patternArbitraries = new Map<string, fc.Arbitrary<string>>();
function matchingPattern(pattern: string): fc.Arbitrary<string> {
  let arbitrary = patternArbitraries.get(pattern);
  if (!arbitrary) {
    arbitrary = fc.stringMatching(new RegExp(pattern));
    patternArbitraries.set(pattern, arbitrary);
  }
  return arbitrary;
}

function stringArbitrary(schema: JsonSchema, ids: string[], clean: boolean): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
  const hostile = fc.constantFrom(...HOSTILE_TEXT.filter((h) => !clean || fits(h)));
  const known = ids.length > 0 ? [fc.constantFrom(...ids)] : [];
  if (schema.pattern) {
    const matching = matchingPattern(schema.pattern).filter(fits);
    return clean ? matching : fc.oneof({ weight: 4, arbitrary: matching }, { weight: 1, arbitrary: hostile });
  }
  switch (schema.format) {
    case 'date-time': {
      const time = DATES.map((d) => d.toISOString());
      // What RFC 3339's grammar lets through but a calendar does not: a leap second (which
      // JavaScript's Date cannot hold: it reached the database as an invalid date, a 500), the
      // 30th of February, another offset.
      const edges = fc.constantFrom(
        '2030-06-30T23:59:60Z',
        '2030-02-30T10:00:00Z',
        '2030-06-30T23:59:59.999999+14:00',
        '0001-01-01T00:00:00Z',
      );
      return clean
        ? time
        : fc.oneof({ weight: 4, arbitrary: time }, { weight: 1, arbitrary: edges }, hostile);
    }
    case 'date':
      return DATES.map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.oneof(fc.uuid(), ...known);
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
  }
  const lengths = { minLength, maxLength: Math.min(maxLength, 200) };
  const fitting = ids.filter(fits);
  if (clean)
    return fc.oneof(fc.string(lengths), ...(fitting.length > 0 ? [fc.constantFrom(...fitting)] : []));
  return fc.oneof(
    { weight: 3, arbitrary: fc.string(lengths) },
    { weight: 1, arbitrary: fc.string({ ...lengths, unit: 'binary' }) },
    { weight: 1, arbitrary: hostile.filter(fits) },
    ...known.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

/** The document with every $ref replaced by what it points at (the fuzzer reads plain schemas). */
export function inlineRefs<T>(value: T, document: unknown): T {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const ref = (x as { $ref?: string }).$ref;
      if (typeof ref === 'string')
        return walk(
          ref
            .split('/')
            .slice(1)
            .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], document),
        );
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    }
    return x;
  };
  return walk(value) as T;
}

import { type StringOptions, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';
import { NOT_BLANK } from './blank-text.ts';

/** Shared TypeBox building blocks for route schemas. */

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable problem type URN, for example urn:concord:problem:validation' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({
            description: 'JSON Pointer to the failing input, prefixed by the request part',
          }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

/** Text a person must write something in (a reason, a subject, a note): refused when blank. */
export const Text = (options: StringOptions) => Type.String({ ...options, [NOT_BLANK]: true });

export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
export const AgencyCode = Type.String({
  pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$',
  maxLength: 40,
  description: 'Stable agency code: KE, KE-CYBER, SECRETARIAT',
});

/** A page of results with an opaque cursor for the next page. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });

/** Standard error responses, referenced by every route. */
export function errorResponses(...statuses: number[]) {
  const out: Record<number, unknown> = {};
  for (const status of statuses) out[status] = Type.Ref('Problem');
  return out;
}

/** A string enum as plain JSON Schema `enum` (clearer errors and OpenAPI than anyOf of constants). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

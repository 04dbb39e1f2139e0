import { type Static, Type } from '@sinclair/typebox';
import { imageUploadFields } from '../platform/images.ts';
import { RECORD_KIND_NAMES } from '../platform/record-kind-names.ts';
import { AgencyCode, CountryCode, DateTime, Limit, StringEnum, Text, Uuid } from '../platform/schema.ts';
import { RECORD_KINDS } from './kinds/index.ts';
import { INSIDE_RANGE_LIMIT } from './search.ts';

export { RECORD_KIND_NAMES };

export const PolicySchema = Type.Object(
  {
    visibility: StringEnum(['all', 'allow', 'deny'], {
      description:
        'all: every member; allow: only the listed agencies/countries; deny: every member but the listed',
    }),
    agencies: Type.Optional(Type.Array(AgencyCode, { maxItems: 300, uniqueItems: true })),
    countries: Type.Optional(Type.Array(CountryCode, { maxItems: 300, uniqueItems: true })),
    hitOnly: Type.Optional(
      Type.Boolean({ description: 'Others learn only that the record exists (restricted hit)' }),
    ),
    handling: Type.Optional(StringEnum(['H0', 'H1', 'H2', 'H3'])),
    handlingNote: Type.Optional(Type.String({ maxLength: 1000 })),
    evaluation: Type.Optional(
      Type.String({
        pattern: '^[ABCX][1-4]$',
        description: 'Source reliability and information accuracy, e.g. B2',
      }),
    ),
    tlp: Type.Optional(StringEnum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])),
    purpose: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { $id: 'RecordPolicy', additionalProperties: false },
);

/** The owner's own reference for a record: its national system's id for it. */
export const ExternalRef = Text({
  minLength: 1,
  maxLength: 200,
  description:
    'The owning agency’s own reference for the record (its national system’s id): one record per reference per owner. Imports update the record that has it instead of making another. Shown to the owner only',
});

export const RecordSchema = Type.Object(
  {
    id: Uuid,
    kind: StringEnum(RECORD_KIND_NAMES),
    owner: AgencyCode,
    data: Type.Object(
      {},
      { additionalProperties: true, description: 'The kind’s fields (see the RecordData… schemas)' },
    ),
    summary: Type.String(),
    policy: Type.Ref('RecordPolicy'),
    fromPartner: Type.Optional(
      Type.Boolean({
        description:
          'true when the owner is a private partner (a security company, a bank): threat data from outside the police, weighed as such',
      }),
    ),
    status: StringEnum(['active', 'lapsed', 'deleted']),
    version: Type.Integer(),
    reviewAt: DateTime,
    createdAt: DateTime,
    updatedAt: DateTime,
    notificationsMuted: Type.Optional(Type.Boolean({ description: 'Shown to the owner only' })),
    externalRef: Type.Optional(
      Type.String({ description: 'The owner’s own reference; shown to the owner only' }),
    ),
    warnings: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Record' },
);

export const RecordCreate = Type.Object(
  {
    kind: StringEnum(RECORD_KIND_NAMES),
    data: Type.Object({}, { additionalProperties: true, description: 'Validated against the kind’s schema' }),
    policy: Type.Optional(PolicySchema),
    reviewAt: Type.Optional(DateTime),
    externalRef: Type.Optional(ExternalRef),
  },
  { additionalProperties: false },
);
export type RecordCreate = Static<typeof RecordCreate>;

export const RecordUpdate = Type.Object(
  {
    data: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            'The record’s new data, whole: it replaces the data (a field left out is removed, with its search keys), as the history’s versions are whole. Read the record, change what is wrong, send all of it back',
        },
      ),
    ),
    policy: Type.Optional(PolicySchema),
    notificationsMuted: Type.Optional(Type.Boolean()),
    externalRef: Type.Optional(Type.Union([ExternalRef, Type.Null()], { description: 'null removes it' })),
    reason: Type.Optional(Text({ maxLength: 1000, description: 'Why the record was corrected' })),
    version: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'The version the change was made from, as read. If the record has changed since (another officer saved first), the answer is a 409 conflict and nothing is written, instead of this change silently undoing the other. Clients that edit a record a person has read should always send it.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RecordUpdate = Static<typeof RecordUpdate>;

export const RecordListQuery = Type.Object(
  {
    scope: Type.Optional(
      StringEnum(['own', 'shared'], {
        description:
          'own (default): my agency’s records; shared: other agencies’ active records whose allow list names my agency (or its bureau, or for members its country) — what was marked for me',
      }),
    ),
    updatedSince: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'With scope=shared: only records changed since (a feed’s next poll), and those taken back since in `removed`. Ask from a little before your previous poll began: a change being saved as you polled carries the time it began.',
      }),
    ),
    kind: Type.Optional(StringEnum(RECORD_KIND_NAMES)),
    status: Type.Optional(StringEnum(['active', 'lapsed', 'deleted'])),
    reviewDue: Type.Optional(
      Type.Boolean({ description: 'Only records whose review date is within six months' }),
    ),
    externalRef: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'The record with this reference of mine' }),
    ),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type RecordListQuery = Static<typeof RecordListQuery>;

/**
 * A page of my records, or of those shared with me. A feed's poll (`scope=shared` with
 * `updatedSince`) also gets `removed`: the records it may hold a copy of that are no longer
 * shared with it.
 */
export const RecordPage = Type.Object({
  items: Type.Array(Type.Ref('Record')),
  removed: Type.Optional(
    Type.Array(Type.Object({ id: Uuid, removedAt: DateTime }), {
      description:
        'With scope=shared and updatedSince: records this agency saw in full through this list that have left it since — deleted, lapsed, no longer naming it, made hit-only for it, or opened to every member (a member then still finds and reads it by search; a partner does not). The reason is the owner’s. Drop them from your copy of what was shared with you. Paged with the items, by the same cursor.',
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** A record's photograph, uploaded before the record names it (src/records/photos.ts). */
export const PhotoUpload = Type.Object(imageUploadFields, { additionalProperties: false });

export const RecordPhotoSchema = Type.Object(
  {
    id: Uuid,
    contentType: StringEnum(['image/jpeg', 'image/png']),
    bytes: Type.Integer({ description: 'Size as stored, without the metadata the upload carried' }),
    width: Type.Integer(),
    height: Type.Integer(),
  },
  { $id: 'RecordPhoto' },
);

export const RecordVersionSchema = Type.Object({
  version: Type.Integer(),
  action: Type.String(),
  data: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  policy: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  changedBy: Type.String(),
  changedAt: DateTime,
});

export const IDENTIFIER_SCHEMES = [
  'document',
  'mrz',
  'vin',
  'plate',
  'imo',
  'hull',
  'firearm-serial',
  'iban',
  'account',
  'wallet',
  'ip',
  'domain',
  'url',
  'email',
  'phone',
  'hash',
] as const;

export const IdentifierQuery = Type.Object(
  {
    scheme: StringEnum(IDENTIFIER_SCHEMES),
    // As long as the longest identifier a record may hold (a URL: 2,048), or such a record
    // could be written but never found.
    value: Type.String({ minLength: 1, maxLength: 2048 }),
    country: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z]{2}$',
        description: 'ISO 3166-1 alpha-2, as on the document or plate (lower case is read as upper)',
      }),
    ),
    chain: Type.Optional(Type.String({ maxLength: 30, description: 'For wallets: bitcoin, ethereum, …' })),
  },
  { additionalProperties: false },
);
export type IdentifierQuery = Static<typeof IdentifierQuery>;

export const IdentifierSearchRequest = Type.Object(
  { queries: Type.Array(IdentifierQuery, { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);

/** The batch without the queries' own shape: what must hold for `?invalid=report` to answer per query. */
export const IdentifierBatchOutline = Type.Object(
  { queries: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);

export const IdentifierSearchQuery = Type.Object(
  {
    invalid: Type.Optional(
      StringEnum(['reject', 'report'], {
        default: 'reject',
        description:
          'A query that cannot be read (a malformed MRZ, a bad checksum, a value too long): `reject` answers 400 naming every such query and checks none; `report` checks the others and gives it the outcome `invalid` with its `errors`.',
      }),
    ),
  },
  { additionalProperties: false },
);

const VisibleRecord = Type.Object({
  id: Uuid,
  kind: Type.String(),
  owner: AgencyCode,
  data: Type.Object({}, { additionalProperties: true }),
  summary: Type.String(),
  policy: Type.Ref('RecordPolicy'),
  fromPartner: Type.Optional(
    Type.Boolean({
      description:
        'true when the owner is a private partner (a security company, a bank): threat data from outside the police, weighed as such',
    }),
  ),
  matched: Type.Optional(
    StringEnum(['parent-domain', 'url-host', 'range', 'inside-range'], {
      description:
        'Present when the record covers the query rather than equals it: a domain the queried domain or URL host lies under, the host of a queried URL, a range holding the queried address or range — or, for a queried range, an address or narrower range recorded inside it (`inside-range`)',
    }),
  ),
});

export const SearchResultSchema = Type.Object(
  {
    outcome: StringEnum(['hit', 'restricted-hit', 'no-hit', 'invalid'], {
      description: '`invalid` only with `?invalid=report`',
    }),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description: 'Why the query could not be read (outcome `invalid`)',
      }),
    ),
    records: Type.Optional(Type.Array(VisibleRecord)),
    restricted: Type.Optional(
      Type.Array(
        Type.Object({
          owner: AgencyCode,
          hitRef: Type.String({ description: 'Quote it when asking the owner' }),
        }),
        {
          description:
            'Records the caller may not see: only each owner and a hit reference to quote when asking it — not the kind, nor anything else of the record',
        },
      ),
    ),
    owner: Type.Optional(AgencyCode),
    hitRef: Type.Optional(Type.String()),
    warnings: Type.Optional(Type.Array(Type.String())),
    truncated: Type.Optional(
      Type.Boolean({
        description: `true when more records lie inside a queried IP range than the ${INSIDE_RANGE_LIMIT} answered from inside it (hits and restricted hits together): query narrower ranges to see the rest. Absent otherwise`,
      }),
    ),
  },
  { $id: 'SearchResult' },
);

export const PersonSearchRequest = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 300,
      description:
        'The name as typed, in any script and order: "Schtscherbakow Sergej", "محمد عبد الرحمن", "Zhang Wei"',
    }),
    dateOfBirth: Type.Optional(
      Type.String({
        pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
        description: 'Full or partial date of birth: YYYY, YYYY-MM or YYYY-MM-DD',
      }),
    ),
    sex: Type.Optional(StringEnum(['M', 'F', 'U'] as const, { description: 'M, F or U' })),
    nationality: Type.Optional(CountryCode),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, description: 'Candidates returned (default 10)' }),
    ),
    scope: Type.Optional(
      StringEnum(['all', 'own'] as const, {
        description:
          'all (default): every person the caller may see; own: only its own side’s (its agency, a bureau’s units, a unit’s bureau) — the persons it may request a notice on. Finding one’s own records notifies nobody.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PersonSearchRequest = Static<typeof PersonSearchRequest>;

const ExplanationItemSchema = Type.Object(
  {
    field: StringEnum([
      'family name',
      'given name',
      'patronymic',
      'middle name',
      'name',
      'date of birth',
      'sex',
      'nationality',
    ] as const),
    query: Type.Optional(Type.String()),
    candidate: Type.Optional(Type.String()),
    kind: Type.String({
      description:
        'How the two compare: exact, transliteration, equivalent, spelling, skeleton, phonetic, similar, initial, joined, missing, extra, different; for dates exact, partial, swapped, year off by one, digits transposed, same year, same month',
    }),
    similarity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);

export const PersonCandidateSchema = Type.Union(
  [
    Type.Object(
      {
        outcome: Type.Literal('hit'),
        recordId: Uuid,
        score: Type.Number({ minimum: 0, maximum: 1, description: 'Calibrated match score' }),
        band: StringEnum(['strong', 'possible', 'weak'] as const),
        explanation: Type.Object({
          text: Type.String({
            description: 'For the officer, e.g. "family name: Щербаков ~ Schtscherbakow, transliteration"',
          }),
          items: Type.Array(ExplanationItemSchema),
        }),
        record: VisibleRecord,
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        outcome: Type.Literal('restricted-hit'),
        owner: AgencyCode,
        hitRef: Type.String({ description: 'Quote it when asking the owner' }),
        score: Type.Number({ minimum: 0, maximum: 1 }),
        band: StringEnum(['strong', 'possible', 'weak'] as const),
      },
      { additionalProperties: false },
    ),
  ],
  { $id: 'PersonCandidate' },
);

export const PersonSearchResponse = Type.Object(
  {
    query: Type.Object({
      name: Type.String({ description: 'The name as cleaned for matching' }),
      dateOfBirth: Type.Optional(Type.String()),
      sex: Type.Optional(Type.String()),
      nationality: Type.Optional(Type.String()),
    }),
    candidates: Type.Array(Type.Ref('PersonCandidate'), { description: 'Best first' }),
  },
  { $id: 'PersonSearchResult' },
);

export const HitNotificationSchema = Type.Object(
  {
    id: Uuid,
    recordId: Uuid,
    recordSummary: Type.String(),
    recordKind: Type.Optional(
      Type.String({
        description: 'The record’s kind, with `recordData`: to say the summary in the reader’s language',
      }),
    ),
    recordData: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            'The record’s data, as `GET /records/{id}` gives it, when the reader may read the record (its owner’s side with the permission to read records)',
        },
      ),
    ),
    owner: AgencyCode,
    searcherAgency: AgencyCode,
    searcherName: Type.Union([Type.String(), Type.Null()]),
    outcome: StringEnum(['hit', 'restricted-hit', 'hidden']),
    scheme: Type.String(),
    at: DateTime,
    readAt: Type.Union([DateTime, Type.Null()]),
  },
  { $id: 'HitNotification' },
);

/** Each kind's data schema, published in OpenAPI as RecordData-<kind>. */
const kindSchemas = Object.values(RECORD_KINDS).map((kind) => ({
  ...kind.schema,
  $id: `RecordData-${kind.kind}`,
}));

export const recordSchemas = [
  PolicySchema,
  RecordSchema,
  SearchResultSchema,
  PersonCandidateSchema,
  PersonSearchResponse,
  HitNotificationSchema,
  RecordPhotoSchema,
  ...kindSchemas,
];

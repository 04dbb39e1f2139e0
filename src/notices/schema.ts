import { type Static, Type } from '@sinclair/typebox';
import { imageUploadFields } from '../platform/images.ts';
import { AgencyCode, CountryCode, DateTime, StringEnum, Text, Uuid } from '../platform/schema.ts';
import { ACTIONS, STATUSES } from './lifecycle.ts';
import { PUBLIC_EXTRACT_STATES } from './public-state.ts';
import { CANCEL_REASONS, NOTICE_TYPE_CODES, REFUSAL_GROUNDS, TRANSLATION_LANGUAGES } from './types.ts';

/** The notices API contract (TypeBox → validation and OpenAPI). */

const FreeObject = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const AudienceSchema = Type.Object(
  {
    visibility: StringEnum(['all', 'allow', 'deny'], {
      description:
        'notices: all (every member) or deny (every member but the listed); diffusions: all or allow (only the listed)',
    }),
    agencies: Type.Optional(Type.Array(AgencyCode, { maxItems: 300, uniqueItems: true })),
    countries: Type.Optional(Type.Array(CountryCode, { maxItems: 300, uniqueItems: true })),
    handling: Type.Optional(StringEnum(['H0', 'H1', 'H2', 'H3'])),
    handlingNote: Type.Optional(Type.String({ maxLength: 1000 })),
    tlp: Type.Optional(StringEnum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])),
    hitOnly: Type.Optional(Type.Boolean()),
  },
  { $id: 'NoticeAudience', additionalProperties: false },
);

const Translations = Type.Record(
  Type.String(),
  Type.Record(Type.String(), Type.String({ maxLength: 8000 })),
  {
    description:
      'Per language (en, fr, es, ar): the translatable fields’ JSON Pointers into `data` and their text, e.g. {"fr": {"/facts": "…", "/warrants/0/charges": "…"}}',
  },
);

const inputFields = {
  subjectRecordId: Type.Optional(
    Type.Union([Uuid, Type.Null()], { description: 'The person record of the subject (your agency’s)' }),
  ),
  assetRecordIds: Type.Optional(
    Type.Array(Uuid, {
      maxItems: 50,
      uniqueItems: true,
      description: 'Silver: asset records of your agency',
    }),
  ),
  language: Type.Optional(
    StringEnum(TRANSLATION_LANGUAGES, { description: 'The language the request is written in' }),
  ),
  data: Type.Optional(FreeObject('The type’s fields (GET /notice-types); validated against the type')),
  translations: Type.Optional(Translations),
  audience: Type.Optional(AudienceSchema),
  publicExtract: Type.Optional(
    Type.Boolean({ description: 'The requester consents to a public extract (Red, Yellow, UN only)' }),
  ),
};

export const NoticeCreate = Type.Object(
  { type: StringEnum(NOTICE_TYPE_CODES), ...inputFields },
  { additionalProperties: false },
);
export type NoticeCreate = Static<typeof NoticeCreate>;

export const NoticeUpdate = Type.Object(inputFields, { additionalProperties: false, minProperties: 1 });

const FindingSchema = Type.Object({
  check: Type.String(),
  severity: StringEnum(['ok', 'info', 'warning', 'error']),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  reviewerOnly: Type.Optional(
    Type.Boolean({ description: 'Shown to the secretariat’s reviewers only (the refugee list)' }),
  ),
});

export const NoticeSchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String({ description: 'e.g. 2026/10001' }),
    kind: StringEnum(['notice', 'diffusion']),
    type: StringEnum(NOTICE_TYPE_CODES),
    status: StringEnum(STATUSES),
    summary: Type.String(),
    requester: AgencyCode,
    createdBy: Type.Union([Type.String(), Type.Null()], {
      description: 'The requesting officer; null for members, who see the requesting agency',
    }),
    subjectRecordId: Type.Union([Uuid, Type.Null()]),
    assetRecordIds: Type.Array(Uuid),
    language: Type.String(),
    data: FreeObject('The type’s fields'),
    translations: FreeObject('Translations of free-text fields, per language'),
    audience: Type.Union([Type.Ref('NoticeAudience'), Type.Null()], {
      description:
        'Who receives it; null for members, who do not see who else received it or who was left out (the signed form carries it, for the signature to be checked)',
    }),
    publicExtract: Type.Boolean({ description: 'The requester consents to a public extract' }),
    publicExtractState: StringEnum(PUBLIC_EXTRACT_STATES, {
      description:
        'On the public website? public (now), on-publication (publishing it publishes the extract), removed (no longer in force), none',
    }),
    subject: Type.Union([
      FreeObject('The subject’s person record as submitted (live while a draft)'),
      Type.Null(),
    ]),
    assets: Type.Array(FreeObject('An asset record as submitted')),
    images: Type.Array(
      Type.Object({
        pictureId: Type.String(),
        contentType: Type.String(),
        size: Type.Integer(),
        caption: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    findings: Type.Optional(
      Type.Array(FindingSchema, { description: 'Automatic checks (requester and secretariat)' }),
    ),
    review: Type.Optional(
      Type.Union([FreeObject('The last review decision: checklist, grounds, reason, reviewer'), Type.Null()]),
    ),
    reviewer: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    validUntil: Type.Union([DateTime, Type.Null()]),
    submittedAt: Type.Union([DateTime, Type.Null()]),
    publishedAt: Type.Union([DateTime, Type.Null()]),
    endedAt: Type.Union([DateTime, Type.Null()]),
    signature: Type.Union([
      Type.Object({ jws: Type.String({ description: 'Detached compact JWS (EdDSA)' }), kid: Type.String() }),
      Type.Null(),
    ]),
    version: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
    access: StringEnum(['requester', 'reviewer', 'member']),
    actions: Type.Array(Type.String(), { description: `What you may do now: edit, ${ACTIONS.join(', ')}` }),
  },
  { $id: 'Notice' },
);

export const NoticeListQuery = Type.Object(
  {
    scope: Type.Optional(
      StringEnum(['mine', 'review', 'in-force'], {
        description:
          'mine: my agency’s requests; review: the secretariat’s queue; in-force (default): what is published for me',
      }),
    ),
    kind: Type.Optional(StringEnum(['notice', 'diffusion'])),
    type: Type.Optional(StringEnum(NOTICE_TYPE_CODES)),
    status: Type.Optional(StringEnum(STATUSES)),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'A reference (2026/10001) or words of the summary' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object(
  {
    decision: StringEnum(['publish', 'return', 'refuse']),
    checklist: Type.Optional(
      Type.Record(Type.String(), Type.Boolean(), {
        description: 'The type’s checklist items, confirmed or not',
      }),
    ),
    grounds: Type.Optional(Type.Array(StringEnum(REFUSAL_GROUNDS), { maxItems: 13, uniqueItems: true })),
    reason: Type.Optional(
      Type.String({
        maxLength: 4000,
        description: 'What is missing (return), why (refuse), why despite errors (publish)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DiffusionReviewBody = Type.Object(
  {
    decision: StringEnum(['confirm', 'withdraw']),
    checklist: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
    grounds: Type.Optional(Type.Array(StringEnum(REFUSAL_GROUNDS), { maxItems: 13, uniqueItems: true })),
    reason: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object(
  { reason: Text({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const ExtendBody = Type.Object(
  {
    reason: Text({ minLength: 3, maxLength: 2000 }),
    until: Type.Optional(
      Type.String({ format: 'date-time', description: 'Default: the type’s validity from today' }),
    ),
  },
  { additionalProperties: false },
);

export const CancelBody = Type.Object(
  {
    reason: StringEnum(CANCEL_REASONS, {
      description:
        'person-located, warrant-withdrawn, owner-request, purpose-achieved (requester); compliance (secretariat)',
    }),
    note: Type.Optional(Text({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ImageUpload = Type.Object(
  {
    ...imageUploadFields,
    caption: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const NoticeSearchBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    dateOfBirth: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' })),
    sex: Type.Optional(StringEnum(['M', 'F', 'U'])),
    nationality: Type.Optional(CountryCode),
    type: Type.Optional(StringEnum(NOTICE_TYPE_CODES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);

export const HistoryEntry = Type.Object({
  at: DateTime,
  action: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  actor: Type.String(),
  agency: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  grounds: Type.Array(Type.String()),
});

export const ProtectedPersonBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    dateOfBirth: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' })),
    nationality: Type.Optional(CountryCode),
    status: StringEnum(['refugee', 'asylum-seeker']),
    againstCountry: Type.Optional(CountryCode),
    recognisedBy: CountryCode,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const PublicPreviewSchema = Type.Object(
  {
    state: StringEnum(['public', 'on-publication'], {
      description:
        'public: what the public notices API serves now; on-publication: what publishing it will show',
    }),
    type: StringEnum(['red', 'yellow', 'un']),
    path: Type.String({
      description: 'Where the public notices API serves it, e.g. /notices/v1/red/2026-10001',
    }),
    listing: FreeObject('The entry in the public list (GET /notices/v1/red…), without _links'),
    detail: FreeObject('The public extract (GET /notices/v1/red/{id}), without _links and _embedded'),
    images: Type.Array(
      Type.Object({
        pictureId: Type.String(),
        href: Type.String({ description: 'The public image once public; the notice’s own image before' }),
      }),
    ),
  },
  { $id: 'NoticePublicPreview' },
);

export const noticeSchemas = [AudienceSchema, NoticeSchema, PublicPreviewSchema];

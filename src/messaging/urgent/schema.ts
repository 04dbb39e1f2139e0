import { type Static, type TObject, Type } from '@sinclair/typebox';
import { AgencyCode, CountryCode, DateTime, Limit, StringEnum, Text, Uuid } from '../../platform/schema.ts';
import { ReferenceBody } from '../schema.ts';

export const URGENT_TYPES = [
  'preservation',
  'traffic-data',
  'emergency-disclosure',
  'locate-suspect',
  'technical-advice',
] as const;
export type UrgentType = (typeof URGENT_TYPES)[number];

/** Reference prefixes: PR-KE-2026-0007. */
export const TYPE_PREFIX: Record<UrgentType, string> = {
  preservation: 'PR',
  'traffic-data': 'TD',
  'emergency-disclosure': 'ED',
  'locate-suspect': 'LS',
  'technical-advice': 'TA',
};

export const TYPE_TITLE: Record<UrgentType, string> = {
  preservation: 'Expedited preservation of stored computer data',
  'traffic-data': 'Expedited disclosure of preserved traffic data',
  'emergency-disclosure': 'Emergency disclosure (risk to life)',
  'locate-suspect': 'Locating a suspect',
  'technical-advice': 'Technical advice',
};

export const URGENT_STATUSES = [
  'sent',
  'acknowledged',
  'in-progress',
  'executed',
  'refused',
  'expired',
] as const;

/** The legal powers a 24/7 point of contact may list (Budapest arts. 29–35, UN Convention arts. 41–42). */
export const POWERS = [
  'preservation',
  'partial-disclosure-traffic-data',
  'subscriber-information',
  'traffic-data',
  'content-data',
  'emergency-disclosure',
  'real-time-collection',
  'locate-suspect',
  'technical-advice',
] as const;

const FormText = (maxLength: number, description: string) => Text({ minLength: 2, maxLength, description });

/**
 * The structured forms, one per request type: what the requested country needs to act
 * without coming back with questions (Budapest Convention art. 29(2); UN Convention art. 41).
 */
export const URGENT_FORMS: Record<UrgentType, TObject> = {
  preservation: Type.Object(
    {
      requestingAuthority: FormText(300, 'The authority seeking the preservation'),
      offence: FormText(500, 'The offence under investigation'),
      summary: FormText(5000, 'A brief summary of the related facts'),
      dataToPreserve: FormText(5000, 'The stored computer data to be preserved'),
      relationToOffence: FormText(2000, 'Its relationship to the offence'),
      custodian: FormText(1000, 'Who holds the data, or where the computer system is'),
      necessity: FormText(2000, 'Why preservation is necessary'),
      mlaToFollow: StringEnum(['yes', 'no'] as const, {
        description:
          'A mutual legal assistance request for search, seizure or disclosure will follow: yes or no',
      }),
      identifiers: Type.Optional(FormText(2000, 'Accounts, IP addresses and times (UTC), URLs, hashes')),
    },
    { additionalProperties: false },
  ),
  'traffic-data': Type.Object(
    {
      requestingAuthority: FormText(300, 'The authority asking'),
      offence: FormText(500, 'The offence under investigation'),
      summary: FormText(5000, 'A brief summary of the related facts'),
      preservationReference: Type.Optional(
        FormText(100, 'The preservation request this follows, e.g. PR-KE-2026-0007'),
      ),
      dataSought: FormText(3000, 'The traffic data sought, to identify the service providers and the path'),
      period: FormText(300, 'The period concerned (UTC)'),
      serviceProvider: FormText(1000, 'Known service providers'),
      necessity: FormText(2000, 'Why it is needed urgently'),
    },
    { additionalProperties: false },
  ),
  'emergency-disclosure': Type.Object(
    {
      requestingAuthority: FormText(300, 'The authority asking'),
      threat: FormText(3000, 'The imminent risk to life or of serious harm'),
      summary: FormText(5000, 'The facts'),
      dataSought: FormText(3000, 'The data sought'),
      serviceProvider: FormText(1000, 'Who holds it'),
      urgency: FormText(2000, 'Why the normal channels are too slow'),
    },
    { additionalProperties: false },
  ),
  'locate-suspect': Type.Object(
    {
      requestingAuthority: FormText(300, 'The authority asking'),
      offence: FormText(500, 'The offence'),
      summary: FormText(5000, 'The facts'),
      suspect: FormText(3000, 'Who: names, dates of birth, documents, online identifiers'),
      lastKnownLocation: FormText(1000, 'Where and when last seen (UTC)'),
      legalBasis: FormText(1000, 'Warrant, notice or diffusion reference'),
    },
    { additionalProperties: false },
  ),
  'technical-advice': Type.Object(
    {
      requestingAuthority: FormText(300, 'Who asks'),
      topic: FormText(300, 'The subject'),
      question: FormText(5000, 'What advice is needed'),
    },
    { additionalProperties: false },
  ),
};

/**
 * The forms' fields as a person reads them, for the message's text: the recipient's system
 * may show only the body, and "requestingAuthority:" is a field name, not a heading. (The web
 * UI translates the structured form itself.)
 */
export const FORM_FIELD_LABELS: Record<string, string> = {
  requestingAuthority: 'Requesting authority',
  offence: 'Offence',
  summary: 'Summary of the facts',
  dataToPreserve: 'Data to preserve',
  relationToOffence: 'Relationship to the offence',
  custodian: 'Custodian of the data, or location of the system',
  necessity: 'Necessity',
  mlaToFollow: 'A mutual legal assistance request will follow',
  identifiers: 'Identifiers',
  preservationReference: 'Preservation request this follows',
  dataSought: 'Data sought',
  period: 'Period (UTC)',
  serviceProvider: 'Service provider',
  threat: 'Risk to life or of serious harm',
  urgency: 'Why it cannot wait',
  suspect: 'Suspect',
  lastKnownLocation: 'Last known location',
  legalBasis: 'Legal basis',
  topic: 'Topic',
  question: 'Question',
};

const SettingsPerType = Type.Object(
  {
    acknowledgeMinutes: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60 }),
    remindBeforeMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
    completeHours: Type.Integer({ minimum: 1, maximum: 90 * 24 }),
  },
  { additionalProperties: false },
);

/** The form as the message's text, for readers that do not show the structured form. */
export function formSummary(type: UrgentType, fields: Record<string, string>): string {
  const lines = [TYPE_TITLE[type], ''];
  for (const [name, value] of Object.entries(fields))
    lines.push(`${FORM_FIELD_LABELS[name] ?? name}: ${value}`);
  return lines.join('\n');
}

export const UrgentSettingsBody = Type.Object(
  {
    types: Type.Object(
      Object.fromEntries(URGENT_TYPES.map((t) => [t, SettingsPerType])) as Record<
        UrgentType,
        typeof SettingsPerType
      >,
      { additionalProperties: false },
    ),
    preservationDays: Type.Integer({
      minimum: 60,
      maximum: 365,
      description: 'At least 60 days (Budapest art. 29(7))',
    }),
    lapseReminderDays: Type.Integer({ minimum: 1, maximum: 30 }),
  },
  { additionalProperties: false },
);
export type UrgentSettings = Static<typeof UrgentSettingsBody>;
export const UrgentSettingsSchema = { ...UrgentSettingsBody, $id: 'UrgentSettings' };

export const DEFAULT_SETTINGS: UrgentSettings = {
  types: {
    preservation: { acknowledgeMinutes: 60, remindBeforeMinutes: 15, completeHours: 24 },
    'traffic-data': { acknowledgeMinutes: 60, remindBeforeMinutes: 15, completeHours: 72 },
    'emergency-disclosure': { acknowledgeMinutes: 60, remindBeforeMinutes: 15, completeHours: 4 },
    'locate-suspect': { acknowledgeMinutes: 60, remindBeforeMinutes: 15, completeHours: 24 },
    'technical-advice': { acknowledgeMinutes: 24 * 60, remindBeforeMinutes: 60, completeHours: 5 * 24 },
  },
  preservationDays: 60,
  lapseReminderDays: 7,
};

export const ContactPointSchema = Type.Object(
  {
    country: CountryCode,
    agency: AgencyCode,
    agencyName: Type.String(),
    unitName: Type.String(),
    phone: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    languages: Type.Array(Type.String()),
    hours: Type.String(),
    powers: Type.Array(StringEnum(POWERS)),
    onCallName: Type.Union([Type.String(), Type.Null()]),
    onCallPhone: Type.Union([Type.String(), Type.Null()]),
    notes: Type.Union([Type.String(), Type.Null()]),
    updatedBy: Type.String(),
    updatedAt: DateTime,
  },
  { $id: 'ContactPoint' },
);

export const ContactPointUpdate = Type.Object(
  {
    agency: AgencyCode,
    unitName: Text({ minLength: 2, maxLength: 200 }),
    phone: Type.String({ pattern: '^\\+[0-9 ()-]{6,30}$', description: 'International format: +254 20 …' }),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2}$', description: 'ISO 639-1' }), {
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
    }),
    hours: Text({
      minLength: 2,
      maxLength: 200,
      description: '"24/7", or the hours and what happens outside them',
    }),
    powers: Type.Array(StringEnum(POWERS), { maxItems: POWERS.length, uniqueItems: true }),
    onCallName: Type.Optional(Type.Union([Text({ minLength: 2, maxLength: 200 }), Type.Null()])),
    onCallPhone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+[0-9 ()-]{6,30}$' }), Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ContactPointUpdate = Static<typeof ContactPointUpdate>;

export const UrgentCreate = Type.Object(
  {
    type: StringEnum(URGENT_TYPES),
    to: CountryCode,
    priority: Type.Optional(StringEnum(['urgent', 'flash'])),
    form: Type.Optional(
      Type.Object(
        {},
        { additionalProperties: true, description: 'The type’s fields (see the UrgentForm-… schemas)' },
      ),
    ),
    handling: Type.Optional(StringEnum(['H0', 'H1', 'H2', 'H3'])),
    handlingNote: Type.Optional(Type.String({ maxLength: 1000 })),
    tlp: Type.Optional(StringEnum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])),
    references: Type.Optional(Type.Array(ReferenceBody, { maxItems: 50 })),
    caseRef: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    attachments: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    messageId: Type.Optional(Uuid),
  },
  {
    additionalProperties: false,
    description:
      'Server-held senders send the form; self-held ones first send the form as an encrypted message to the point of contact and give its messageId.',
  },
);
export type UrgentCreate = Static<typeof UrgentCreate>;

export const UrgentActionBody = Type.Object(
  {
    note: Type.Optional(
      Text({
        minLength: 2,
        maxLength: 20_000,
        description:
          'Sent to the requester as an encrypted reply: what was preserved (execute), the grounds (refuse)',
      }),
    ),
    messageId: Type.Optional(Uuid),
    preservedUntil: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type UrgentActionBody = Static<typeof UrgentActionBody>;

const TimelineEvent = Type.Object({
  at: DateTime,
  action: Type.String(),
  agency: Type.Union([AgencyCode, Type.Null()]),
  actor: Type.String(),
  messageId: Type.Union([Uuid, Type.Null()]),
  details: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
});

export const UrgentRequestSchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    type: StringEnum(URGENT_TYPES),
    from: AgencyCode,
    to: AgencyCode,
    toCountry: CountryCode,
    status: StringEnum(URGENT_STATUSES),
    side: Type.Union([StringEnum(['requester', 'responder']), Type.Null()]),
    messageId: Uuid,
    threadId: Uuid,
    createdBy: Type.String(),
    createdAt: DateTime,
    ackDueAt: DateTime,
    completeDueAt: DateTime,
    acknowledgedAt: Type.Union([DateTime, Type.Null()]),
    acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
    startedAt: Type.Union([DateTime, Type.Null()]),
    closedAt: Type.Union([DateTime, Type.Null()]),
    closedBy: Type.Union([Type.String(), Type.Null()]),
    preservedUntil: Type.Union([DateTime, Type.Null()]),
    renewals: Type.Integer(),
    overdue: Type.Union([StringEnum(['acknowledge', 'complete']), Type.Null()], {
      description: 'The deadline missed, if any',
    }),
    escalatedAt: Type.Union([DateTime, Type.Null()]),
    timeline: Type.Optional(Type.Array(TimelineEvent)),
  },
  { $id: 'UrgentRequest' },
);

export const UrgentListQuery = Type.Object(
  {
    role: Type.Optional(StringEnum(['incoming', 'outgoing', 'all'], { default: 'all' })),
    status: Type.Optional(Type.Union([StringEnum(URGENT_STATUSES), Type.Literal('open')])),
    type: Type.Optional(StringEnum(URGENT_TYPES)),
    overdue: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type UrgentListQuery = Static<typeof UrgentListQuery>;

export const DashboardSchema = Type.Object({
  scope: StringEnum(['network', 'agency']),
  since: DateTime,
  openByAge: Type.Array(
    Type.Object({ bucket: Type.String(), open: Type.Integer(), overdue: Type.Integer() }),
  ),
  responseTimes: Type.Array(
    Type.Object({
      country: CountryCode,
      requests: Type.Integer(),
      acknowledged: Type.Integer(),
      ackMedianMinutes: Type.Union([Type.Number(), Type.Null()]),
      ackP90Minutes: Type.Union([Type.Number(), Type.Null()]),
      completed: Type.Integer(),
      completeMedianHours: Type.Union([Type.Number(), Type.Null()]),
      completeP90Hours: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  overdue: Type.Array(Type.Ref('UrgentRequest')),
});

export const urgentSchemas = [
  UrgentSettingsSchema,
  ContactPointSchema,
  UrgentRequestSchema,
  ...URGENT_TYPES.map((t) => ({ ...URGENT_FORMS[t], $id: `UrgentForm-${t}` })),
];

import type { AgencyKind } from '../access/principal.ts';

/**
 * The notice types, as data: what each is for, the fields it carries (required or not,
 * translatable or not), what its subject is, how long it stays valid, who may request it,
 * whether it may have a public extract and be sent as a diffusion. The validator, the
 * automatic checks, the API's type catalogue (GET /notice-types), the web forms, the public
 * extracts and the PDF all read this table; nothing branches on a type's name elsewhere
 * except the public extract shapes, which follow the public notices API.
 */

export const NOTICE_TYPE_CODES = [
  'red',
  'yellow',
  'blue',
  'black',
  'green',
  'orange',
  'purple',
  'silver',
  'un',
] as const;
export type NoticeType = (typeof NOTICE_TYPE_CODES)[number];

export type FieldKind =
  | 'text'
  | 'longtext'
  | 'date'
  | 'country'
  | 'boolean'
  | 'number'
  | 'integer'
  | 'enum'
  | 'codes'
  | 'group';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  /** English label; the web UI has its own translations keyed by the field's key. */
  label: string;
  help?: string;
  required?: boolean;
  /** Free text that may carry versions in English, French, Spanish and Arabic. */
  translatable?: boolean;
  /** enum: one of these; codes: several of these. */
  options?: readonly string[];
  /** codes without a closed list: each must match this. */
  pattern?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  /** group: a list of items with these fields. */
  fields?: FieldSpec[];
  minItems?: number;
  maxItems?: number;
  /** boolean: the value a complete request must have (the extradition commitment). */
  mustBe?: boolean;
}

/** What the person record of the subject must hold when the request is submitted. */
export type SubjectField = 'names' | 'dateOfBirth' | 'sex' | 'nationalities';

export interface ChecklistItem {
  key: string;
  label: string;
  help: string;
}

export interface NoticeTypeSpec {
  type: NoticeType;
  title: string;
  /** The type's colour band (prints, badges). */
  colour: string;
  purpose: string;
  /** person: a person record; person-optional: may have one; assets: asset records (and optionally a person); none. */
  subject: 'person' | 'person-optional' | 'assets' | 'none';
  subjectRequires: SubjectField[];
  /** The status the subject's person record should have (a Red Notice's subject is wanted). */
  subjectStatus?: readonly string[];
  fields: FieldSpec[];
  defaultValidityYears: number;
  requesters: readonly AgencyKind[];
  publicExtract: boolean;
  diffusion: boolean;
  /** The reviewer's checklist: every item must be confirmed to publish. */
  checklist: ChecklistItem[];
}

export const EYE_COLOURS = ['BLA', 'BLU', 'BRO', 'GRE', 'GRY', 'HAZ', 'BLUG', 'OTH'] as const;
export const HAIR_COLOURS = ['BLA', 'BRO', 'BLO', 'RED', 'GRY', 'WHI', 'BAL', 'OTH'] as const;
export const CANCEL_REASONS = [
  'person-located',
  'warrant-withdrawn',
  'owner-request',
  'purpose-achieved',
  'compliance',
] as const;
/** Grounds a reviewer may record for refusing (or withdrawing a diffusion). */
export const REFUSAL_GROUNDS = [
  'article-2-human-rights',
  'article-3-political',
  'article-3-military',
  'article-3-religious',
  'article-3-racial',
  'not-serious',
  'private-dispute',
  'penalty-threshold',
  'insufficient-judicial-data',
  'insufficient-identity',
  'duplicate',
  'refugee',
  'other',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

const CHECK_ARTICLE_2: ChecklistItem = {
  key: 'article2',
  label: 'Article 2: respects human rights',
  help: 'The request respects the Universal Declaration of Human Rights; no sign of persecution.',
};
const CHECK_ARTICLE_3: ChecklistItem = {
  key: 'article3',
  label: 'Article 3: no political, military, religious or racial character',
  help: 'The facts are an ordinary-law crime, not a political, military, religious or racial matter.',
};
const CHECK_SERIOUS: ChecklistItem = {
  key: 'seriousness',
  label: 'Serious ordinary-law crime',
  help: 'Not a minor offence nor a private or administrative dispute; meets the penalty threshold.',
};
const CHECK_JUDICIAL: ChecklistItem = {
  key: 'judicialData',
  label: 'Judicial data sufficient',
  help: 'Valid arrest warrant or judicial decision, issuing authority and date, charges, law and penalty.',
};
const CHECK_DATA: ChecklistItem = {
  key: 'dataQuality',
  label: 'Data sufficient and consistent',
  help: 'Enough identity particulars and facts for members to act; nothing contradicts.',
};

/** Physical description of a person subject: what the public notices API shows as well. */
const DESCRIPTION: FieldSpec[] = [
  { key: 'heightM', kind: 'number', label: 'Height (m)', min: 0.3, max: 2.6 },
  { key: 'weightKg', kind: 'integer', label: 'Weight (kg)', min: 1, max: 400 },
  { key: 'eyeColours', kind: 'codes', label: 'Colour of eyes', options: EYE_COLOURS, maxItems: 3 },
  { key: 'hairColours', kind: 'codes', label: 'Colour of hair', options: HAIR_COLOURS, maxItems: 3 },
  {
    key: 'languages',
    kind: 'codes',
    label: 'Languages spoken',
    help: 'ISO 639-2 codes, e.g. ENG, FRE, SWA',
    pattern: '^[A-Z]{3}$',
    maxItems: 10,
  },
];

const BUREAUS: readonly AgencyKind[] = ['bureau', 'unit'];

export const NOTICE_TYPES: Record<NoticeType, NoticeTypeSpec> = {
  red: {
    type: 'red',
    title: 'Red Notice',
    colour: '#c62828',
    purpose:
      'To seek the location and arrest of a person wanted for prosecution or to serve a sentence, with a view to extradition.',
    subject: 'person',
    subjectRequires: ['names', 'dateOfBirth', 'sex', 'nationalities'],
    subjectStatus: ['wanted'],
    fields: [
      {
        key: 'warrants',
        kind: 'group',
        label: 'Arrest warrants and judicial decisions',
        required: true,
        minItems: 1,
        maxItems: 20,
        fields: [
          {
            key: 'kind',
            kind: 'enum',
            label: 'Kind',
            options: ['arrest-warrant', 'judicial-decision'],
            required: true,
          },
          { key: 'issuingCountry', kind: 'country', label: 'Issuing country', required: true },
          { key: 'authority', kind: 'text', label: 'Issuing authority', required: true, maxLength: 300 },
          { key: 'number', kind: 'text', label: 'Warrant or decision number', maxLength: 100 },
          { key: 'date', kind: 'date', label: 'Date issued', required: true },
          {
            key: 'charges',
            kind: 'longtext',
            label: 'Charges',
            required: true,
            translatable: true,
            maxLength: 2000,
          },
          {
            key: 'law',
            kind: 'text',
            label: 'Applicable law',
            help: 'Law and provision, e.g. Penal Code s. 268',
            required: true,
            maxLength: 300,
          },
          {
            key: 'maxPenaltyYears',
            kind: 'number',
            label: 'Maximum penalty (years)',
            required: true,
            min: 0,
            max: 100,
          },
          { key: 'lifeImprisonment', kind: 'boolean', label: 'Punishable by life imprisonment' },
          {
            key: 'sentenceRemainingMonths',
            kind: 'integer',
            label: 'Sentence still to serve (months)',
            help: 'For a judicial decision: at least 6 months',
            min: 0,
            max: 1200,
          },
        ],
      },
      {
        key: 'facts',
        kind: 'longtext',
        label: 'Summary of facts',
        help: 'What the person is alleged to have done: when, where, how, with whom',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      {
        key: 'extraditionCommitment',
        kind: 'boolean',
        label: 'The requesting country will seek extradition',
        required: true,
        mustBe: true,
      },
      { key: 'caveats', kind: 'text', label: 'Caveats (e.g. may be armed)', maxLength: 500 },
      ...DESCRIPTION,
    ],
    defaultValidityYears: 5,
    requesters: BUREAUS,
    publicExtract: true,
    diffusion: true,
    checklist: [CHECK_ARTICLE_2, CHECK_ARTICLE_3, CHECK_SERIOUS, CHECK_JUDICIAL],
  },
  yellow: {
    type: 'yellow',
    title: 'Yellow Notice',
    colour: '#f9a825',
    purpose: 'To help locate a missing person, or to identify a person unable to identify themselves.',
    subject: 'person',
    subjectRequires: ['names', 'sex'],
    subjectStatus: ['missing'],
    fields: [
      { key: 'disappearanceDate', kind: 'date', label: 'Date of disappearance', required: true },
      {
        key: 'disappearancePlace',
        kind: 'text',
        label: 'Place of disappearance',
        required: true,
        maxLength: 300,
      },
      { key: 'disappearanceCountry', kind: 'country', label: 'Country of disappearance', required: true },
      {
        key: 'circumstances',
        kind: 'longtext',
        label: 'Circumstances of the disappearance',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      { key: 'fatherForename', kind: 'text', label: 'Father’s forename', maxLength: 200 },
      { key: 'motherForename', kind: 'text', label: 'Mother’s forename', maxLength: 200 },
      { key: 'motherName', kind: 'text', label: 'Mother’s family name', maxLength: 200 },
      ...DESCRIPTION,
    ],
    defaultValidityYears: 5,
    requesters: BUREAUS,
    publicExtract: true,
    diffusion: true,
    checklist: [CHECK_ARTICLE_2, CHECK_DATA],
  },
  blue: {
    type: 'blue',
    title: 'Blue Notice',
    colour: '#1565c0',
    purpose: 'To collect more information about a person’s identity, location or activities in a crime.',
    subject: 'person',
    subjectRequires: ['names'],
    fields: [
      { key: 'offence', kind: 'text', label: 'Offence investigated', required: true, maxLength: 500 },
      {
        key: 'informationSought',
        kind: 'longtext',
        label: 'Information sought',
        required: true,
        translatable: true,
        maxLength: 4000,
      },
      {
        key: 'facts',
        kind: 'longtext',
        label: 'Summary of facts',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      ...DESCRIPTION,
    ],
    defaultValidityYears: 5,
    requesters: BUREAUS,
    publicExtract: false,
    diffusion: true,
    checklist: [CHECK_ARTICLE_2, CHECK_ARTICLE_3, CHECK_SERIOUS, CHECK_DATA],
  },
  black: {
    type: 'black',
    title: 'Black Notice',
    colour: '#212121',
    purpose: 'To seek information on unidentified bodies.',
    subject: 'person',
    subjectRequires: [],
    subjectStatus: ['unidentified'],
    fields: [
      { key: 'discoveryDate', kind: 'date', label: 'Date the body was found', required: true },
      { key: 'discoveryPlace', kind: 'text', label: 'Place found', required: true, maxLength: 300 },
      { key: 'discoveryCountry', kind: 'country', label: 'Country', required: true },
      {
        key: 'circumstances',
        kind: 'longtext',
        label: 'Circumstances',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      { key: 'estimatedAge', kind: 'text', label: 'Estimated age', maxLength: 50 },
      { key: 'causeOfDeath', kind: 'text', label: 'Cause of death', maxLength: 500 },
      ...DESCRIPTION,
    ],
    defaultValidityYears: 5,
    requesters: BUREAUS,
    publicExtract: false,
    diffusion: false,
    checklist: [CHECK_DATA],
  },
  green: {
    type: 'green',
    title: 'Green Notice',
    colour: '#2e7d32',
    purpose:
      'To warn about a person’s criminal activities where the person is a likely threat to public safety.',
    subject: 'person',
    subjectRequires: ['names', 'dateOfBirth'],
    fields: [
      { key: 'offences', kind: 'text', label: 'Offences', required: true, maxLength: 500 },
      {
        key: 'activities',
        kind: 'longtext',
        label: 'Criminal activities',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      {
        key: 'convictions',
        kind: 'longtext',
        label: 'Previous convictions',
        translatable: true,
        maxLength: 4000,
      },
      {
        key: 'threatAssessment',
        kind: 'longtext',
        label: 'Why the person is a threat',
        required: true,
        translatable: true,
        maxLength: 4000,
      },
      ...DESCRIPTION,
    ],
    defaultValidityYears: 5,
    requesters: BUREAUS,
    publicExtract: false,
    diffusion: true,
    checklist: [CHECK_ARTICLE_2, CHECK_ARTICLE_3, CHECK_SERIOUS, CHECK_DATA],
  },
  orange: {
    type: 'orange',
    title: 'Orange Notice',
    colour: '#ef6c00',
    purpose:
      'To warn of an event, a person, an object or a process representing a serious and imminent threat.',
    subject: 'person-optional',
    subjectRequires: [],
    fields: [
      {
        key: 'threatKind',
        kind: 'enum',
        label: 'Threat from',
        options: ['person', 'object', 'event', 'process'],
        required: true,
      },
      {
        key: 'threat',
        kind: 'longtext',
        label: 'The threat',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      {
        key: 'precautions',
        kind: 'longtext',
        label: 'Precautions to take',
        translatable: true,
        maxLength: 4000,
      },
    ],
    defaultValidityYears: 5,
    requesters: [...BUREAUS, 'international-organisation', 'secretariat'],
    publicExtract: false,
    diffusion: false,
    checklist: [CHECK_ARTICLE_3, CHECK_DATA],
  },
  purple: {
    type: 'purple',
    title: 'Purple Notice',
    colour: '#6a1b9a',
    purpose: 'To seek or provide information on modus operandi, objects, devices and concealment methods.',
    subject: 'none',
    subjectRequires: [],
    fields: [
      { key: 'offence', kind: 'text', label: 'Offence', required: true, maxLength: 500 },
      {
        key: 'modusOperandi',
        kind: 'longtext',
        label: 'Modus operandi',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      {
        key: 'objects',
        kind: 'longtext',
        label: 'Objects, devices, concealment',
        translatable: true,
        maxLength: 4000,
      },
      {
        key: 'facts',
        kind: 'longtext',
        label: 'Cases where it was seen',
        translatable: true,
        maxLength: 8000,
      },
    ],
    defaultValidityYears: 5,
    requesters: [...BUREAUS, 'international-organisation', 'secretariat'],
    publicExtract: false,
    diffusion: false,
    checklist: [CHECK_ARTICLE_3, CHECK_DATA],
  },
  silver: {
    type: 'silver',
    title: 'Silver Notice',
    colour: '#78909c',
    purpose: 'To locate, identify and obtain information on a person’s criminal assets.',
    subject: 'assets',
    subjectRequires: [],
    fields: [
      { key: 'offence', kind: 'text', label: 'Offence', required: true, maxLength: 500 },
      {
        key: 'facts',
        kind: 'longtext',
        label: 'Summary of facts',
        required: true,
        translatable: true,
        maxLength: 8000,
      },
      {
        key: 'assetLinks',
        kind: 'longtext',
        label: 'How the assets are linked to the offence',
        required: true,
        translatable: true,
        maxLength: 4000,
      },
      {
        key: 'otherAssets',
        kind: 'group',
        label: 'Other assets (property, companies…)',
        maxItems: 50,
        fields: [
          {
            key: 'kind',
            kind: 'enum',
            label: 'Kind',
            options: ['property', 'company', 'vehicle', 'account', 'wallet', 'other'],
            required: true,
          },
          { key: 'description', kind: 'text', label: 'Description', required: true, maxLength: 500 },
          { key: 'country', kind: 'country', label: 'Country' },
          { key: 'link', kind: 'text', label: 'Link to the offence', maxLength: 500 },
        ],
      },
    ],
    defaultValidityYears: 5,
    requesters: BUREAUS,
    publicExtract: false,
    diffusion: true,
    checklist: [CHECK_ARTICLE_2, CHECK_ARTICLE_3, CHECK_SERIOUS, CHECK_JUDICIAL],
  },
  un: {
    type: 'un',
    title: 'INTERPOL–UN Security Council Special Notice',
    colour: '#0277bd',
    purpose: 'To inform members that a person is subject to sanctions imposed by the UN Security Council.',
    subject: 'person',
    subjectRequires: ['names'],
    fields: [
      {
        key: 'committee',
        kind: 'text',
        label: 'Sanctions committee',
        help: 'e.g. 1267/1989/2253 ISIL (Da’esh) and Al-Qaida Sanctions Committee',
        required: true,
        maxLength: 300,
      },
      {
        key: 'unReference',
        kind: 'text',
        label: 'UN reference',
        help: 'The committee’s permanent reference, e.g. QDi.432',
        required: true,
        maxLength: 40,
      },
      { key: 'resolution', kind: 'integer', label: 'Resolution', required: true, min: 1, max: 99999 },
      { key: 'listedOn', kind: 'date', label: 'Date listed', required: true },
      {
        key: 'sanctions',
        kind: 'codes',
        label: 'Sanctions',
        options: ['asset-freeze', 'travel-ban', 'arms-embargo'],
        maxItems: 3,
      },
      {
        key: 'narrative',
        kind: 'longtext',
        label: 'Reasons for listing',
        translatable: true,
        maxLength: 8000,
      },
      ...DESCRIPTION,
    ],
    defaultValidityYears: 5,
    requesters: ['secretariat', 'international-organisation'],
    publicExtract: true,
    diffusion: false,
    checklist: [CHECK_DATA],
  },
};

export function noticeType(code: string): NoticeTypeSpec | undefined {
  return (NOTICE_TYPES as Record<string, NoticeTypeSpec>)[code];
}

export const TRANSLATION_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

/** The JSON pointers (into `data`) of a type's translatable fields present in the data. */
export function translatablePointers(spec: NoticeTypeSpec, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of spec.fields) {
    const value = data[field.key];
    if (field.kind === 'group' && Array.isArray(value)) {
      value.forEach((item, i) => {
        for (const sub of field.fields ?? []) {
          if (sub.translatable && typeof (item as Record<string, unknown>)?.[sub.key] === 'string')
            out.push(`/${field.key}/${i}/${sub.key}`);
        }
      });
    } else if (field.translatable && typeof value === 'string') out.push(`/${field.key}`);
  }
  return out;
}

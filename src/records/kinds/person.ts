import { type Static, Type } from '@sinclair/typebox';
import { EARLIEST_BIRTH_YEAR } from '../../names/index.ts';
import { calendarDateProblem } from '../../platform/dates.ts';
import { StringEnum } from '../../platform/schema.ts';
import { isCountryCode } from '../normalise/text.ts';
import { Country, Findings, joined, keysOf, PhotoIds, ShortText, today } from './common.ts';
import type { RecordKind } from './types.ts';

export const PERSON_STATUSES = ['wanted', 'missing', 'suspect', 'known-offender', 'unidentified'] as const;
export const NAME_TYPES = ['birth', 'alias', 'original-script', 'married', 'other'] as const;
export const PERSON_DOCUMENT_TYPES = [
  'passport',
  'id-card',
  'visa',
  'residence-permit',
  'driving-licence',
  'other',
] as const;

const PersonName = Type.Object(
  {
    full: ShortText('The name as written in its script, e.g. "Анна Эрикссон" or "ERIKSSON Anna Maria"', 300),
    script: Type.Optional(
      Type.String({
        pattern: '^[A-Z][a-z]{3}$',
        description: 'ISO 15924 script code: Latn, Cyrl, Arab, Hani, Hang…',
      }),
    ),
    type: Type.Optional(
      StringEnum(NAME_TYPES, {
        description: 'birth name, alias, name in the original script, married name or other',
      }),
    ),
    given: Type.Optional(ShortText('Given name(s)')),
    family: Type.Optional(ShortText('Family name(s)')),
  },
  { additionalProperties: false },
);

const PersonDocument = Type.Object(
  {
    number: ShortText(
      'Document number as printed; spaces, dashes and MRZ fillers are ignored when searching',
      60,
    ),
    type: StringEnum(PERSON_DOCUMENT_TYPES, { description: 'Kind of document' }),
    issuingCountry: Country('Issuing country, ISO 3166-1 alpha-2'),
  },
  { additionalProperties: false },
);

export const PersonData = Type.Object(
  {
    names: Type.Array(PersonName, {
      minItems: 1,
      maxItems: 50,
      description:
        'Every known name: birth name, aliases, name in the original script…; the first is the main one',
    }),
    sex: Type.Optional(
      StringEnum(['M', 'F', 'U'] as const, {
        description: 'Sex as on travel documents: M, F or U (unknown or unspecified)',
      }),
    ),
    dateOfBirth: Type.Optional(
      Type.String({
        pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
        description:
          'Full or partial date of birth: YYYY, YYYY-MM or YYYY-MM-DD; a real date from 1850, not in the future',
      }),
    ),
    placeOfBirth: Type.Optional(ShortText('Place of birth as known')),
    countryOfBirth: Type.Optional(Country('Country of birth, ISO 3166-1 alpha-2')),
    nationalities: Type.Optional(
      Type.Array(Country(), {
        maxItems: 10,
        uniqueItems: true,
        description: 'Nationalities, ISO 3166-1 alpha-2',
      }),
    ),
    documents: Type.Optional(
      Type.Array(PersonDocument, {
        maxItems: 50,
        description: 'Identity documents; their numbers are the search keys',
      }),
    ),
    marks: Type.Optional(
      Type.Array(ShortText('A distinguishing mark', 500), {
        maxItems: 50,
        description: 'Scars, tattoos and other distinguishing marks',
      }),
    ),
    photos: Type.Optional(PhotoIds('Photographs of the person')),
    status: Type.Optional(
      StringEnum(PERSON_STATUSES, {
        description:
          'Why the person is recorded: wanted, missing, suspect, known offender or unidentified (e.g. unidentified remains). Optional — a national system sending names, date of birth, sex and nationalities alone is not refused — but the web UI asks for it, and a notice request checks it against the notice type.',
      }),
    ),
  },
  { additionalProperties: false, title: 'RecordDataPerson', description: 'A person (nominal data)' },
);
export type PersonData = Static<typeof PersonData>;

/** People over this age are very unlikely, but an estimated birth year for old remains may be earlier. */
const OLDEST_PLAUSIBLE_AGE = 120;

/** Checks a full or partial date of birth: real month and day, not in the future. */
function dateOfBirthProblem(dateOfBirth: string, todayIso: string): { error?: string; warning?: string } {
  const year = Number(dateOfBirth.slice(0, 4));
  const problem = calendarDateProblem(dateOfBirth);
  if (problem) return { error: problem };
  if (year < EARLIEST_BIRTH_YEAR)
    return {
      error: `a year before ${EARLIEST_BIRTH_YEAR} is not a date of birth; leave an unknown date out`,
    };
  // Comparing the prefix of the same length handles partial dates: "2031" > "2026", "2026-05" vs "2026-04".
  if (dateOfBirth > todayIso.slice(0, dateOfBirth.length))
    return { error: 'a date of birth cannot be in the future' };
  if (Number(todayIso.slice(0, 4)) - year > OLDEST_PLAUSIBLE_AGE) {
    return { warning: `born more than ${OLDEST_PLAUSIBLE_AGE} years ago: check the year` };
  }
  return {};
}

const STATUS_LABELS: Record<NonNullable<PersonData['status']>, string> = {
  wanted: 'Wanted',
  missing: 'Missing',
  suspect: 'Suspect',
  'known-offender': 'Known offender',
  unidentified: 'Unidentified',
};

export const person: RecordKind<PersonData> = {
  kind: 'person',
  title: 'Person',
  schema: PersonData,
  defaultReviewYears: 5,
  photoField: 'photos',

  validate(data) {
    const findings = new Findings();
    data.names.forEach((name, i) => {
      findings.notBlank(`/names/${i}/full`, name.full);
      findings.notBlank(`/names/${i}/given`, name.given);
      findings.notBlank(`/names/${i}/family`, name.family);
    });
    if (data.dateOfBirth !== undefined) {
      const problem = dateOfBirthProblem(data.dateOfBirth, today());
      if (problem.error) findings.error('/dateOfBirth', problem.error);
      if (problem.warning) findings.warn('/dateOfBirth', problem.warning);
    }
    findings.country('/countryOfBirth', data.countryOfBirth);
    data.nationalities?.forEach((code, i) => {
      findings.country(`/nationalities/${i}`, code);
    });
    data.documents?.forEach((document, i) => {
      findings.country(`/documents/${i}/issuingCountry`, document.issuingCountry);
      // An unknown country is reported on its own; the number is then checked without it.
      const country = isCountryCode(document.issuingCountry) ? { country: document.issuingCountry } : {};
      findings.identifier(`/documents/${i}/number`, 'document', document.number, country);
    });
    data.marks?.forEach((mark, i) => {
      findings.notBlank(`/marks/${i}`, mark);
    });
    findings.notBlank('/placeOfBirth', data.placeOfBirth);
    return findings.result();
  },

  /** A person is found by the numbers of their documents; names are searched by the name index. */
  identifiers(data) {
    return (data.documents ?? []).flatMap((d) => keysOf('document', d.number, { country: d.issuingCountry }));
  },

  summary(data) {
    const name = data.names[0]?.full.trim() ?? '';
    const details = joined([data.dateOfBirth && `born ${data.dateOfBirth}`, data.nationalities?.join('/')]);
    const label = data.status ? `${STATUS_LABELS[data.status]}: ` : 'Person: ';
    return `${label}${name}${details ? ` (${details})` : ''}`;
  },
};

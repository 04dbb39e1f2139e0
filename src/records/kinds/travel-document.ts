import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.ts';
import { parseMrz } from '../mrz.ts';
import { isCountryCode } from '../normalise/text.ts';
import { Country, Findings, IsoDate, keysOf, ShortText } from './common.ts';
import type { RecordKind } from './types.ts';

export const TRAVEL_DOCUMENT_TYPES = [
  'passport',
  'id-card',
  'visa',
  'residence-permit',
  'blank-document',
  'other',
] as const;
export const TRAVEL_DOCUMENT_STATUSES = ['stolen', 'lost', 'revoked', 'invalidated'] as const;

export const TravelDocumentData = Type.Object(
  {
    number: ShortText(
      'Document number as printed (for a blank document, its serial number); spaces, dashes, dots and MRZ fillers are ignored when searching',
      60,
    ),
    type: StringEnum(TRAVEL_DOCUMENT_TYPES, {
      description: 'passport, id-card, visa, residence-permit, blank-document or other',
    }),
    issuingCountry: Country(
      'Issuing country, ISO 3166-1 alpha-2; must be the recording bureau’s own country',
    ),
    status: StringEnum(TRAVEL_DOCUMENT_STATUSES, { description: 'stolen, lost, revoked or invalidated' }),
    issueDate: Type.Optional(IsoDate('Date of issue, YYYY-MM-DD')),
    expiryDate: Type.Optional(IsoDate('Date of expiry, YYYY-MM-DD')),
    mrz: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'The machine-readable zone (ICAO 9303), lines separated by newlines; checked against number and country',
      }),
    ),
  },
  {
    additionalProperties: false,
    title: 'RecordDataTravelDocument',
    description: 'A stolen, lost, revoked or invalidated travel document',
  },
);
export type TravelDocumentData = Static<typeof TravelDocumentData>;

/** Agencies that act for a country: its bureau and the units under it. */
const NATIONAL_AGENCY_KINDS = new Set(['bureau', 'unit']);

const TYPE_LABELS: Record<TravelDocumentData['type'], string> = {
  passport: 'Passport',
  'id-card': 'Identity card',
  visa: 'Visa',
  'residence-permit': 'Residence permit',
  'blank-document': 'Blank document',
  other: 'Travel document',
};

function documentKey(number: string, country?: string): string | undefined {
  return keysOf('document', number, country ? { country } : {})[0]?.value;
}

export const travelDocument: RecordKind<TravelDocumentData> = {
  kind: 'travel-document',
  title: 'Travel document',
  schema: TravelDocumentData,
  defaultReviewYears: 10,

  validate(data, context) {
    const findings = new Findings();
    findings.country('/issuingCountry', data.issuingCountry);
    // Only the issuing country can say that its document is stolen, lost or no longer valid:
    // anyone else recording it could block a genuine traveller.
    if (!NATIONAL_AGENCY_KINDS.has(context.ownerKind)) {
      findings.error(
        '/issuingCountry',
        `only a bureau (or unit) of the issuing country may record a travel document, not a ${context.ownerKind}`,
      );
    } else if (context.ownerCountry !== data.issuingCountry) {
      findings.error(
        '/issuingCountry',
        `only a bureau (or unit) of ${data.issuingCountry} may record documents it issued; this agency is ${context.ownerCountry ?? 'of no country'}`,
      );
    }
    // An unknown country is reported above; the number is checked on its own then.
    const country = isCountryCode(data.issuingCountry) ? { country: data.issuingCountry } : {};
    const keys = findings.identifier('/number', 'document', data.number, country);
    if (data.issueDate && data.expiryDate && data.expiryDate < data.issueDate) {
      findings.error('/expiryDate', 'the expiry date is before the issue date');
    }
    if (data.mrz !== undefined) {
      const mrz = parseMrz(data.mrz);
      if (!mrz.ok) {
        findings.error('/mrz', mrz.error);
      } else {
        const mrzKey = documentKey(mrz.documentNumber);
        if (keys[0] && mrzKey !== keys[0].value) {
          findings.error(
            '/mrz',
            `the MRZ's document number ${mrz.documentNumber} is not the number ${data.number}`,
          );
        }
        if (mrz.issuingCountry !== data.issuingCountry) {
          findings.error(
            '/mrz',
            `the MRZ's issuing country ${mrz.issuingCountry} is not ${data.issuingCountry}`,
          );
        }
        for (const warning of mrz.warnings) findings.warn('/mrz', warning);
        const mrzType = mrz.documentType;
        const compatible =
          mrzType === data.type ||
          mrzType === 'other' ||
          (mrzType === 'id-card' && data.type === 'residence-permit');
        if (!compatible && data.type !== 'other') findings.warn('/type', `the MRZ says ${mrzType}`);
        if (data.expiryDate && mrz.expiryDate && mrz.expiryDate !== data.expiryDate) {
          findings.warn('/expiryDate', `the MRZ says the document expires on ${mrz.expiryDate}`);
        }
      }
    }
    return findings.result();
  },

  identifiers(data) {
    return keysOf('document', data.number, { country: data.issuingCountry });
  },

  summary(data) {
    const number = documentKey(data.number) ?? data.number.trim();
    return `${TYPE_LABELS[data.type]} ${number} (${data.issuingCountry}), ${data.status}`;
  },
};

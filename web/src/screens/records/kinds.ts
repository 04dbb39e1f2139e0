import {
  IconBuildingBank,
  IconCar,
  IconCurrencyBitcoin,
  IconId,
  IconPalette,
  IconShip,
  IconTarget,
  IconUser,
  IconWorldWww,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import {
  CHAINS,
  FIREARM_TYPES,
  INDICATOR_TYPES,
  PERSON_STATUSES,
  TRAVEL_DOCUMENT_STATUSES,
  TRAVEL_DOCUMENT_TYPES,
} from './options.ts';
import type { RecordKindName } from './queries';

/** How a field of a record's data is edited and shown. */
export type FieldType =
  | 'text'
  | 'textarea'
  | 'select'
  | 'country'
  | 'countries'
  | 'date'
  | 'integer'
  | 'lines'
  | 'names'
  | 'documents';

export interface FieldSpec {
  /** The key in the record's data; its label is `fields.<key>`. */
  key: string;
  type: FieldType;
  required?: boolean;
  /** Select values; labelled `options.<optionSet>.<value>` unless `plainOptions`. */
  options?: readonly string[];
  optionSet?: string;
  plainOptions?: boolean;
  /** Identifiers, codes and hashes: monospace, left to right. */
  mono?: boolean;
  /** Takes the whole width of the form. */
  wide?: boolean;
}

export const DOCUMENT_TYPES = ['passport', 'id-card', 'visa', 'residence-permit', 'driving-licence', 'other'];
export const NAME_TYPES = ['birth', 'alias', 'original-script', 'married', 'other'];
// Chains are named by their own names in every language; record summaries use them too.
export { CHAIN_LABELS } from './options.ts';

export const KIND_FIELDS: Record<RecordKindName, FieldSpec[]> = {
  person: [
    { key: 'names', type: 'names', required: true, wide: true },
    {
      key: 'status',
      type: 'select',
      required: true,
      options: PERSON_STATUSES,
      optionSet: 'personStatus',
    },
    { key: 'sex', type: 'select', options: ['M', 'F', 'U'], optionSet: 'sex' },
    { key: 'dateOfBirth', type: 'text', mono: true },
    { key: 'placeOfBirth', type: 'text' },
    { key: 'countryOfBirth', type: 'country' },
    { key: 'nationalities', type: 'countries' },
    { key: 'documents', type: 'documents', wide: true },
    { key: 'marks', type: 'lines', wide: true },
  ],
  'travel-document': [
    { key: 'number', type: 'text', required: true, mono: true },
    {
      key: 'type',
      type: 'select',
      required: true,
      options: TRAVEL_DOCUMENT_TYPES,
      optionSet: 'documentType',
    },
    { key: 'issuingCountry', type: 'country', required: true },
    {
      key: 'status',
      type: 'select',
      required: true,
      options: TRAVEL_DOCUMENT_STATUSES,
      optionSet: 'documentStatus',
    },
    { key: 'issueDate', type: 'date' },
    { key: 'expiryDate', type: 'date' },
    { key: 'mrz', type: 'textarea', mono: true, wide: true },
  ],
  vehicle: [
    { key: 'vin', type: 'text', required: true, mono: true },
    { key: 'plate', type: 'text', mono: true },
    { key: 'registrationCountry', type: 'country' },
    { key: 'make', type: 'text' },
    { key: 'model', type: 'text' },
    { key: 'colour', type: 'text' },
    { key: 'year', type: 'integer' },
  ],
  vessel: [
    { key: 'imo', type: 'text', mono: true },
    { key: 'hullId', type: 'text', mono: true },
    { key: 'name', type: 'text' },
    { key: 'flag', type: 'country' },
  ],
  firearm: [
    { key: 'serialNumber', type: 'text', required: true, mono: true },
    { key: 'make', type: 'text', required: true },
    { key: 'model', type: 'text' },
    { key: 'calibre', type: 'text' },
    {
      key: 'type',
      type: 'select',
      options: FIREARM_TYPES,
      optionSet: 'firearmType',
    },
  ],
  'work-of-art': [
    { key: 'title', type: 'text', required: true, wide: true },
    { key: 'artist', type: 'text' },
    { key: 'objectType', type: 'text', required: true },
    { key: 'dimensions', type: 'text' },
    { key: 'description', type: 'textarea', wide: true },
  ],
  'crypto-wallet': [
    { key: 'chain', type: 'select', required: true, options: CHAINS, plainOptions: true },
    { key: 'address', type: 'text', required: true, mono: true, wide: true },
    { key: 'firstSeen', type: 'text', mono: true },
    { key: 'lastSeen', type: 'text', mono: true },
    { key: 'description', type: 'textarea', wide: true },
  ],
  'financial-account': [
    { key: 'iban', type: 'text', mono: true },
    { key: 'accountNumber', type: 'text', mono: true },
    { key: 'bankId', type: 'text', mono: true },
    { key: 'bankName', type: 'text' },
    { key: 'holder', type: 'text', wide: true },
    { key: 'firstSeen', type: 'text', mono: true },
    { key: 'lastSeen', type: 'text', mono: true },
    { key: 'description', type: 'textarea', wide: true },
  ],
  'cyber-indicator': [
    {
      key: 'type',
      type: 'select',
      required: true,
      options: INDICATOR_TYPES,
      optionSet: 'indicatorType',
    },
    { key: 'value', type: 'text', required: true, mono: true, wide: true },
    { key: 'firstSeen', type: 'text', mono: true },
    { key: 'lastSeen', type: 'text', mono: true },
    { key: 'description', type: 'textarea', wide: true },
  ],
};

export const KIND_ICONS: Record<RecordKindName, ComponentType<{ size?: number; stroke?: number }>> = {
  person: IconUser,
  'travel-document': IconId,
  vehicle: IconCar,
  vessel: IconShip,
  firearm: IconTarget,
  'work-of-art': IconPalette,
  'crypto-wallet': IconCurrencyBitcoin,
  'financial-account': IconBuildingBank,
  'cyber-indicator': IconWorldWww,
};

/** The data field listing a kind's photographs (the server's `photoField`), or null. */
export function photoFieldOf(kind: string): 'photos' | 'images' | null {
  return kind === 'person' ? 'photos' : kind === 'work-of-art' ? 'images' : null;
}

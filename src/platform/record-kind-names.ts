/**
 * The record kinds' names, alone — a vocabulary, like country codes: configuration reads them
 * (CONCORD_REVIEW_YEARS) without reaching up into records/ or loading the kinds' schemas and
 * normalisers (src/records/kinds).
 */
export const RECORD_KIND_NAMES = [
  'person',
  'travel-document',
  'vehicle',
  'vessel',
  'firearm',
  'work-of-art',
  'crypto-wallet',
  'financial-account',
  'cyber-indicator',
] as const;

export type RecordKindName = (typeof RECORD_KIND_NAMES)[number];

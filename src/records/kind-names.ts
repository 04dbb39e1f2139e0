/**
 * The record kinds' names, alone: configuration reads them (CONCORD_REVIEW_YEARS) without
 * loading the kinds' schemas and normalisers.
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

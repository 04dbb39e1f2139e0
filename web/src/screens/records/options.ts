/**
 * The values of the records' choice fields, apart from the forms' field list (kinds.ts, which
 * brings in the icons): the summaries (summary.ts) check against them too, and load without
 * React. Each is labelled `options.<set>.<value>` in the locale files.
 */
export const PERSON_STATUSES = ['wanted', 'missing', 'suspect', 'known-offender', 'unidentified'];
export const TRAVEL_DOCUMENT_TYPES = [
  'passport',
  'id-card',
  'visa',
  'residence-permit',
  'blank-document',
  'other',
];
export const TRAVEL_DOCUMENT_STATUSES = ['stolen', 'lost', 'revoked', 'invalidated'];
export const FIREARM_TYPES = [
  'pistol',
  'revolver',
  'rifle',
  'shotgun',
  'submachine-gun',
  'machine-gun',
  'launcher',
  'other',
];
export const INDICATOR_TYPES = ['ip', 'domain', 'url', 'email', 'phone', 'hash'];
export const CHAINS = ['bitcoin', 'ethereum', 'litecoin', 'dogecoin', 'tron', 'monero'];

/** Blockchains by their own names: the same in every language. */
export const CHAIN_LABELS: Record<string, string> = {
  bitcoin: 'Bitcoin',
  ethereum: 'Ethereum',
  litecoin: 'Litecoin',
  dogecoin: 'Dogecoin',
  tron: 'Tron',
  monero: 'Monero',
};

/**
 * Shared shapes of the identifier normalisers. They live apart from index.ts so that each
 * family's file can use them without importing the registry that imports it.
 */

export const SCHEMES = [
  'document',
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

export type Scheme = (typeof SCHEMES)[number];

export interface NormalisedIdentifier {
  scheme: Scheme;
  /** The search key: equal for two spellings of the same identifier, different for different identifiers. */
  value: string;
  /**
   * ISO 3166-1 alpha-2 code where the identifier is only unique within a country
   * (document: issuing country; plate: registration country).
   */
  country?: string;
}

export type NormaliseResult =
  | { ok: true; identifiers: NormalisedIdentifier[]; warnings: string[] }
  | { ok: false; error: string };

export interface NormaliseOptions {
  /** Issuing country (document), registration country (plate) or the country to dial from (phone). */
  country?: string;
  /** Wallets: bitcoin, ethereum, litecoin, dogecoin, tron, monero (or their tickers). */
  chain?: string;
  /** Hashes: md5, sha1, sha256 or sha512, when the caller knows it; otherwise inferred from the length. */
  hashType?: string;
}

export function ok(identifier: NormalisedIdentifier, warnings: string[] = []): NormaliseResult {
  return { ok: true, identifiers: [identifier], warnings };
}

export function fail(error: string): NormaliseResult {
  return { ok: false, error };
}

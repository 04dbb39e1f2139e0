/**
 * Identifier normalisers: turn an identifier as typed into its search key, so that the same
 * identifier matches however it was written (case, spaces, dashes, MRZ fillers, IDN, IPv6
 * shortening, EIP-55 case…) and different identifiers never share a key. Pure functions, no I/O:
 * used on write (records' identifiers) and on search (queries), which must agree exactly.
 */
import { accountValue, normaliseAccount, normaliseIban } from './bank.ts';
import { normaliseDocument } from './document.ts';
import { normaliseFirearmSerial } from './firearm.ts';
import { normaliseHash } from './hash.ts';
import { normaliseDomain, normaliseEmail, normaliseUrl } from './internet.ts';
import { normaliseIp } from './ip.ts';
import { normalisePhone } from './phone.ts';
import { type NormaliseOptions, type NormaliseResult, SCHEMES, type Scheme } from './types.ts';
import { normalisePlate, normaliseVin } from './vehicle.ts';
import { normaliseHull, normaliseImo } from './vessel.ts';
import { normaliseWallet, WALLET_CHAINS, type WalletChain, walletChain } from './wallet.ts';

export type { NormalisedIdentifier, NormaliseOptions, NormaliseResult, Scheme } from './types.ts';
export { accountValue, SCHEMES, WALLET_CHAINS, type WalletChain, walletChain };

const NORMALISERS: Record<Scheme, (value: string, options: NormaliseOptions) => NormaliseResult> = {
  document: normaliseDocument,
  vin: normaliseVin,
  plate: normalisePlate,
  imo: normaliseImo,
  hull: normaliseHull,
  'firearm-serial': normaliseFirearmSerial,
  iban: normaliseIban,
  account: normaliseAccount,
  wallet: normaliseWallet,
  ip: normaliseIp,
  domain: normaliseDomain,
  url: normaliseUrl,
  email: normaliseEmail,
  phone: normalisePhone,
  hash: normaliseHash,
};

/** Longer than any identifier: a guard against pasted documents, not a format rule. */
const MAX_INPUT_LENGTH = 2048;

/**
 * The search key(s) of one identifier, or a human-readable error. Options: `country` (issuing
 * country of a document, registration country of a plate, country of a phone number written
 * without its prefix), `chain` (wallets), `hashType` (hashes). `account` values are
 * `bankId:accountNumber` (see `accountValue`).
 */
export function normaliseIdentifier(
  scheme: Scheme,
  value: string,
  options: { country?: string; chain?: string; hashType?: string } = {},
): NormaliseResult {
  // hasOwn: a scheme such as "constructor" must not find Object.prototype's.
  const normalise = Object.hasOwn(NORMALISERS, scheme) ? NORMALISERS[scheme] : undefined;
  if (!normalise) {
    return { ok: false, error: `unknown identifier scheme ${scheme}: one of ${SCHEMES.join(', ')}` };
  }
  if (typeof value !== 'string') return { ok: false, error: 'the identifier must be text' };
  if (value.length > MAX_INPUT_LENGTH) {
    return { ok: false, error: `too long for an identifier (over ${MAX_INPUT_LENGTH} characters)` };
  }
  const cacheKey = `${scheme}\u0000${value}\u0000${options.country ?? ''}\u0000${options.chain ?? ''}\u0000${options.hashType ?? ''}`;
  let result = recentResults.get(cacheKey);
  if (!result) {
    result = normalise(value, options);
    if (recentResults.size >= RECENT_RESULTS_LIMIT) recentResults.clear();
    recentResults.set(cacheKey, result);
  }
  // A copy, so that a caller changing its result cannot change the next caller's.
  if (!result.ok) return { ...result };
  return { ok: true, identifiers: result.identifiers.map((i) => ({ ...i })), warnings: [...result.warnings] };
}

/**
 * A record's identifiers are normalised up to three times in a row (validate, identifiers,
 * summary), and some normalisers are costly (Keccak-256 for EIP-55, libphonenumber's
 * metadata), so recent results are kept. Normalisers are pure: a kept result is always right.
 */
const recentResults = new Map<string, NormaliseResult>();
const RECENT_RESULTS_LIMIT = 4096;

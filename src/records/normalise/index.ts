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
  const normalise = NORMALISERS[scheme];
  if (!normalise)
    return { ok: false, error: `unknown identifier scheme ${scheme}: one of ${SCHEMES.join(', ')}` };
  if (typeof value !== 'string') return { ok: false, error: 'the identifier must be text' };
  if (value.length > MAX_INPUT_LENGTH)
    return { ok: false, error: `too long for an identifier (over ${MAX_INPUT_LENGTH} characters)` };
  return normalise(value, options);
}

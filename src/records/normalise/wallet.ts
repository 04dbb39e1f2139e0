import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { base58xmr, bech32, bech32m, createBase58check } from '@scure/base';
import { fail, type NormaliseOptions, type NormaliseResult, ok } from './types.ts';

export const WALLET_CHAINS = ['bitcoin', 'ethereum', 'litecoin', 'dogecoin', 'tron', 'monero'] as const;
export type WalletChain = (typeof WALLET_CHAINS)[number];

/** Tickers people use for the chain's name. */
const CHAIN_ALIASES: Record<string, WalletChain> = {
  btc: 'bitcoin',
  eth: 'ethereum',
  ltc: 'litecoin',
  doge: 'dogecoin',
  trx: 'tron',
  xmr: 'monero',
};

/** The chain's canonical name for a name or ticker in any case, or undefined. */
export function walletChain(name: string): WalletChain | undefined {
  const lower = name.trim().toLowerCase();
  return (WALLET_CHAINS as readonly string[]).includes(lower) ? (lower as WalletChain) : CHAIN_ALIASES[lower];
}

const base58check = createBase58check(sha256);

/** Base58Check version bytes of main-network addresses, per chain. */
const BASE58_VERSIONS: Partial<Record<WalletChain, Record<number, string>>> = {
  bitcoin: { 0: 'P2PKH', 5: 'P2SH' },
  litecoin: { 48: 'P2PKH', 50: 'P2SH', 5: 'legacy P2SH' },
  dogecoin: { 30: 'P2PKH', 22: 'P2SH' },
  tron: { 65: 'account' },
};

/** Human-readable parts of main-network SegWit addresses (BIP 173). */
const SEGWIT_PREFIXES: Partial<Record<WalletChain, string>> = { bitcoin: 'bc', litecoin: 'ltc' };

type AddressCheck = { ok: true; key: string; warnings?: string[] } | { ok: false; error: string };

/**
 * Base58Check (Bitcoin, Litecoin, Dogecoin, Tron): the last four bytes are a double SHA-256
 * checksum, and the first byte says which network and address type. Base58 is case-sensitive,
 * so the key is the address exactly as written.
 */
function checkBase58(chain: WalletChain, address: string): AddressCheck {
  let bytes: Uint8Array;
  try {
    bytes = base58check.decode(address);
  } catch {
    return { ok: false, error: `not a valid ${chain} address: the Base58Check checksum does not match` };
  }
  const versions = BASE58_VERSIONS[chain] ?? {};
  const type = versions[bytes[0]!];
  if (type === undefined || bytes.length !== 21) {
    return { ok: false, error: `not a valid ${chain} address: not a main-network address of that chain` };
  }
  return { ok: true, key: address };
}

interface SegwitDecoded {
  prefix: string;
  words: number[];
  variant: 'bech32' | 'bech32m';
}

/** Decodes a SegWit-style address with either checksum variant, or undefined if neither matches. */
function decodeSegwit(address: string): SegwitDecoded | undefined {
  const lower = address.toLowerCase();
  const asBech32 = bech32.decodeUnsafe(lower);
  if (asBech32) return { prefix: asBech32.prefix, words: asBech32.words, variant: 'bech32' };
  const asBech32m = bech32m.decodeUnsafe(lower);
  if (asBech32m) return { prefix: asBech32m.prefix, words: asBech32m.words, variant: 'bech32m' };
  return undefined;
}

/**
 * SegWit addresses (BIP 173 bech32 for witness version 0, BIP 350 bech32m for version 1 and
 * later, such as Taproot). They are case-insensitive but must not mix case; the key is lower case.
 */
function checkSegwit(
  chain: WalletChain,
  prefix: string,
  address: string,
  decoded: SegwitDecoded,
): AddressCheck {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) {
    return {
      ok: false,
      error: `not a valid ${chain} address: a bech32 address is all lower or all upper case`,
    };
  }
  if (decoded.prefix !== prefix) {
    return {
      ok: false,
      error: `not a valid ${chain} address: "${decoded.prefix}" addresses are testnet or another chain's`,
    };
  }
  const version = decoded.words[0];
  const program = bech32.fromWordsUnsafe(decoded.words.slice(1));
  if (version === undefined || version > 16 || !program) {
    return { ok: false, error: `not a valid ${chain} address: malformed witness program` };
  }
  if (version === 0 && (decoded.variant !== 'bech32' || (program.length !== 20 && program.length !== 32))) {
    return {
      ok: false,
      error: `not a valid ${chain} address: a version 0 address is bech32 with a 20- or 32-byte program`,
    };
  }
  if (version > 0 && (decoded.variant !== 'bech32m' || program.length < 2 || program.length > 40)) {
    return {
      ok: false,
      error: `not a valid ${chain} address: a version ${version} address is bech32m (BIP 350)`,
    };
  }
  return { ok: true, key: address.toLowerCase() };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The EIP-55 mixed-case spelling of a lower-case hex address (without 0x). */
export function eip55(lowerHex: string): string {
  const hash = hex(keccak_256(new TextEncoder().encode(lowerHex)));
  let out = '';
  for (let i = 0; i < lowerHex.length; i++) {
    const c = lowerHex[i]!;
    out += Number.parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/**
 * Ethereum (EIP-55): the case of the letters is a checksum. A mixed-case address must match
 * it exactly (a wrong one is a typo); an all-lower or all-upper address carries no checksum and
 * is accepted. The key is lower-case hex, so every spelling of one address gives one key.
 */
function checkEthereum(address: string): AddressCheck {
  const body = address.replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{40}$/.test(body)) {
    return { ok: false, error: 'not a valid ethereum address: 0x followed by 40 hexadecimal digits' };
  }
  const lower = body.toLowerCase();
  const mixedCase = body !== lower && body !== body.toUpperCase();
  if (mixedCase && eip55(lower) !== body) {
    return {
      ok: false,
      error: 'not a valid ethereum address: the EIP-55 checksum (the mixed case) does not match',
    };
  }
  return { ok: true, key: `0x${lower}` };
}

/** Tron addresses also appear as hex: 41 then the 20-byte account. Both are one account. */
function checkTron(address: string): AddressCheck {
  if (/^41[0-9a-fA-F]{40}$/.test(address)) {
    const bytes = Uint8Array.from(address.match(/../g)!, (pair) => Number.parseInt(pair, 16));
    return { ok: true, key: base58check.encode(bytes) };
  }
  return checkBase58('tron', address);
}

/** Monero network bytes of main-network addresses: standard, integrated, subaddress. */
const MONERO_NETWORK_BYTES: Record<number, number> = { 18: 69, 19: 77, 42: 69 };

/**
 * Monero: its own block-wise Base58, then network byte, spend and view keys (and a payment id
 * for integrated addresses), and a four-byte Keccak-256 checksum. Case-sensitive: exact key.
 */
function checkMonero(address: string): AddressCheck {
  let bytes: Uint8Array;
  try {
    bytes = base58xmr.decode(address);
  } catch {
    return { ok: false, error: 'not a valid monero address: not Monero Base58' };
  }
  const expectedLength = MONERO_NETWORK_BYTES[bytes[0]!];
  if (expectedLength !== bytes.length)
    return { ok: false, error: 'not a valid monero address: not a main-network address' };
  const checksum = keccak_256(bytes.subarray(0, bytes.length - 4)).subarray(0, 4);
  if (hex(checksum) !== hex(bytes.subarray(bytes.length - 4))) {
    return { ok: false, error: 'not a valid monero address: the checksum does not match' };
  }
  return { ok: true, key: address };
}

function checkAddress(chain: WalletChain, address: string): AddressCheck {
  switch (chain) {
    case 'ethereum':
      return checkEthereum(address);
    case 'tron':
      return checkTron(address);
    case 'monero':
      return checkMonero(address);
    default: {
      const segwitPrefix = SEGWIT_PREFIXES[chain];
      if (segwitPrefix) {
        const decoded = decodeSegwit(address);
        if (decoded) return checkSegwit(chain, segwitPrefix, address, decoded);
        if (address.toLowerCase().startsWith(`${segwitPrefix}1`)) {
          return { ok: false, error: `not a valid ${chain} address: the bech32 checksum does not match` };
        }
      }
      return checkBase58(chain, address);
    }
  }
}

/**
 * Cryptocurrency wallet addresses, validated per chain, keyed `chain:address` so that the same
 * string on two chains never collides. Accepts the chain as an option, as a URI prefix
 * ("bitcoin:bc1…?amount=1", BIP 21 / EIP-681) or both, which must then agree; the key itself
 * ("ethereum:0x…") normalises to itself.
 */
export function normaliseWallet(value: string, options: NormaliseOptions = {}): NormaliseResult {
  let address = value.trim();
  let chain = options.chain === undefined ? undefined : walletChain(options.chain);
  if (options.chain !== undefined && !chain) {
    return fail(`unknown chain ${options.chain}: one of ${WALLET_CHAINS.join(', ')}`);
  }
  const uri = /^([a-zA-Z]+):(.*)$/.exec(address);
  if (uri) {
    const prefixChain = walletChain(uri[1]!);
    if (!prefixChain) return fail(`unknown chain ${uri[1]}: one of ${WALLET_CHAINS.join(', ')}`);
    if (chain && chain !== prefixChain)
      return fail(`the address says ${prefixChain} but the chain given is ${chain}`);
    chain = prefixChain;
    // A payment URI's amount, label or chain id are not part of the address.
    address = uri[2]!.split(/[?@/]/)[0]!.trim();
  }
  if (!chain) return fail(`say which chain the address is on: one of ${WALLET_CHAINS.join(', ')}`);
  if (address.length === 0 || address.length > 120 || /\s/.test(address))
    return fail(`not a valid ${chain} address`);
  const checked = checkAddress(chain, address);
  if (!checked.ok) return fail(checked.error);
  return ok({ scheme: 'wallet', value: `${chain}:${checked.key}` }, checked.warnings ?? []);
}

import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { base58xmr, bech32, bech32m, createBase58check } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { eip55, normaliseWallet, walletChain } from './wallet.ts';

const base58check = createBase58check(sha256);

function key(value: string, chain?: string) {
  const result = normaliseWallet(value, chain === undefined ? {} : { chain });
  return result.ok ? result.identifiers[0]!.value : `error: ${result.error}`;
}

const program20 = Uint8Array.from({ length: 20 }, (_, i) => i * 7);
const program32 = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

describe('wallet chains', () => {
  it('knows chains by name and ticker', () => {
    expect(walletChain('BTC')).toBe('bitcoin');
    expect(walletChain('Ethereum')).toBe('ethereum');
    expect(walletChain('xmr')).toBe('monero');
    expect(walletChain('solana')).toBeUndefined();
  });

  it('requires a known chain', () => {
    expect(key('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toMatch(/^error: say which chain/);
    expect(key('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'solana')).toMatch(/^error: unknown chain solana/);
  });
});

describe('ethereum (EIP-55)', () => {
  // The test vectors of EIP-55.
  const checksummed = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];

  it('computes the EIP-55 spelling', () => {
    for (const address of checksummed) expect(`0x${eip55(address.slice(2).toLowerCase())}`).toBe(address);
  });

  it('gives one lower-case key for the checksummed, lower and upper spellings', () => {
    for (const address of checksummed) {
      const expected = `ethereum:${address.toLowerCase()}`;
      expect(key(address, 'ethereum')).toBe(expected);
      expect(key(address.toLowerCase(), 'ethereum')).toBe(expected);
      expect(key(`0x${address.slice(2).toUpperCase()}`, 'eth')).toBe(expected);
      expect(key(address.slice(2), 'ethereum')).toBe(expected); // without 0x
      expect(key(`ethereum:${address}`)).toBe(expected); // EIP-681 URI / the key itself
    }
  });

  it('rejects a mixed-case address whose case does not match the checksum', () => {
    const wrongCase = '0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
    expect(key(wrongCase, 'ethereum')).toMatch(/^error: .*EIP-55/);
  });

  it('rejects wrong lengths and non-hex', () => {
    expect(key('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', 'ethereum')).toMatch(/^error/);
    expect(key('0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ethereum')).toMatch(/^error/);
  });
});

describe('bitcoin', () => {
  it('accepts Base58Check P2PKH and P2SH addresses exactly as written', () => {
    expect(key('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin')).toBe(
      'bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    );
    const p2sh = base58check.encode(Uint8Array.from([0x05, ...program20]));
    expect(key(p2sh, 'btc')).toBe(`bitcoin:${p2sh}`);
  });

  it('rejects a Base58Check checksum mismatch, and another chain’s version byte', () => {
    expect(key('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'bitcoin')).toMatch(/^error: .*Base58Check checksum/);
    const litecoin = base58check.encode(Uint8Array.from([0x30, ...program20]));
    expect(key(litecoin, 'bitcoin')).toMatch(/^error: .*main-network/);
    const testnet = base58check.encode(Uint8Array.from([0x6f, ...program20]));
    expect(key(testnet, 'bitcoin')).toMatch(/^error/);
  });

  it('accepts the BIP 173 and BIP 350 vectors, keyed in lower case', () => {
    expect(key('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bitcoin')).toBe(
      'bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    );
    expect(key('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bitcoin')).toBe(
      'bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    );
    const taproot = 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y';
    expect(key(taproot, 'bitcoin')).toBe(`bitcoin:${taproot}`);
    expect(key('BC1SW50QGDZ25J', 'bitcoin')).toBe('bitcoin:bc1sw50qgdz25j');
  });

  it('rejects mixed case, a bad checksum and the wrong checksum variant for the witness version', () => {
    expect(key('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8F3T4', 'bitcoin')).toMatch(
      /^error: .*lower or all upper/,
    );
    expect(key('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'bitcoin')).toMatch(/^error: .*bech32 checksum/);
    // Version 0 must use bech32, version 1+ bech32m (BIP 350).
    const v0bech32m = bech32m.encode('bc', [0, ...bech32m.toWords(program20)]);
    expect(key(v0bech32m, 'bitcoin')).toMatch(/^error: .*version 0/);
    const v1bech32 = bech32.encode('bc', [1, ...bech32.toWords(program32)]);
    expect(key(v1bech32, 'bitcoin')).toMatch(/^error: .*bech32m/);
    // A version 0 program is 20 or 32 bytes.
    const v0short = bech32.encode('bc', [0, ...bech32.toWords(program20.subarray(0, 16))]);
    expect(key(v0short, 'bitcoin')).toMatch(/^error: .*20- or 32-byte/);
  });

  it('rejects testnet and other chains’ SegWit addresses', () => {
    const testnet = bech32.encode('tb', [0, ...bech32.toWords(program20)]);
    expect(key(testnet, 'bitcoin')).toMatch(/^error: .*testnet/);
    const litecoin = bech32.encode('ltc', [0, ...bech32.toWords(program20)]);
    expect(key(litecoin, 'bitcoin')).toMatch(/^error/);
  });

  it('reads BIP 21 payment URIs', () => {
    expect(key('bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa?amount=0.1&label=x')).toBe(
      'bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    );
    expect(key('bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'ethereum')).toMatch(
      /^error: the address says bitcoin/,
    );
    expect(key('solana:abc')).toMatch(/^error: unknown chain/);
  });
});

describe('litecoin and dogecoin', () => {
  it('accepts their Base58Check and SegWit addresses', () => {
    expect(key('LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1', 'litecoin')).toBe(
      'litecoin:LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1',
    );
    const ltcSegwit = bech32.encode('ltc', [0, ...bech32.toWords(program20)]);
    expect(key(ltcSegwit.toUpperCase(), 'ltc')).toBe(`litecoin:${ltcSegwit}`);
    expect(key('DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L', 'dogecoin')).toBe(
      'dogecoin:DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L',
    );
  });

  it('keeps chains apart', () => {
    expect(key('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'litecoin')).toMatch(/^error/);
    expect(key('DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L', 'bitcoin')).toMatch(/^error/);
  });
});

describe('tron', () => {
  it('accepts Base58Check addresses and their hex form as one account', () => {
    const address = 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7';
    expect(key(address, 'tron')).toBe(`tron:${address}`);
    const hex = Array.from(base58check.decode(address), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(key(hex, 'trx')).toBe(`tron:${address}`);
    expect(key(hex.toUpperCase(), 'tron')).toBe(`tron:${address}`);
  });

  it('rejects a checksum mismatch and a bitcoin address', () => {
    expect(key('TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU8', 'tron')).toMatch(/^error/);
    expect(key('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'tron')).toMatch(/^error/);
  });
});

describe('monero', () => {
  function moneroAddress(networkByte: number, extra = 0): string {
    const body = Uint8Array.from([
      networkByte,
      ...Array.from({ length: 64 + extra }, (_, i) => (i * 13) % 256),
    ]);
    const checksum = keccak_256(body).subarray(0, 4);
    return base58xmr.encode(Uint8Array.from([...body, ...checksum]));
  }

  it('accepts standard, integrated and subaddresses with a correct Keccak checksum', () => {
    const donation =
      '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';
    expect(key(donation, 'monero')).toBe(`monero:${donation}`);
    for (const address of [moneroAddress(18), moneroAddress(19, 8), moneroAddress(42)]) {
      expect(key(address, 'xmr')).toBe(`monero:${address}`);
    }
  });

  it('rejects a changed character, a testnet network byte and non-Base58', () => {
    const address = moneroAddress(18);
    const changed = `${address.slice(0, 10)}${address[10] === 'A' ? 'B' : 'A'}${address.slice(11)}`;
    expect(key(changed, 'monero')).toMatch(/^error/);
    expect(key(moneroAddress(53), 'monero')).toMatch(/^error: .*main-network/);
    expect(key('0OIl', 'monero')).toMatch(/^error/);
  });
});

describe('wallet inputs in general', () => {
  it('rejects empty and whitespace-containing addresses', () => {
    expect(key('', 'bitcoin')).toMatch(/^error/);
    expect(key('1A1zP1eP5QGefi2 DMPTfTL5SLmv7DivfNa', 'bitcoin')).toMatch(/^error/);
  });
});

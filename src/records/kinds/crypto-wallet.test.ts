import { describe, expect, it } from 'vitest';
import { type CryptoWalletData, cryptoWallet } from './crypto-wallet.ts';
import { check, errorFields, schemaProblems } from './test-support.ts';

const bitcoin: CryptoWalletData = { chain: 'bitcoin', address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' };
const ethereum: CryptoWalletData = {
  chain: 'ethereum',
  address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
};

describe('crypto wallet', () => {
  it('accepts valid addresses of the supported chains', () => {
    expect(check(cryptoWallet, bitcoin)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(cryptoWallet, ethereum)).toEqual([]);
    expect(errorFields(cryptoWallet, { chain: 'ethereum', address: ethereum.address.toLowerCase() })).toEqual(
      [],
    );
    expect(
      errorFields(cryptoWallet, { chain: 'tron', address: 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7' }),
    ).toEqual([]);
  });

  it('is found by chain and address, in a form independent of the case it was written in', () => {
    expect(cryptoWallet.identifiers(ethereum)).toEqual([
      { scheme: 'wallet', value: `ethereum:${ethereum.address.toLowerCase()}` },
    ]);
    expect(cryptoWallet.identifiers({ ...bitcoin, address: bitcoin.address.toUpperCase() })).toEqual([
      { scheme: 'wallet', value: `bitcoin:${bitcoin.address}` },
    ]);
  });

  it('summarises chain and address', () => {
    expect(cryptoWallet.summary(bitcoin)).toBe(`Bitcoin wallet ${bitcoin.address}`);
    expect(cryptoWallet.summary(ethereum)).toBe(`Ethereum wallet ${ethereum.address.toLowerCase()}`);
  });

  it('rejects checksum failures, another chain’s address and unknown chains', () => {
    expect(
      errorFields(cryptoWallet, { ...ethereum, address: '0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed' }),
    ).toEqual(['/address']);
    expect(
      errorFields(cryptoWallet, { ...bitcoin, address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5' }),
    ).toEqual(['/address']);
    expect(errorFields(cryptoWallet, { chain: 'litecoin', address: bitcoin.address })).toEqual(['/address']);
    expect(schemaProblems(cryptoWallet, { chain: 'solana', address: 'x' })).not.toEqual([]);
    expect(schemaProblems(cryptoWallet, { chain: 'btc', address: bitcoin.address })).not.toEqual([]);
    expect(schemaProblems(cryptoWallet, { address: bitcoin.address })).not.toEqual([]);
    expect(schemaProblems(cryptoWallet, { ...bitcoin, balance: 1 })).not.toEqual([]);
  });

  it('says what the wallet was used for and when, with real dates in order', () => {
    const described = {
      ...bitcoin,
      description: 'Ransom payment address of the LockBit affiliate',
      firstSeen: '2025-03-01',
      lastSeen: '2025-06-30T12:00:00Z',
    };
    expect(check(cryptoWallet, described)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(cryptoWallet, { ...described, lastSeen: '2025-02-01' })).toEqual(['/lastSeen']);
    expect(errorFields(cryptoWallet, { ...described, firstSeen: '2025-02-30' })).toEqual(['/firstSeen']);
    expect(errorFields(cryptoWallet, { ...described, description: '   ' })).toEqual(['/description']);
  });

  it('reviews wallets after five years', () => {
    expect(cryptoWallet.defaultReviewYears).toBe(5);
  });
});

import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.ts';
import { WALLET_CHAINS } from '../normalise/index.ts';
import { activityFields, displayKey, Findings, keysOf } from './common.ts';
import type { RecordKind } from './types.ts';

export const CryptoWalletData = Type.Object(
  {
    chain: StringEnum(WALLET_CHAINS, { description: 'The blockchain the address belongs to' }),
    address: Type.String({
      minLength: 1,
      maxLength: 120,
      description:
        'The address, checked per chain (Base58Check, bech32/bech32m, EIP-55 mixed-case checksum, Monero checksum)',
    }),
    ...activityFields('What the wallet is and how it was used (a ransom payment address, a mixer’s deposit)'),
  },
  {
    additionalProperties: false,
    title: 'RecordDataCryptoWallet',
    description: 'A cryptocurrency wallet address',
  },
);
export type CryptoWalletData = Static<typeof CryptoWalletData>;

const CHAIN_LABELS: Record<CryptoWalletData['chain'], string> = {
  bitcoin: 'Bitcoin',
  ethereum: 'Ethereum',
  litecoin: 'Litecoin',
  dogecoin: 'Dogecoin',
  tron: 'Tron',
  monero: 'Monero',
};

export const cryptoWallet: RecordKind<CryptoWalletData> = {
  kind: 'crypto-wallet',
  title: 'Cryptocurrency wallet',
  schema: CryptoWalletData,
  defaultReviewYears: 5,

  validate(data) {
    const findings = new Findings();
    findings.identifier('/address', 'wallet', data.address, { chain: data.chain });
    findings.activity(data);
    return findings.result();
  },

  identifiers(data) {
    return keysOf('wallet', data.address, { chain: data.chain });
  },

  summary(data) {
    // The key is "chain:address"; the summary names the chain in words instead.
    const key = displayKey('wallet', data.address, { chain: data.chain });
    return `${CHAIN_LABELS[data.chain]} wallet ${key.slice(key.indexOf(':') + 1)}`;
  },
};

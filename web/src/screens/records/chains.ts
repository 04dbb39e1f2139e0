/** Blockchains by their own names: the same in every language. */
export const CHAIN_LABELS: Record<string, string> = {
  bitcoin: 'Bitcoin',
  ethereum: 'Ethereum',
  litecoin: 'Litecoin',
  dogecoin: 'Dogecoin',
  tron: 'Tron',
  monero: 'Monero',
};

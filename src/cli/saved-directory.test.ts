import { describe, expect, it } from 'vitest';
import { savedDirectory } from './messaging.ts';

const key = {
  kid: 'k1',
  agency: 'FR',
  use: 'sig',
  custody: 'server',
  jwk: { kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k1' },
  status: 'active',
  revokedAt: null,
};

describe('concord message verify --jwks', () => {
  it('takes the answer of GET /agencies/{code}/keys and of GET /keys', () => {
    expect(
      savedDirectory({ agency: 'FR', custody: 'server', keys: [key], jwks: { keys: [key.jwk] } }, 'f'),
    ).toEqual([key]);
    expect(savedDirectory({ items: [key], nextCursor: null }, 'f')).toEqual([key]);
  });

  it('refuses a bare JWK Set or anything else, saying what to save', () => {
    expect(() => savedDirectory({ keys: [key.jwk] }, 'fr.json')).toThrow(
      /fr.json is not a saved key directory: save the whole answer of GET \/api\/v1\/agencies\/\{code\}\/keys.*JWK Set/,
    );
    expect(() => savedDirectory({}, 'x.json')).toThrow(/no keys or items list/);
    expect(() => savedDirectory(null, 'x.json')).toThrow(/not a saved key directory/);
  });
});

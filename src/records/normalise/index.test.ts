import { sha256 } from '@noble/hashes/sha2.js';
import { bech32, bech32m, createBase58check } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountValue,
  type NormalisedIdentifier,
  normaliseIdentifier,
  SCHEMES,
  type Scheme,
} from './index.ts';
import { eip55 } from './wallet.ts';

const base58check = createBase58check(sha256);

/** Normalising a key again, with the options the key carries, gives the same key. */
function renormalise(identifier: NormalisedIdentifier) {
  return normaliseIdentifier(
    identifier.scheme,
    identifier.value,
    identifier.country ? { country: identifier.country } : {},
  );
}

function chars(alphabet: string, minLength: number, maxLength: number) {
  return fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
}

const hex = (length: number) => chars('0123456789abcdef', length, length);
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

/** Inserts separators and flips the case of letters: how people retype an identifier. */
function respelled(canonical: string) {
  return fc
    .array(fc.tuple(fc.constantFrom('', '', '', ' ', '-', '.'), fc.boolean()), {
      minLength: canonical.length,
      maxLength: canonical.length,
    })
    .map((decorations) =>
      [...canonical]
        .map((c, i) => `${decorations[i]![0]}${decorations[i]![1] ? c.toLowerCase() : c}`)
        .join(''),
    );
}

function withIbanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of rearranged) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

function validImo(sixDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(sixDigits[i]) * (7 - i);
  return `${sixDigits}${sum % 10}`;
}

/** Inputs per scheme, valid and invalid, as [value, options]. */
const INPUTS: Record<Scheme, fc.Arbitrary<[string, { country?: string; chain?: string }]>> = {
  document: fc.tuple(
    chars('ABCdef0123 -.<', 1, 20),
    fc.constantFrom({}, { country: 'FR' }, { country: 'ke' }),
  ),
  vin: fc.tuple(chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 17, 17).chain(respelled), fc.constant({})),
  plate: fc.tuple(chars('ABCxyz0123 -АВ', 1, 12), fc.constantFrom({}, { country: 'BG' })),
  imo: fc.tuple(
    fc
      .tuple(fc.constantFrom('IMO ', 'imo', ''), chars('0123456789', 6, 6))
      .map(([label, digits]) => label + validImo(digits)),
    fc.constant({}),
  ),
  hull: fc.tuple(
    fc.oneof(
      chars('ABC0123', 3, 20),
      chars('ABC0123', 12, 12).map((h) => `FR-${h}`),
    ),
    fc.constant({}),
  ),
  'firearm-serial': fc.tuple(chars('ABCabc0123 -./ЕД', 1, 20), fc.constant({})),
  iban: fc.tuple(
    chars('0123456789', 18, 18)
      .map((bban) => withIbanCheckDigits('DE', bban))
      .chain(respelled),
    fc.constant({}),
  ),
  account: fc.tuple(
    fc
      .tuple(chars('ABCDEFX0123 -', 1, 11), chars('0123456789AB -', 1, 12))
      .map(([bank, account]) => accountValue(bank, account)),
    fc.constant({}),
  ),
  wallet: fc.oneof(
    bytes(20).map((b) => {
      const lower = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return [`0x${eip55(lower)}`, { chain: 'ethereum' }] as [string, { chain: string }];
    }),
    bytes(20).map(
      (b) =>
        [bech32.encode('bc', [0, ...bech32.toWords(b)]).toUpperCase(), { chain: 'bitcoin' }] as [
          string,
          { chain: string },
        ],
    ),
    bytes(32).map(
      (b) =>
        [bech32m.encode('bc', [1, ...bech32m.toWords(b)]), { chain: 'btc' }] as [string, { chain: string }],
    ),
    bytes(20).map(
      (b) =>
        [base58check.encode(Uint8Array.from([0, ...b])), { chain: 'bitcoin' }] as [string, { chain: string }],
    ),
    bytes(20).map(
      (b) =>
        [base58check.encode(Uint8Array.from([0x41, ...b])), { chain: 'tron' }] as [string, { chain: string }],
    ),
  ),
  ip: fc.tuple(
    fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
      fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
    ),
    fc.constant({}),
  ),
  domain: fc.tuple(fc.domain(), fc.constant({})),
  url: fc.tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constant({})),
  email: fc.tuple(fc.emailAddress(), fc.constant({})),
  phone: fc.tuple(
    fc.oneof(
      chars('0123456789', 9, 9).map((n) => `+33 ${n}`),
      chars('0123456789', 9, 9).map((n) => `0${n}`),
    ),
    fc.constantFrom({}, { country: 'FR' }),
  ),
  hash: fc.tuple(
    fc.oneof(
      hex(32),
      hex(40),
      hex(64).map((h) => h.toUpperCase()),
    ),
    fc.constant({}),
  ),
};

describe('normaliseIdentifier', () => {
  it('has a normaliser and input generators for every scheme', () => {
    expect(Object.keys(INPUTS).sort()).toEqual([...SCHEMES].sort());
  });

  it('rejects unknown schemes, non-text and over-long input without throwing', () => {
    expect(normaliseIdentifier('passport' as Scheme, 'X')).toEqual({
      ok: false,
      error: expect.stringMatching(/unknown identifier scheme/),
    });
    expect(normaliseIdentifier('constructor' as Scheme, 'X').ok).toBe(false);
    expect(normaliseIdentifier('document', 42 as unknown as string).ok).toBe(false);
    expect(normaliseIdentifier('document', 'A'.repeat(5000)).ok).toBe(false);
  });

  for (const scheme of SCHEMES) {
    it(`${scheme}: is idempotent (a key normalises to itself) and never throws`, () => {
      fc.assert(
        fc.property(INPUTS[scheme], ([value, options]) => {
          const first = normaliseIdentifier(scheme, value, options);
          if (!first.ok) {
            expect(first.error.length).toBeGreaterThan(0);
            return;
          }
          expect(first.identifiers.length).toBeGreaterThan(0);
          for (const identifier of first.identifiers) {
            expect(identifier.scheme).toBe(scheme);
            const again = renormalise(identifier);
            expect(again).toMatchObject({ ok: true, identifiers: [identifier] });
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('returns a fresh result each time: changing one cannot change the next (results are kept)', () => {
    const first = normaliseIdentifier('iban', 'DE89 3704 0044 0532 0130 00');
    if (!first.ok) throw new Error(first.error);
    first.identifiers[0]!.value = 'changed';
    first.warnings.push('changed');
    expect(normaliseIdentifier('iban', 'DE89 3704 0044 0532 0130 00')).toEqual({
      ok: true,
      identifiers: [{ scheme: 'iban', value: 'DE89370400440532013000' }],
      warnings: [],
    });
  });

  it('valid generated identifiers are accepted (the generators are not all rejects)', () => {
    for (const scheme of ['vin', 'imo', 'iban', 'wallet', 'ip', 'domain', 'url', 'email', 'hash'] as const) {
      fc.assert(
        fc.property(INPUTS[scheme], ([value, options]) => {
          expect(normaliseIdentifier(scheme, value, options)).toMatchObject({ ok: true });
        }),
        { numRuns: 100 },
      );
    }
  });

  it('gives one key for every respelling (separators, case) of documents, VINs, plates, IBANs and serials', () => {
    const canonical = {
      document: 'L898902C3',
      vin: '1M8GDM9AXKP042788',
      plate: 'AB123CD',
      iban: 'DE89370400440532013000',
      'firearm-serial': 'ABC00123',
    } as const;
    for (const [scheme, value] of Object.entries(canonical) as [Scheme, string][]) {
      fc.assert(
        fc.property(respelled(value), (spelling) => {
          expect(normaliseIdentifier(scheme, spelling)).toMatchObject({ ok: true, identifiers: [{ value }] });
        }),
        { numRuns: 100 },
      );
    }
  });

  it('keeps different identifiers apart', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), (a, b) => {
        fc.pre(a !== b);
        const keyA = normaliseIdentifier('ip', a);
        const keyB = normaliseIdentifier('ip', b);
        expect(keyA.ok && keyB.ok && keyA.identifiers[0]!.value !== keyB.identifiers[0]!.value).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1, 12),
        chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 1, 12),
        (a, b) => {
          fc.pre(a !== b);
          const keyA = normaliseIdentifier('document', a);
          const keyB = normaliseIdentifier('document', b);
          expect(keyA.ok && keyB.ok && keyA.identifiers[0]!.value !== keyB.identifiers[0]!.value).toBe(true);
        },
      ),
    );
  });
});

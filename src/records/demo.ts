import { createHash, randomInt } from 'node:crypto';
import { bech32, createBase58check } from '@scure/base';
import type { ImportLine } from './bulk.ts';

/**
 * Realistic demo records of every kind, for any number N: people from several name
 * cultures and scripts, documents of the owner's country, vehicles with valid VINs,
 * valid IBANs and wallet addresses, cyber indicators. Deterministic for a given seed.
 */

const NAMES: { script: string; names: [string, string][] }[] = [
  {
    script: 'Cyrl',
    names: [
      ['Сергей', 'Щербаков'],
      ['Анна', 'Иванова'],
      ['Дмитрий', 'Козлов'],
      ['Ольга', 'Смирнова'],
    ],
  },
  {
    script: 'Arab',
    names: [
      ['محمد', 'عبد الرحمن'],
      ['فاطمة', 'الزهراء'],
      ['يوسف', 'بن علي'],
      ['أحمد', 'المصري'],
    ],
  },
  {
    script: 'Hani',
    names: [
      ['伟', '张'],
      ['芳', '王'],
      ['强', '李'],
      ['静', '刘'],
    ],
  },
  {
    script: 'Latn',
    names: [
      ['Sergei', 'Shcherbakov'],
      ['Mohamed', 'Abderrahmane'],
      ['Wei', 'Zhang'],
      ['Jean-Pierre', 'Dubois'],
      ['Maria', 'da Silva Santos'],
      ['John', 'Okafor'],
      ['Aisha', 'Mwangi'],
      ['Nguyen', 'Van An'],
    ],
  },
  {
    script: 'Hang',
    names: [
      ['민준', '김'],
      ['서연', '박'],
      ['지훈', '이'],
    ],
  },
  {
    script: 'Grek',
    names: [
      ['Γιώργος', 'Παπαδόπουλος'],
      ['Ελένη', 'Κωνσταντίνου'],
    ],
  },
];
const MAKES = [
  ['Toyota', 'Hilux'],
  ['Volkswagen', 'Golf'],
  ['Ford', 'Ranger'],
  ['Mercedes-Benz', 'G 63'],
  ['Nissan', 'X-Trail'],
  ['BMW', 'X5'],
];
const FIREARMS = [
  ['Glock', '17', '9×19mm', 'pistol'],
  ['Kalashnikov', 'AK-47', '7.62×39mm', 'rifle'],
  ['Beretta', '92FS', '9×19mm', 'pistol'],
  ['Remington', '870', '12 gauge', 'shotgun'],
];
const COUNTRIES = ['KE', 'FR', 'BR', 'SG', 'US', 'NG', 'RU', 'CN', 'DE', 'EG', 'IN', 'MX'];
const PHONE_PREFIX: Record<string, [string, number]> = {
  KE: ['+2547', 8],
  FR: ['+336', 8],
  BR: ['+55119', 8],
  SG: ['+659', 7],
  US: ['+1212', 7],
};
const TLDS = ['com', 'net', 'org', 'info', 'xyz', 'top', 'shop'];
const WORDS = [
  'secure',
  'login',
  'bank',
  'verify',
  'update',
  'wallet',
  'support',
  'account',
  'pay',
  'mail',
  'cloud',
  'portal',
];

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
const chars = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
const digits = (n: number) => chars('0123456789', n);

function date(fromYear: number, toYear: number): string {
  const year = fromYear + randomInt(toYear - fromYear + 1);
  return `${year}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
}

/** ISO 3779: position 9 is a check digit over the other sixteen. */
export function vinWithCheckDigit(): string {
  // Transliteration values of ISO 3779 (I, O and Q are never used).
  const values: Record<string, number> = { P: 7, R: 9 };
  for (const [i, c] of [...'ABCDEFGH'].entries()) values[c] = i + 1;
  for (const [i, c] of [...'JKLMN'].entries()) values[c] = i + 1;
  for (const [i, c] of [...'STUVWXYZ'].entries()) values[c] = i + 2;
  for (let d = 0; d <= 9; d++) values[String(d)] = d;
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  const vin =
    chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 8) +
    '0' +
    chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 2) +
    digits(6);
  const sum = [...vin].reduce((acc, c, i) => acc + values[c]! * weights[i]!, 0);
  const check = sum % 11 === 10 ? 'X' : String(sum % 11);
  return vin.slice(0, 8) + check + vin.slice(9);
}

/** IMO ship numbers: six digits and a check digit (weights 7 to 2, mod 10). */
export function validImo(): string {
  const six = `9${digits(5)}`;
  const check = [...six].reduce((acc, d, i) => acc + Number(d) * (7 - i), 0) % 10;
  return `IMO ${six}${check}`;
}

/** An IBAN with correct mod-97 check digits (German format: 18 digits of BBAN). */
export function validIban(): string {
  const bban = digits(18);
  const numeric = `${bban}131400`; // D=13 E=14, then "00"
  let remainder = 0;
  for (const c of numeric) remainder = (remainder * 10 + Number(c)) % 97;
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
}

const base58check = createBase58check(
  (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest()),
);

function bitcoinAddress(): string {
  const hash = Uint8Array.from({ length: 20 }, () => randomInt(256));
  if (randomInt(2) === 0) return bech32.encode('bc', [0, ...bech32.toWords(hash)]);
  return base58check.encode(Uint8Array.from([0, ...hash]));
}

function personLine(ownerCountry: string): ImportLine {
  const culture = pick(NAMES);
  const [given, family] = pick(culture.names);
  const full =
    culture.script === 'Hani' || culture.script === 'Hang' ? `${family}${given}` : `${given} ${family}`;
  const country = pick(COUNTRIES);
  return {
    kind: 'person',
    data: {
      names: [{ full, script: culture.script, type: 'birth', given, family }],
      sex: pick(['M', 'F'] as const),
      dateOfBirth: date(1955, 2005),
      nationalities: [country],
      documents: [{ number: chars(ALNUM, 9), type: 'passport', issuingCountry: country }],
      status: pick(['wanted', 'missing', 'suspect', 'known-offender'] as const),
    },
    ...(randomInt(4) === 0
      ? {
          policy: {
            visibility: 'allow',
            countries: [ownerCountry, pick(COUNTRIES)].filter((c, i, a) => a.indexOf(c) === i),
            hitOnly: true,
          },
        }
      : {}),
  } as ImportLine;
}

export function demoRecord(ownerCountry: string, n: number): ImportLine {
  switch (n % 9) {
    case 0:
      return personLine(ownerCountry);
    case 1:
      return {
        kind: 'travel-document',
        data: {
          number: chars(ALNUM, 2) + digits(7),
          type: pick(['passport', 'id-card', 'passport', 'blank-document'] as const),
          issuingCountry: ownerCountry,
          status: pick(['stolen', 'lost', 'revoked'] as const),
        },
      };
    case 2: {
      const [make, model] = pick(MAKES);
      return {
        kind: 'vehicle',
        data: {
          vin: vinWithCheckDigit(),
          plate: `${chars(ALNUM, 3)} ${digits(3)}`,
          registrationCountry: ownerCountry,
          make,
          model,
          colour: pick(['white', 'black', 'silver', 'red']),
        },
      };
    }
    case 3:
      return {
        kind: 'vessel',
        data: {
          imo: validImo(),
          name: `${pick(['Ocean', 'Sea', 'Star', 'Golden'])} ${pick(['Pearl', 'Wind', 'Dawn', 'Spirit'])}`,
          flag: pick(COUNTRIES),
        },
      };
    case 4: {
      const [make, model, calibre, type] = pick(FIREARMS);
      return {
        kind: 'firearm',
        data: { serialNumber: chars(ALNUM, 3) + digits(5), make, model, calibre, type },
      };
    }
    case 5:
      return {
        kind: 'crypto-wallet',
        data:
          randomInt(2) === 0
            ? { chain: 'bitcoin', address: bitcoinAddress() }
            : { chain: 'ethereum', address: `0x${chars('0123456789abcdef', 40)}` },
      };
    case 6:
      return {
        kind: 'financial-account',
        data: { iban: validIban(), holder: `${pick(pick(NAMES).names)[1]} Trading Ltd` },
      };
    case 7: {
      const type = pick(['ip', 'domain', 'url', 'email', 'phone', 'hash'] as const);
      const domain = `${pick(WORDS)}-${pick(WORDS)}${digits(3)}.${pick(TLDS)}`;
      const prefix = PHONE_PREFIX[ownerCountry] ?? PHONE_PREFIX.FR!;
      const value = {
        ip: `${1 + randomInt(222)}.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`,
        domain,
        url: `https://${domain}/${pick(WORDS)}?id=${digits(6)}`,
        email: `${pick(WORDS)}.${digits(4)}@${domain}`,
        phone: prefix[0] + digits(prefix[1]),
        hash: chars('0123456789abcdef', 64),
      }[type];
      return {
        kind: 'cyber-indicator',
        data: { type, value },
        policy: { visibility: 'all', tlp: pick(['GREEN', 'AMBER'] as const) },
      } as ImportLine;
    }
    default:
      return {
        kind: 'work-of-art',
        data: {
          title: `${pick(['Portrait', 'Landscape', 'Still life', 'Mask'])} ${digits(3)}`,
          artist: pick(['Unknown', 'School of Benin', 'J. Okeke', 'M. Laurent']),
          objectType: pick(['painting', 'sculpture', 'mask', 'manuscript']),
        },
      };
  }
}

export async function* demoLines(
  ownerCountry: string,
  count: number,
): AsyncGenerator<{ line: number; value: ImportLine }> {
  for (let i = 0; i < count; i++) yield { line: i + 1, value: demoRecord(ownerCountry, i) };
}

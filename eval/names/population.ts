/**
 * A generated population to hide the labelled identities in, as bench/persons-search.ts builds
 * it: 45% of persons from the seeds' name pools with a Zipf-like skew (the first names of a
 * pool are the common ones; a record holds the pool's record form, 70%, or its first
 * romanisation), 55% a synthetic long tail of rarer names; a full date of birth (year only for
 * 15%), sex, and the culture's nationality for pool names. Persons sharing a name pair with an
 * identity (namesakes: the same name, another person, only the date of birth could tell) are
 * regenerated. Deterministic (seeded); the same random sequence as the benchmark.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PersonInput, personBlockingKeys, preparePerson } from '../../src/names/index.ts';

const here = dirname(fileURLToPath(import.meta.url));

interface SeedCulture {
  id: string;
  nat: string[];
  order: string;
  male: string[];
  female: string[];
  family: string[];
}

/** Which seeds' pools: `dev` (what may be tuned on) or `all` (dev and held-out, as the benchmark). */
export type Pools = 'dev' | 'all';

export function seedCultures(pools: Pools): SeedCulture[] {
  return (pools === 'all' ? ['dev', 'heldout'] : ['dev']).flatMap(
    (set) =>
      (
        JSON.parse(readFileSync(join(here, 'seeds', `${set}.json`), 'utf8')) as {
          cultures: SeedCulture[];
        }
      ).cultures,
  );
}

const SYLLABLES =
  'ba be bi bo bu da de di do du fa fe fi ga go gu ha he hi ho ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we ya yo za ze zi zo an en in on ar er ir or al el il ol ek ik ok ash esh ish ov ev an ul'.split(
    ' ',
  );

export interface GeneratedPerson extends PersonInput {
  names: { full: string }[];
}

/**
 * `count` generated persons, none a namesake of `identities` (by the library's pair keys).
 * Returns each with its prepared form and keys so the caller need not prepare them again.
 */
/** Letters only, lower case, marks stripped: "Ka-ming" and "Ka Ming" are both "kaming". */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');

const CJK = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;

/** The forms a name contains: words and runs of up to three words joined; any run of CJK characters. */
function formsIn(full: string): string[] {
  const words = full
    .split(/[\s,<]+/u)
    .map(plain)
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(words.length, i + 3); j++) {
      joined += words[j];
      out.push(joined);
    }
    const w = words[i] as string;
    if (CJK.test(w)) {
      const chars = [...w];
      for (let a = 0; a < chars.length; a++)
        for (let b = a + 1; b <= Math.min(chars.length, a + 4); b++) out.push(chars.slice(a, b).join(''));
    }
  }
  return out;
}

/** Identities (by index) having some form of a seed line in one of their names. */
function lineIndex(identities: readonly PersonInput[]): (line: string) => Set<number> {
  const byForm = new Map<string, Set<number>>();
  identities.forEach((p, i) => {
    for (const n of p.names)
      for (const f of formsIn(n.full)) {
        const set = byForm.get(f) ?? new Set<number>();
        set.add(i);
        byForm.set(f, set);
      }
  });
  const cache = new Map<string, Set<number>>();
  return (line) => {
    let hit = cache.get(line);
    if (!hit) {
      hit = new Set<number>();
      for (const f of line.split('|').map(plain)) for (const i of byForm.get(f) ?? []) hit.add(i);
      cache.set(line, hit);
    }
    return hit;
  };
}

/** How namesakes of the identities are found: `keys` as the benchmark, `all` also by seed line. */
export type Namesakes = 'keys' | 'all';

export function* population(
  count: number,
  identities: readonly PersonInput[],
  pools: Pools,
  namesakes: Namesakes = 'all',
  seedValue = 20261201,
): Generator<GeneratedPerson> {
  const cultures = seedCultures(pools);
  let seed = seedValue;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2.5)] as T;
  const form = (entry: string): string => {
    const forms = entry.split('|');
    return random() < 0.7 ? (forms[0] as string) : (forms[1] ?? (forms[0] as string));
  };
  const word = (min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    let w = '';
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return (w[0] as string).toUpperCase() + w.slice(1);
  };
  const birthDate = () => {
    const y = 1940 + Math.floor(random() * 66);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    return random() < 0.15 ? String(y) : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const identityPairs = new Set(
    identities.flatMap((p) =>
      personBlockingKeys(preparePerson({ names: p.names })).filter((k) => k.startsWith('p:')),
    ),
  );
  const namesakeByKeys = (full: string) =>
    personBlockingKeys(preparePerson({ names: [{ full }] })).some((k) => identityPairs.has(k));
  const withLine = lineIndex(identities);
  const namesakeByLines = (given: string, family: string) => {
    const a = withLine(given);
    if (a.size === 0) return false;
    for (const i of withLine(family)) if (a.has(i)) return true;
    return false;
  };
  let lines: [string, string] | null = null;
  const generated = (): GeneratedPerson => {
    const sex = random() < 0.5 ? 'M' : 'F';
    let full: string;
    let nationalities: string[] = [];
    if (random() < 0.45) {
      const c = pick(cultures);
      const givenLine = zipf(sex === 'M' ? c.male : c.female);
      const given = form(givenLine);
      const familyLine = zipf(c.family);
      const family = form(familyLine);
      lines = [givenLine, familyLine];
      full = c.order.startsWith('f') ? `${family} ${given}` : `${given} ${family}`;
      nationalities = [pick(c.nat)];
    } else {
      lines = null;
      full = `${word(2, 3)} ${random() < 0.2 ? `${word(2, 3)} ` : ''}${word(2, 4)}`;
    }
    return {
      names: [{ full }],
      dateOfBirth: birthDate(),
      sex,
      ...(nationalities.length > 0 ? { nationalities } : {}),
    };
  };
  for (let i = 0; i < count; i++) {
    for (;;) {
      const p = generated();
      const byLines = namesakes === 'all' && lines !== null && namesakeByLines(lines[0], lines[1]);
      if (!byLines && !namesakeByKeys(p.names[0]?.full ?? '')) {
        yield p;
        break;
      }
    }
  }
}

/**
 * Builds the labelled evaluation sets from the hand-written seeds (seeds/dev.json,
 * seeds/heldout.json): identities, query variants of each, negative queries, and distractor
 * persons from the same cultures. Deterministic (seeded), so the NDJSON files it writes are
 * reproducible: `npx tsx eval/names/build.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Culture {
  id: string;
  nat: string[];
  order: string;
  script: string;
  male: string[];
  female: string[];
  family: string[];
  familyF?: string[];
  patronymic?: string[];
  patronymicF?: string[];
}

export interface EvalPerson {
  id: string;
  culture: string;
  names: { full: string }[];
  dateOfBirth?: string;
  sex?: 'M' | 'F';
  nationalities?: string[];
}

export interface EvalQuery {
  id: string;
  culture: string;
  variant: string;
  name: string;
  dateOfBirth?: string;
  sex?: 'M' | 'F';
  nationality?: string;
  /** The identity the query is for; absent for negatives. */
  expect?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Forms = string[]; // [record form (native or canonical), romanisations…]
const split = (s: string): Forms => s.split('|');

interface Person {
  culture: Culture;
  sex: 'M' | 'F';
  given: Forms;
  family: Forms[]; // one or two (double surnames)
  middle?: Forms; // patronymic or father's name
  middleKind?: 'patronymic' | 'father';
  dob?: { y: number; m: number; d: number; precision: 'day' | 'year' };
}

const KEYBOARD: Record<string, string> = {
  a: 'qsz',
  b: 'vnh',
  c: 'xvd',
  d: 'sfe',
  e: 'wrd',
  f: 'dgr',
  g: 'fht',
  h: 'gjy',
  i: 'uok',
  j: 'hku',
  k: 'jli',
  l: 'ko',
  m: 'nj',
  n: 'bm',
  o: 'ipl',
  p: 'ol',
  q: 'wa',
  r: 'etf',
  s: 'adw',
  t: 'ryg',
  u: 'yij',
  v: 'cb',
  w: 'qes',
  x: 'zc',
  y: 'tuh',
  z: 'xs',
};

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function romanised(f: Forms, r: () => number, alt: boolean): string {
  // Index 1 is the most standard romanisation; later ones are other traditions.
  if (f.length === 1) return f[0] ?? '';
  if (!alt) return f[1] ?? f[0] ?? '';
  const others = f.slice(2).filter((x) => x !== f[1]);
  return others.length > 0 ? pick(r, others) : (f[1] ?? '');
}

const CJK = new Set(['hani', 'hang']);

/** Assemble a name from chosen forms in the culture's order. */
function assemble(
  p: Person,
  form: (f: Forms) => string,
  opts: { native: boolean; swap?: boolean; drop?: boolean },
): string {
  const c = p.culture;
  const g = form(p.given);
  const fam = (opts.drop && p.family.length > 1 ? p.family.slice(0, 1) : p.family).map(form);
  const mid = p.middle && !opts.drop ? form(p.middle) : '';
  if (opts.native && CJK.has(c.script)) return fam.join('') + g;
  let parts: string[];
  switch (c.order) {
    case 'fg-p':
      parts = opts.native ? [...fam, g, mid] : [g, mid, ...fam];
      break;
    case 'fg':
    case 'fmg':
      parts = opts.native || c.script === 'latn' ? [...fam, g] : [g, ...fam];
      if (c.order === 'fmg') parts = [...fam, g];
      break;
    case 'g-bin-f':
      parts = [g, mid ? (opts.native ? 'بن' : pick(rng(g.length), ['bin', 'Bin', 'ibn'])) : '', mid, ...fam];
      break;
    default:
      parts = [g, mid, ...fam];
  }
  parts = parts.filter((x) => x.length > 0);
  if (opts.swap) {
    // Family name moved to the other end (officers reorder, forms ask "surname first").
    const famFirst = ['fg-p', 'fg', 'fmg'].includes(c.order) && (opts.native || c.order !== 'fg-p');
    const famStr = fam.join(' ');
    const rest = [g, mid].filter(Boolean).join(' ');
    return famFirst ? `${rest} ${famStr}`.trim() : `${famStr.toUpperCase()}, ${rest}`;
  }
  return parts.join(' ');
}

function typo(s: string, r: () => number): string {
  const tokens = s.split(' ');
  const idx = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.length >= 4);
  if (idx.length === 0) return s;
  const [t, i] = pick(r, idx);
  const chars = [...t];
  const pos = 1 + Math.floor(r() * (chars.length - 1));
  const kind = Math.floor(r() * 4);
  const ch = (chars[pos] ?? 'a').toLowerCase();
  if (kind === 0) chars[pos] = pick(r, [...(KEYBOARD[ch] ?? 'e')]);
  else if (kind === 1) chars.splice(pos, 1);
  else if (kind === 2) chars.splice(pos, 0, chars[pos] ?? 'e');
  else if (pos + 1 < chars.length) [chars[pos], chars[pos + 1]] = [chars[pos + 1] ?? '', chars[pos] ?? ''];
  else chars.splice(pos, 1);
  tokens[i] = chars.join('');
  return tokens.join(' ');
}

function stripMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

const p2 = (n: number) => String(n).padStart(2, '0');
function dobText(d: NonNullable<Person['dob']>): string {
  return d.precision === 'year' ? `${d.y}` : `${d.y}-${p2(d.m)}-${p2(d.d)}`;
}

function makePerson(c: Culture, r: () => number, gi?: number, fi?: number, sexIn?: 'M' | 'F'): Person {
  const sex: 'M' | 'F' = sexIn ?? (r() < 0.65 ? 'M' : 'F');
  const pool = sex === 'M' ? c.male : c.female;
  const gIdx = gi ?? Math.floor(r() * pool.length);
  const fIdx = fi ?? Math.floor(r() * c.family.length);
  const famList = sex === 'F' && c.familyF ? c.familyF : c.family;
  const given = split(pool[gIdx] ?? '');
  const family = [split(famList[fIdx] ?? '')];
  const p: Person = { culture: c, sex, given, family };
  if (c.order === 'g-ff') {
    let j = Math.floor(r() * c.family.length);
    if (j === fIdx) j = (j + 1) % c.family.length;
    family.push(split(c.family[j] ?? ''));
  }
  if (c.order === 'fg-p' && r() < 0.8) {
    const list = sex === 'F' ? c.patronymicF : c.patronymic;
    if (list) {
      p.middle = split(pick(r, list));
      p.middleKind = 'patronymic';
    }
  }
  if ((c.order === 'g-bin-f' || c.order === 'gff') && r() < 0.85) {
    p.middle = split(pick(r, c.male));
    p.middleKind = 'father';
  }
  const x = r();
  if (x < 0.92) {
    const y = 1950 + Math.floor(r() * 55);
    p.dob = {
      y,
      m: 1 + Math.floor(r() * 12),
      d: 1 + Math.floor(r() * 28),
      precision: x < 0.84 ? 'day' : 'year',
    };
  }
  return p;
}

function toRecord(p: Person, id: string, r: () => number): EvalPerson {
  const c = p.culture;
  const nativeScript = c.script !== 'latn';
  const names: { full: string }[] = [];
  if (nativeScript && r() < 0.6) {
    names.push({ full: assemble(p, (f) => f[0] ?? '', { native: true }) });
    if (r() < 0.4) names.push({ full: assemble(p, (f) => romanised(f, r, false), { native: false }) });
  } else {
    names.push({
      full: assemble(p, (f) => (nativeScript ? romanised(f, r, false) : (f[0] ?? '')), { native: false }),
    });
  }
  const rec: EvalPerson = { id, culture: c.id, names, sex: p.sex };
  if (p.dob) rec.dateOfBirth = dobText(p.dob);
  if (r() < 0.8) rec.nationalities = [c.nat[0] ?? 'XX'];
  return rec;
}

function queriesFor(p: Person, rec: EvalPerson, r: () => number, qid: () => string): EvalQuery[] {
  const c = p.culture;
  const out: EvalQuery[] = [];
  const nativeScript = c.script !== 'latn';
  const storedNative = nativeScript && rec.names.some((n) => /[^\p{Script=Latin}\s\p{P}]/u.test(n.full));
  const storedLatinAlias = rec.names.some((n) => !/[^\p{Script=Latin}\s\p{P}]/u.test(n.full));
  const std = (f: Forms) => (nativeScript ? romanised(f, r, false) : (f[0] ?? ''));
  const push = (variant: string, name: string, withDob = r() < 0.5, dobOverride?: string) => {
    const q: EvalQuery = { id: qid(), culture: c.id, variant, name, expect: rec.id };
    if (dobOverride) q.dateOfBirth = dobOverride;
    else if (withDob && p.dob) q.dateOfBirth = dobText(p.dob);
    if (r() < 0.3) q.sex = p.sex;
    if (r() < 0.3) q.nationality = c.nat[0] ?? 'XX';
    out.push(q);
  };
  // Romanisation: another tradition's spelling of every part.
  push(
    'romanisation',
    assemble(p, (f) => romanised(f, r, true), { native: false }),
  );
  if (nativeScript) {
    // Script: the other side of the script divide from what the record holds.
    if (storedNative && !storedLatinAlias)
      push(
        'script',
        assemble(p, (f) => romanised(f, r, false), { native: false }),
      );
    else
      push(
        'script',
        assemble(p, (f) => f[0] ?? '', { native: true }),
      );
  } else {
    push('diacritics', stripMarks(assemble(p, (f) => f[0] ?? '', { native: false })));
    push(
      'diacritics',
      assemble(p, (f) => romanised(f, r, false), { native: false }),
    );
  }
  push('typo', typo(assemble(p, std, { native: false }), r));
  push(
    'typo',
    typo(
      assemble(p, (f) => romanised(f, r, true), { native: false }),
      r,
    ),
  );
  push('order', assemble(p, std, { native: false, swap: true }));
  if (p.middle || p.family.length > 1)
    push(
      'dropped part',
      assemble(p, (f) => romanised(f, r, r() < 0.5), { native: false, drop: true }),
    );
  if (['ar-gulf', 'ar-maghreb', 'ar-eg', 'fr', 'es-pt', 'ng'].includes(c.id)) {
    // Particle spellings are among the seed variants (Al-Qahtani / Alqahtani, Ben Ali / Benali).
    push(
      'particle',
      assemble(p, (f) => romanised(f, r, true), { native: false, drop: r() < 0.3 }),
    );
  }
  if (p.dob && p.dob.precision === 'day') {
    const { y, m, d } = p.dob;
    const errors: string[] = [`${y + (r() < 0.5 ? 1 : -1)}-${p2(m)}-${p2(d)}`, `${y}`];
    if (d <= 12 && d !== m) errors.push(`${y}-${p2(d)}-${p2(m)}`);
    push(
      'date error',
      assemble(p, (f) => romanised(f, r, r() < 0.5), { native: false }),
      true,
      pick(r, errors),
    );
  }
  return out;
}

function build(
  seedFile: string,
  set: string,
  seed: number,
  perCulture: number,
  distractorsPerCulture: number,
  mixed: number,
): void {
  const data = JSON.parse(readFileSync(join(here, 'seeds', seedFile), 'utf8')) as { cultures: Culture[] };
  const r = rng(seed);
  const persons: EvalPerson[] = [];
  const queries: EvalQuery[] = [];
  let qn = 0;
  const qid = () => `${set}-q${++qn}`;
  const used = new Set<string>();
  const pending: (() => void)[] = [];
  // Given and family seed lines of every negative, and of every person, compared as plain
  // lowercase letters so that collisions across cultures' pools are caught too.
  const plain = (f: Forms) =>
    stripMarks(f[1] ?? f[0] ?? '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const nameKey = (g: Forms, fam: Forms[]) => `${plain(g)}|${fam.map(plain).sort().join('|')}`;
  const negativeNames = new Set<string>();
  const personNames = new Set<string>();
  const remember = (p: Person) => {
    for (const f of p.family) personNames.add(`${plain(p.given)}|${plain(f)}`);
  };
  const comboKey = (c: string, sex: string, g: string, f: string) => `${c}|${sex}|${g}|${f}`;
  for (const c of data.cultures) {
    const combos: [number, number, 'M' | 'F'][] = [];
    for (const [sex, pool] of [
      ['M', c.male],
      ['F', c.female],
    ] as const)
      for (let g = 0; g < pool.length; g++)
        for (let f = 0; f < c.family.length; f++) combos.push([g, f, sex]);
    // Shuffle, then: identities, reserved for negatives, distractors.
    for (let i = combos.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [combos[i], combos[j]] = [
        combos[j] as [number, number, 'M' | 'F'],
        combos[i] as [number, number, 'M' | 'F'],
      ];
    }
    const ids = combos.slice(0, perCulture);
    const reserved = combos.slice(perCulture, perCulture + 8);
    const rest = combos.slice(perCulture + 8, perCulture + 8 + distractorsPerCulture);
    for (const [k, [g, f, sex]] of ids.entries()) {
      const p = makePerson(c, r, g, f, sex);
      const rec = toRecord(p, `${set}-${c.id}-${k}`, r);
      persons.push(rec);
      remember(p);
      used.add(comboKey(c.id, sex, String(g), String(f)));
      queries.push(...queriesFor(p, rec, r, qid));
    }
    for (const [k, [g, f, sex]] of rest.entries()) {
      const p = makePerson(c, r, g, f, sex);
      persons.push(toRecord(p, `${set}-${c.id}-d${k}`, r));
      remember(p);
      used.add(comboKey(c.id, sex, String(g), String(f)));
    }
    pending.push(() => {
      // Negatives: names nobody in the set has; half share a family name with an identity.
      for (const [g, f, sex] of reserved) {
        const p = makePerson(c, r, g, f, sex);
        p.family = p.family.slice(0, 1);
        if (personNames.has(`${plain(p.given)}|${plain(p.family[0] ?? [])}`)) continue;
        negativeNames.add(nameKey(p.given, p.family));
        const name = assemble(p, (x) => romanised(x, r, r() < 0.5), { native: false, drop: true });
        const q: EvalQuery = { id: qid(), culture: c.id, variant: 'negative: similar name', name };
        if (p.dob && r() < 0.6) q.dateOfBirth = dobText(p.dob);
        if (r() < 0.3) q.sex = sex;
        queries.push(q);
      }
      for (let k = 0; k < 4; k++) {
        // Same given name as an identity, a family name from another culture's record form.
        const [g, , sex] = ids[k % ids.length] ?? [0, 0, 'M'];
        const other = pick(
          r,
          data.cultures.filter((x) => x.id !== c.id && x.script === 'latn'),
        );
        const p = makePerson(c, r, g, 0, sex);
        const famForms = split(pick(r, other.family));
        const fam = famForms[0] ?? '';
        if (personNames.has(`${plain(p.given)}|${plain(famForms)}`)) continue;
        negativeNames.add(nameKey(p.given, [famForms]));
        const q: EvalQuery = {
          id: qid(),
          culture: c.id,
          variant: 'negative: absent',
          name: `${romanised(p.given, r, false)} ${fam}`,
        };
        if (r() < 0.5 && p.dob) q.dateOfBirth = dobText(p.dob);
        queries.push(q);
      }
    });
  }
  for (const f of pending) f();
  // Mixed-culture distractors (diaspora names): given from one culture, family from another.
  for (let k = 0; k < mixed; k++) {
    const a = pick(r, data.cultures);
    const b = pick(
      r,
      data.cultures.filter((x) => x.id !== a.id),
    );
    const p = makePerson(a, r);
    const pb = makePerson(b, r);
    p.family = pb.family;
    p.culture = { ...a, order: 'gf', script: a.script === b.script ? a.script : 'latn' };
    // A mixed name must not be the name of a negative query (it would make it positive).
    if (negativeNames.has(nameKey(p.given, p.family))) continue;
    const rec = toRecord(p, `${set}-mix-${k}`, r);
    persons.push(rec);
  }
  const lines = (xs: object[]) => `${xs.map((x) => JSON.stringify(x)).join('\n')}\n`;
  writeFileSync(join(here, `${set}.persons.ndjson`), lines(persons));
  writeFileSync(join(here, `${set}.queries.ndjson`), lines(queries));
  const pos = queries.filter((q) => q.expect).length;
  console.log(
    `${set}: ${persons.length} persons, ${queries.length} queries (${pos} positive, ${queries.length - pos} negative)`,
  );
}

build('dev.json', 'dev', 20260101, 10, 70, 1500);
build('heldout.json', 'heldout', 20260202, 10, 70, 1500);

/**
 * Blocking keys: the index entries written for a person and probed by a query. Pair keys
 * (two tokens' codes, in sorted order, so name order does not matter) are the selective
 * ones; single-token keys catch a query with one usable token; prefix-pair and Double
 * Metaphone pair keys survive a typo; skeleton keys meet unvowelled Arabic and Hebrew
 * script; year keys tie a family name to a birth year. Codes are equivalence classes where
 * the tables know the name, folds otherwise, so Mohammed, Muhammad and محمد share keys.
 */
import { canonicalCompound } from './compounds.ts';
import { parseDate } from './dates.ts';
import { approx, cjkApprox, latinSkeleton } from './phonetic.ts';
import { prepareToken } from './prepare.ts';
import type { PreparedName, PreparedPerson, PreparedQuery, PreparedToken } from './types.ts';

export const MAX_PERSON_KEYS = 40;
export const MAX_QUERY_KEYS = 30;

/** A token's codes: equivalence classes where the tables know the name, else approximate codes. */
function codes(t: PreparedToken, max: number): string[] {
  const out: string[] = [];
  for (const e of t.e ?? []) if (out.length < max) out.push(e);
  if (t.k && out.length < max) out.push(t.k[0] as string);
  for (const a of t.a ?? t.f) if (out.length < max && a.length > 0 && !out.includes(a)) out.push(a);
  return out;
}

function pairKey(prefix: string, a: string, b: string): string {
  return a < b ? `${prefix}:${a}|${b}` : `${prefix}:${b}|${a}`;
}

function named(n: PreparedName): PreparedToken[] {
  return n.t.filter((t) => t.r !== 'x' && t.i !== 1 && t.f.length > 0);
}

// Arabic articles are written al, el, ul… or glued to the name: one form for the joined code.
const ARTICLE = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ad',
  'ed',
  'ud',
  'ar',
  'er',
  'as',
  'es',
  'at',
  'an',
  'az',
  'ez',
]);

/**
 * The approximate code of a name with the particle before it written into it (Ben Chekroun →
 * Benchekroun, El Idrissi → Alidrissi, Van der Berg → Vanderberg): records and queries write
 * these both ways. Keyed by the named token.
 */
function particleJoined(n: PreparedName): Map<PreparedToken, string> {
  const out = new Map<PreparedToken, string>();
  let prefix = '';
  for (const t of n.t) {
    if (t.r === 'x') {
      const v = t.v[0] ?? '';
      prefix += ARTICLE.has(v) ? 'al' : v;
      continue;
    }
    if (prefix && t.i !== 1) {
      const code = approx(prefix + (t.v[0] ?? ''));
      if (code.length >= 4) out.set(t, code);
    }
    prefix = '';
  }
  return out;
}

type Keyed = { key: string; weight: number };

const SEMITIC = new Set(['arab', 'hebr']);

function nameKeys(
  n: PreparedName,
  year: number | null,
  codesPerToken: number,
  out: Map<string, number>,
): void {
  const tokens = named(n).slice(0, 6);
  const person = codesPerToken === 1;
  // A person's token is filed under one code, or two when the tables give it two readings
  // (Lim: 林 and 임; Chan: 陳 and 曾; Lee: 李 and 이) or two spellings with different codes
  // (Koç: koc and koch), so that a query in either form meets it.
  // A given name in characters is filed and probed under each of its readings' codes (pinyin
  // and Wade–Giles, Hokkien, Cantonese: 慶瑞 Qingrui, Keng Swee, Hing Sui), up to four.
  const perToken = (t: PreparedToken) =>
    t.c === 'hani' && t.e === undefined && (t.a?.length ?? 0) > 2
      ? (t.a?.length ?? 0)
      : person && ((t.e?.length ?? 0) >= 2 || (t.e === undefined && (t.a?.length ?? 0) >= 2))
        ? 2
        : codesPerToken;
  const add = (key: string, weight: number) => {
    if (!out.has(key) || (out.get(key) ?? 0) < weight) out.set(key, weight);
  };
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      const a = tokens[i] as PreparedToken;
      const b = tokens[j] as PreparedToken;
      // Pairs with a patronymic matter less: queries usually drop it.
      const w = a.r === 'p' || b.r === 'p' ? 0.9 : 1;
      for (const ca of codes(a, perToken(a)))
        for (const cb of codes(b, perToken(b))) add(pairKey('p', ca, cb), w);
      // Unvowelled scripts: the consonants are what a Latin spelling shares with them (حمد and
      // Hamed, المطيري and Almutairi); records in those scripts and every query pair them.
      if (!person || SEMITIC.has(a.c ?? '') || SEMITIC.has(b.c ?? ''))
        for (const sa of a.s.slice(0, 2))
          for (const sb of b.s.slice(0, 2)) add(pairKey('x', sa, sb), w * 0.6);
      // Ends of the approximate codes: one typo leaves the start or the end of a token intact,
      // so some pairing of starts and ends survives it (Koqalenko, Bondarenkoo, Abfulrahman).
      const xa = a.a?.[0] ?? a.f[0] ?? '';
      const xb = b.a?.[0] ?? b.f[0] ?? '';
      const pa = xa.slice(0, 3);
      const pb = xb.slice(0, 3);
      if (pa.length >= 2 && pb.length >= 2) add(pairKey('k', pa, pb), w * 0.8);
      if (xa.length >= 5 || xb.length >= 5) {
        const sa = xa.length >= 5 ? `-${xa.slice(-3)}` : pa;
        const sb = xb.length >= 5 ? `-${xb.slice(-3)}` : pb;
        if (sa !== pa) add(pairKey('k', sa, pb), w * 0.65);
        if (sb !== pb) add(pairKey('k', pa, sb), w * 0.65);
        if (sa !== pa && sb !== pb) add(pairKey('k', sa, sb), w * 0.6);
      }
      if (a.m.length >= 2 && b.m.length >= 2) add(pairKey('q', a.m, b.m), w * 0.7);
    }
  }
  // Particles written into the name, and names written glued to a particle: the glued form
  // of the other side (Benchekroun) is an ordinary token there, so pair it as a code.
  const glued = particleJoined(n);
  for (const [t, code] of glued)
    for (const o of tokens) {
      if (o === t) continue;
      for (const c of codes(o, perToken(o))) add(pairKey('p', code, c), 0.9);
    }
  // Given names written split or joined (Ya-ting / Yating, Juan Carlos / Juancarlos): two
  // neighbouring given or middle names, joined, paired with each other token.
  for (let i = 0; i + 1 < tokens.length && tokens.length >= 3; i++) {
    const a = tokens[i] as PreparedToken;
    const b = tokens[i + 1] as PreparedToken;
    if (a.r === 'f' || b.r === 'f' || a.r === 'p' || b.r === 'p') continue;
    const glued = (a.v[0] ?? '') + (b.v[0] ?? '');
    const joined = (a.a?.[0] ?? '').startsWith('~') ? cjkApprox(glued) : approx(glued);
    if (joined.length < 4) continue;
    // …and by their consonants, for a record in an unvowelled script that writes them as one
    // word (محمدجواد, Mohammad Javad): two names' consonants are as selective as a pair of
    // codes, more than the pairs of single skeletons (so probed before them).
    const skeleton = person ? '' : latinSkeleton(glued);
    for (let k = 0; k < tokens.length; k++) {
      if (k === i || k === i + 1) continue;
      const other = tokens[k] as PreparedToken;
      for (const c of codes(other, perToken(other))) add(pairKey('p', joined, c), 0.9);
      if (skeleton.length >= 4) for (const s of other.s.slice(0, 2)) add(pairKey('x', skeleton, s), 0.7);
    }
  }
  for (const t of tokens) {
    const rare = t.r === 'f' ? 0.75 : 0.6;
    // A name of one word (Tjokroaminoto, an Indonesian single name) has no pairs: filed under
    // each of its two codes when it has two (Cokroaminoto, today's spelling), as pairs are.
    const single = person && tokens.length === 1 ? perToken(t) : codesPerToken;
    for (const c of codes(t, single)) add(`t:${c}`, rare);
    if (year !== null) {
      for (const c of codes(t, person ? perToken(t) : 1)) add(`y:${year}:${c}`, 0.85);
      // Unvowelled scripts by their consonants too (דוד: David, Dovid, Dawid).
      if (!person || SEMITIC.has(t.c ?? '')) for (const sk of t.s.slice(0, 2)) add(`y:${year}:#${sk}`, 0.6);
    }
    const s = t.s[0];
    if (s && s.length >= 2) add(`s:${s}`, t.c === 'arab' || t.c === 'hebr' ? 0.55 : 0.4);
    if (t.m.length >= 3) add(`m:${t.m}`, 0.35);
  }
}

function ranked(map: Map<string, number>, max: number): Keyed[] {
  return [...map.entries()]
    .map(([key, weight]) => ({ key, weight }))
    .sort((a, b) => b.weight - a.weight || a.key.length - b.key.length || (a.key < b.key ? -1 : 1))
    .slice(0, max);
}

/** Keys to index for a person (at most MAX_PERSON_KEYS, most useful first). */
export function personBlockingKeys(p: PreparedPerson): string[] {
  const year = p.d ? (parseDate(p.d)?.y ?? null) : null;
  const map = new Map<string, number>();
  for (const n of p.n) nameKeys(n, year, 1, map);
  return ranked(map, MAX_PERSON_KEYS).map((k) => k.key);
}

/**
 * Keys a query probes, most selective first (at most MAX_QUERY_KEYS). A query tries two
 * codes per token (Chang is both Zhang and Jang), so it meets records indexed under either.
 */
export function queryBlockingKeys(q: PreparedQuery): { key: string; weight: number }[] {
  const year = q.d ? (parseDate(q.d)?.y ?? null) : null;
  const map = new Map<string, number>();
  for (const n of q.n) nameKeys(n, year, 2, map);
  if (year !== null) {
    // Year off by one is a common error; the key for the neighbouring years is cheap.
    for (const n of q.n)
      for (const t of named(n)) {
        const c = codes(t, 1)[0];
        if (c) {
          if (!map.has(`y:${year - 1}:${c}`)) map.set(`y:${year - 1}:${c}`, 0.5);
          if (!map.has(`y:${year + 1}:${c}`)) map.set(`y:${year + 1}:${c}`, 0.5);
        }
      }
  }
  for (const n of q.n) gluedNameKeys(n, map);
  return ranked(map, MAX_QUERY_KEYS);
}

/**
 * A query of one long token may be a whole name written without its space (MOHAMMEDALI,
 * from a form or a system that lost it): each way of cutting it in two, both parts three
 * letters or more, is probed as a pair of tokens, each coded as a record's token would be. Weak keys, probed after the others.
 */
function gluedNameKeys(n: PreparedName, out: Map<string, number>): void {
  const tokens = named(n);
  const t = tokens[0];
  if (tokens.length !== 1 || !t || t.c !== undefined || t.e !== undefined) return;
  const v = t.v[0] ?? '';
  if (v.length < 8 || v.length > 24) return;
  // Each part coded as a token of its own would be in a record (its class, else its code).
  const code = (part: string) => {
    const token = prepareToken({
      text: part,
      script: 'latn',
      role: 'm',
      core: canonicalCompound(part),
      initial: false,
    });
    return token ? (codes(token, 1)[0] ?? approx(part)) : approx(part);
  };
  for (let i = 3; i <= v.length - 3; i++) {
    const key = pairKey('p', code(v.slice(0, i)), code(v.slice(i)));
    if (!out.has(key)) out.set(key, 0.3);
  }
}

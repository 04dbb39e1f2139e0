/**
 * Blocking keys: the index entries written for a person and probed by a query. Pair keys
 * (two tokens' codes, in sorted order, so name order does not matter) are the selective
 * ones; single-token keys catch a query with one usable token; prefix-pair and Double
 * Metaphone pair keys survive a typo; skeleton keys meet unvowelled Arabic and Hebrew
 * script; year keys tie a family name to a birth year. Codes are equivalence classes where
 * the tables know the name, folds otherwise, so Mohammed, Muhammad and محمد share keys.
 */
import { parseDate } from './dates.ts';
import { approx, cjkApprox } from './phonetic.ts';
import type { PreparedName, PreparedPerson, PreparedQuery, PreparedToken } from './types.ts';

export const MAX_PERSON_KEYS = 40;
export const MAX_QUERY_KEYS = 30;

/** A token's codes: equivalence classes where the tables know the name, else approximate codes. */
function codes(t: PreparedToken, max: number): string[] {
  const out: string[] = [];
  for (const e of t.e ?? []) if (out.length < max) out.push(e);
  for (const a of t.a ?? t.f) if (out.length < max && a.length > 0 && !out.includes(a)) out.push(a);
  return out;
}

function pairKey(prefix: string, a: string, b: string): string {
  return a < b ? `${prefix}:${a}|${b}` : `${prefix}:${b}|${a}`;
}

function named(n: PreparedName): PreparedToken[] {
  return n.t.filter((t) => t.r !== 'x' && t.i !== 1 && t.f.length > 0);
}

type Keyed = { key: string; weight: number };

function nameKeys(
  n: PreparedName,
  year: number | null,
  codesPerToken: number,
  out: Map<string, number>,
): void {
  const tokens = named(n).slice(0, 6);
  const add = (key: string, weight: number) => {
    if (!out.has(key) || (out.get(key) ?? 0) < weight) out.set(key, weight);
  };
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      const a = tokens[i] as PreparedToken;
      const b = tokens[j] as PreparedToken;
      // Pairs with a patronymic matter less: queries usually drop it.
      const w = a.r === 'p' || b.r === 'p' ? 0.9 : 1;
      for (const ca of codes(a, codesPerToken))
        for (const cb of codes(b, codesPerToken)) add(pairKey('p', ca, cb), w);
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
  // Given names written split or joined (Ya-ting / Yating, Juan Carlos / Juancarlos): two
  // neighbouring given or middle names, joined, paired with each other token.
  for (let i = 0; i + 1 < tokens.length && tokens.length >= 3; i++) {
    const a = tokens[i] as PreparedToken;
    const b = tokens[i + 1] as PreparedToken;
    if (a.r === 'f' || b.r === 'f' || a.r === 'p' || b.r === 'p') continue;
    const glued = (a.v[0] ?? '') + (b.v[0] ?? '');
    const joined = (a.a?.[0] ?? '').startsWith('~') ? cjkApprox(glued) : approx(glued);
    if (joined.length < 4) continue;
    for (let k = 0; k < tokens.length; k++) {
      if (k === i || k === i + 1) continue;
      for (const c of codes(tokens[k] as PreparedToken, codesPerToken)) add(pairKey('p', joined, c), 0.9);
    }
  }
  for (const t of tokens) {
    const rare = t.r === 'f' ? 0.75 : 0.6;
    for (const c of codes(t, codesPerToken)) add(`t:${c}`, rare);
    if (year !== null) add(`y:${year}:${codes(t, 1)[0] ?? ''}`, 0.85);
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
  return ranked(map, MAX_QUERY_KEYS);
}

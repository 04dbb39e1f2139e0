/**
 * Precomputation: persons when written, queries when asked. Everything expensive (parsing,
 * transliteration, phonetic codes, table look-ups) happens here, once, so that scoring is
 * only comparisons of short strings.
 */
import { canonicalCompound } from './compounds.ts';
import { parseDate } from './dates.ts';
import {
  classesNear,
  classesOfApprox,
  classesOfNative,
  classesOfSpelling,
  spellingsOf,
} from './equivalences/index.ts';
import { cleanText } from './normalise.ts';
import { type ParsedToken, parseName } from './parse.ts';
import { approx, cjkApprox, fold, latinSkeleton, metaphone } from './phonetic.ts';
import { stripArabicArticle } from './transliterate/arabic.ts';
import { romanise } from './transliterate/index.ts';
import type {
  PersonInput,
  PreparedName,
  PreparedPerson,
  PreparedQuery,
  PreparedToken,
  QueryInput,
  Sex,
} from './types.ts';

/** Names per person we keep: aliases beyond this add keys and cost, not recall. */
export const MAX_NAMES = 6;
const MAX_VARIANTS = 6;
const MAX_FOLDS = 4;
const MAX_APPROX = 2;

function uniq(xs: Iterable<string>, max: number): string[] {
  const out: string[] = [];
  for (const x of xs) {
    if (x && !out.includes(x)) {
      out.push(x);
      if (out.length >= max) break;
    }
  }
  return out;
}

export function prepareToken(p: ParsedToken): PreparedToken | null {
  const script = p.script;
  let core = p.core;
  let classes: string[] = [];
  let skeletonSource = core;
  if (script === 'arab') {
    // Arabic: the article and the joined compound (عبد الرحمن) matter for skeletons.
    const parts = core.startsWith('عبد') ? ['عبد', core.slice(3)] : [core];
    const stripped = parts.map((x) => stripArabicArticle(x) ?? x).join('');
    classes = [...classesOfNative(core.replace(/\s+/g, '')), ...classesOfNative(stripped)];
    if (parts.length === 1 && stripped !== core) classes.push(...classesOfNative(stripped));
    skeletonSource = stripped;
    core = stripped;
  } else if (script !== 'latn') {
    classes = [...classesOfNative(core)];
  }
  const rom = romanise(script === 'arab' ? skeletonSource : core, script, { surname: p.role === 'f' });
  let variants = script === 'latn' ? rom.variants.map(canonicalCompound) : rom.variants;
  // Arabic article glued to a Latin family name (Alkaabi, Elmasry): also without it.
  if (script === 'latn') {
    const v0 = variants[0] ?? '';
    const m = /^(?:al|el)([bcdfghjklmnpqrstvwxyz][a-z]{3,})$/.exec(v0);
    if (m?.[1]) variants = [...variants, m[1]];
  }
  for (const v of variants) classes.push(...classesOfSpelling(v));
  // A spelling the tables lack but that sounds like one they have (Idriss, Mouhamed).
  const approxOf = new Map<string, string>();
  const ap = (v: string) => {
    let a = approxOf.get(v);
    if (a === undefined) {
      a = approx(v);
      approxOf.set(v, a);
    }
    return a;
  };
  if (classes.length === 0) for (const v of variants.slice(0, 2)) classes.push(...classesOfApprox(ap(v)));
  // The Chinese and Korean tables are of surnames: a given name 军 is not the surname Chun.
  if ((script === 'hani' || script === 'hang') && p.role !== 'f')
    classes = classes.filter((c) => !/^(zh|ko):/.test(c));
  classes = uniq(classes, 4);
  if (script !== 'latn' && classes.length > 0) {
    // A readable, standard spelling for names the tables know (محمد → muhammad).
    const known = spellingsOf(classes.slice(0, 1)).slice(0, 1);
    variants = script === 'arab' || script === 'hebr' ? [...known, ...variants] : [...variants, ...known];
  }
  variants = uniq(variants, MAX_VARIANTS);
  if (variants.length === 0) return null;
  const folds = uniq(variants.map(fold), MAX_FOLDS);
  const approxCodes = uniq(variants.slice(0, 4).map(ap), MAX_APPROX);
  // Skeletons serve comparisons with unvowelled scripts: their own readings (up to three),
  // Latin spellings with and without a glued article (two), one for other scripts.
  const skeletons =
    rom.skeletons.length > 0
      ? uniq(rom.skeletons, 3)
      : uniq(variants.slice(0, 3).map(latinSkeleton), script === 'latn' ? 2 : 1);
  const t: PreparedToken = {
    o: p.text,
    r: p.role,
    v: variants,
    f: folds,
    a: approxCodes,
    s: skeletons,
    m: metaphone(variants[0] ?? ''),
  };
  if (classes.length > 0) t.e = classes;
  if (script !== 'latn') t.c = script;
  if (p.initial) t.i = 1;
  return t;
}

/** A Chinese or Korean name: one in Han or Hangul script, or with a surname the tables know. */
function isCjkName(tokens: readonly PreparedToken[]): boolean {
  for (const t of tokens) {
    if (t.c === 'hani' || t.c === 'hang') return true;
    if (t.r === 'x') continue;
    for (const e of t.e ?? t.k ?? []) if (e.startsWith('zh:') || e.startsWith('ko:')) return true;
  }
  return false;
}

function prepareName(
  input: { full: string; given?: string; family?: string },
  query = false,
): PreparedName | null {
  const parsed = parseName(input);
  const tokens: PreparedToken[] = [];
  for (const p of parsed) {
    const t = prepareToken(p);
    if (!t) continue;
    // A typo in a query for a name the tables know loses its class, and with it the keys the
    // name is filed under: a table spelling one edit away gives them back (keys only).
    if (query && t.e === undefined && t.r !== 'x' && t.c === undefined) {
      const near = classesNear(t.v[0] ?? '');
      if (near.length > 0) t.k = [...near];
    }
    tokens.push(t);
  }
  // In a Chinese or Korean name the given names' syllables get the CJK code first (the tables
  // know the surnames).
  if (tokens.length > 1 && isCjkName(tokens))
    for (const t of tokens)
      if (t.r !== 'x' && (t.r !== 'f' || t.e === undefined))
        // Characters have their readings' CJK codes only (pinyin, Wade–Giles, Cantonese).
        t.a =
          t.c === 'hani'
            ? uniq(t.v.slice(0, 3).map(cjkApprox), 3)
            : uniq([...t.v.slice(0, 2).map(cjkApprox), ...t.a], MAX_APPROX);
  return tokens.length > 0 ? { t: tokens } : null;
}

function cleanSex(s: unknown): Sex | undefined {
  return s === 'M' || s === 'F' || s === 'U' ? s : undefined;
}

function cleanCountry(c: unknown): string | undefined {
  if (typeof c !== 'string') return undefined;
  const u = c.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(u) ? u : undefined;
}

/** The stored form of a person record (for a jsonb column). Total on any input. */
export function preparePerson(input: PersonInput): PreparedPerson {
  const names: PreparedName[] = [];
  const seen = new Set<string>();
  for (const n of Array.isArray(input?.names) ? input.names : []) {
    if (names.length >= MAX_NAMES) break;
    if (!n || typeof n.full !== 'string') continue;
    const pn = prepareName({
      full: n.full,
      ...(typeof n.given === 'string' ? { given: n.given } : {}),
      ...(typeof n.family === 'string' ? { family: n.family } : {}),
    });
    if (!pn) continue;
    const sig = pn.t.map((t) => t.f[0]).join(' ');
    if (seen.has(sig)) continue;
    seen.add(sig);
    names.push(pn);
  }
  const out: PreparedPerson = { v: 1, n: names };
  const d = parseDate(input?.dateOfBirth);
  if (d) out.d = d.text;
  const sex = cleanSex(input?.sex);
  if (sex) out.x = sex;
  const nats = uniq(
    (Array.isArray(input?.nationalities) ? input.nationalities : [])
      .map(cleanCountry)
      .filter((c): c is string => !!c),
    8,
  );
  if (nats.length > 0) out.c = nats;
  return out;
}

/** The prepared form of a search. Total on any input. */
export function prepareQuery(input: QueryInput): PreparedQuery {
  const q = cleanText(typeof input?.name === 'string' ? input.name : '');
  const pn = prepareName({ full: q }, true);
  const out: PreparedQuery = { v: 1, n: pn ? [pn] : [], q };
  const d = parseDate(input?.dateOfBirth);
  if (d) out.d = d.text;
  const sex = cleanSex(input?.sex);
  if (sex) out.x = sex;
  const nat = cleanCountry(input?.nationality);
  if (nat) out.c = [nat];
  return out;
}

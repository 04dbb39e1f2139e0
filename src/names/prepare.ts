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
  isCjkClass,
  shortFormGroups,
  spellingsOf,
} from './equivalences/index.ts';
import { KOREAN_SURNAMES } from './equivalences/korean.ts';
import { nativeForm } from './native.ts';
import { caseFold, cleanText, stripDiacritics } from './normalise.ts';
import { EUROPEAN_PARTICLES, type ParsedToken, parseName } from './parse.ts';
import { approx, cjkApprox, fold, latinSkeleton, metaphone } from './phonetic.ts';
import { normaliseArabic, stripArabicArticle } from './transliterate/arabic.ts';
import { hokkienSameSpellings, isCantoneseSpelling, isHokkienSpelling } from './transliterate/chinese.ts';
import {
  marksArmenianName,
  romanise,
  westernArmenianGivenReading,
  westernArmenianReading,
} from './transliterate/index.ts';
import { splitKoreanGivenName } from './transliterate/korean.ts';
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
/** A given name in characters: the codes of its pinyin, Wade–Giles, Hokkien and Cantonese readings. */
const MAX_HANZI_APPROX = 4;

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

/**
 * A Persian or Arabic given name written as one word of two names the tables know (محمدجواد
 * Mohammad-Javad, علیرضا Alireza, غلامحسین Gholamhossein): their usual spellings joined, so
 * that it meets the name written in one word or two. Null when no cut makes two known names.
 */
function gluedKnownNames(core: string): string | null {
  const letters = [...core];
  const known = (part: string) => {
    const ids = classesOfNative(part);
    return ids.length > 0 ? ids : classesOfNative(normaliseArabic(part));
  };
  for (let i = 2; i <= letters.length - 2; i++) {
    const first = known(letters.slice(0, i).join(''));
    if (first.length === 0) continue;
    const second = known(letters.slice(i).join(''));
    if (second.length === 0) continue;
    const a = spellingsOf(first.slice(0, 1))[0];
    const b = spellingsOf(second.slice(0, 1))[0];
    if (a && b) return a + b;
  }
  return null;
}

/**
 * `japanese`: the name has a Japanese surname of the table; `armenianGiven`: it has a Latin given
 * name of the Armenian table (Bedros, Garabed), whose -ian family name is read both ways;
 * `kunrei`: every word of the name is made of Japanese syllables, so that one spelt in
 * Kunrei-shiki is also read in Hepburn (`kunreiReading`).
 */
export function prepareToken(
  p: ParsedToken,
  japanese = false,
  armenianGiven = false,
  kunrei = false,
  turkic = false,
): PreparedToken | null {
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
  let glued: string | null = null;
  // Arabic article glued to a Latin family name (Alkaabi, Elmasry): also without it.
  if (script === 'latn') {
    const v0 = variants[0] ?? '';
    const m = /^(?:al|el)([bcdfghjklmnpqrstvwxyz][a-z]{3,})$/.exec(v0);
    if (m?.[1]) variants = [...variants, m[1]];
  }
  if (script === 'latn' || script === 'cyrl') variants = [...variants, ...kazakhReadings(variants[0] ?? '')];
  if (script === 'latn') {
    const armenian =
      p.role === 'f'
        ? westernArmenianReading(variants[0] ?? '', armenianGiven)
        : westernArmenianGivenReading(variants[0] ?? '');
    if (armenian) variants = [...variants, armenian];
  }
  if (script === 'latn') {
    const somali = somaliReading(variants[0] ?? '');
    if (somali) variants = [...variants, somali];
    const indonesian = indonesianReading(variants[0] ?? '');
    if (indonesian) variants = [...variants, indonesian];
    const hepburn = kunrei ? kunreiReading(variants[0] ?? '') : null;
    if (hepburn) variants = [...variants, hepburn];
    // The j reading is the plain c's only: the ç of Çelik is ch (Chelik), never j.
    const plainC = turkic && /c/i.test(p.text.replace(/ç/gi, ''));
    variants = [...variants, ...turkicReadings(variants[0] ?? '', plainC)];
  }
  for (const v of variants) classes.push(...classesOfSpelling(v));
  // A reading of Arabic or Hebrew letters is not an East Asian name (جون, read jun, is the
  // John of an English name in Arabic script, not the Korean surname Jeon).
  if (script === 'arab' || script === 'hebr') classes = classes.filter((c) => !/^(zh|ko|ja|jg):/.test(c));
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
    classes = classes.filter((c) => !/^(zh|ko|ja):/.test(c));
  // …and the Japanese given names are neither surnames nor the given names of a name whose
  // surname is not Japanese (张健 is Zhang Jian).
  if (script === 'hani' && (p.role === 'f' || !japanese))
    classes = classes.filter((c) => !c.startsWith('jg:'));
  classes = uniq(classes, 4);
  if (script !== 'latn' && classes.length > 0) {
    // A readable, standard spelling for names the tables know (محمد → muhammad).
    const known = spellingsOf(classes.slice(0, 1)).slice(0, 1);
    variants = script === 'arab' || script === 'hebr' ? [...known, ...variants] : [...variants, ...known];
  } else if (script === 'arab') {
    glued = gluedKnownNames(core);
    if (glued) variants = [glued, ...variants];
  }
  variants = uniq(variants, MAX_VARIANTS);
  if (variants.length === 0) return null;
  const folds = uniq(variants.map(fold), MAX_FOLDS);
  const approxCodes = uniq(variants.slice(0, 4).map(ap), MAX_APPROX);
  // Skeletons serve comparisons with unvowelled scripts: their own readings (up to four: a
  // letter with a second reading and a و read as v give two times two, رضوانی Rezvani),
  // Latin spellings with and without a glued article (two), one for other scripts.
  // (Two known names glued: also the consonants of their usual spellings, which write the
  // Persian و as the v a Latin spelling has: محمدجواد, Mohammad Javad.)
  const skeletons =
    rom.skeletons.length > 0
      ? uniq(glued ? [latinSkeleton(glued), ...rom.skeletons] : rom.skeletons, 4)
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
  const short = uniq(
    variants.slice(0, 3).flatMap((v) => shortFormGroups(v)),
    4,
  );
  if (short.length > 0) t.h = short;
  if (script !== 'latn') t.c = script;
  if (p.initial) t.i = 1;
  if (p.syllable) t.y = 1;
  const native = nativeForm(p);
  if (native !== undefined) t.n = native;
  return t;
}

/**
 * Somali spelling writes ع as c, ح as x and long vowels doubled: Maxamed, Cabdullaahi, Cali,
 * Xasan, Faarax are Mohamed, Abdullahi, Ali, Hassan, Farah. The tables list the common names
 * in both spellings; for others, the reading in the usual spelling, when the token bears two
 * marks of Somali spelling or the reading is an Arabic or Persian name the tables know (so
 * Carlos, Xavier, Xu and Saarinen are left alone); null otherwise.
 */
export function somaliReading(v: string): string | null {
  let marks = 0;
  if (/^c[aeiou]/.test(v)) marks++;
  if (/[aeiou]c(?:[aeiou]|$)/.test(v)) marks++;
  if (/[aeiou]x|x[aeiou]/.test(v)) marks++;
  if (/aa|ee|ii|oo|uu/.test(v)) marks++;
  if (marks === 0) return null;
  const reading = canonicalCompound(
    v
      .replace(/x/g, 'h')
      .replace(/^c(?=[aeiou])/, '')
      .replace(/([aeiou])c(?=[aeiou]|$)/g, '$1')
      .replace(/([aeiou])\1/g, '$1')
      .replace(/dh/g, 'd'),
  );
  if (reading === v || reading.length < 3) return null;
  if (marks >= 2) return reading;
  const known = [...classesOfSpelling(reading), ...classesOfApprox(approx(reading)), ...classesNear(reading)];
  return known.some((c) => c.startsWith('ar:') || c.startsWith('fa:')) ? reading : null;
}

/**
 * Turkic and Kurdish names in their Latin alphabets as Russian and English write them: the x
 * of Azerbaijani, Uzbek and Kurmanji (Xəlilov, Xurshid, Xolmatov) is kh (Khalilov, Khurshid,
 * Kholmatov), not the x of Alexander, and — in a name written with Turkish or Azerbaijani
 * letters (`turkic`) — the c of Cemal, Cengiz is the j and dj of English and French spelling
 * (Jemal, Djemal); the German dsch of Dschemal is that dj. Pinyin's x (Xu, Xiaoming), always
 * before i or u in a word of Chinese syllables, gets nothing.
 */
export function turkicReadings(v: string, turkic: boolean): string[] {
  const out: string[] = [];
  if (v.includes('x') && !(/^[^x]*(?:x[iu][^x]*)+$/.test(v) && CJK_SYLLABLES.test(v)))
    out.push(v.replace(/x/g, 'kh'));
  if (turkic && /c(?=[aeiou])/.test(v)) {
    const stem = v.replace(/x/g, 'kh');
    out.push(stem.replace(/c(?=[aeiou])/g, 'j'), stem.replace(/c(?=[aeiou])/g, 'dj'));
  }
  if (v.includes('dsch')) out.push(v.replace(/dsch/g, 'dj'));
  return out;
}

/** Letters only Turkish and Azerbaijani write among Latin alphabets. */
const TURKIC_LETTERS = /[çşğıəÇŞĞİƏ]/;

/**
 * A Kazakh or Kyrgyz family name in -uly (son of) or -qyzy (daughter of), as the surname
 * reform writes it (Akhmetuly, Serikqyzy, Ахметұлы), also in the Russian form of the same
 * stem the person bore before or bears in Russian documents (Akhmetov, Serikova); none for
 * other words.
 */
export function kazakhReadings(v: string): string[] {
  const m = /^([a-z]{3,}?)(uly|uli|kyzy|qyzy)$/.exec(v);
  if (!m?.[1]) return [];
  return m[2] === 'uly' || m[2] === 'uli' ? [`${m[1]}ov`, `${m[1]}ev`] : [`${m[1]}ova`, `${m[1]}eva`];
}

/**
 * Indonesian and Malay names in the spelling before 1972 (Tjahjo, Djoko, Sjahrir, Njoto) read
 * in today's (Cahyo, Joko, Syahrir, Nyoto): tj → c, dj → j, sj → sy, nj → ny, and the old j
 * (today's y). Only for tokens with one of the old digraphs; null otherwise.
 */
export function indonesianReading(v: string): string | null {
  if (!/tj|dj|sj|nj/.test(v)) return null;
  const reading = v
    .replace(/dj/g, 'J')
    .replace(/tj/g, 'c')
    .replace(/sj/g, 'sy')
    .replace(/nj/g, 'ny')
    .replace(/j/g, 'y')
    .replace(/J/g, 'j')
    .replace(/oe/g, 'u');
  return reading !== v ? reading : null;
}

/** A word made only of Japanese syllables as Kunrei-shiki writes them. */
const KUNREI_SYLLABLES = /^(?:(?:[kgsztnhbpmr]y?|[yw])?[aiueo]|n(?![aiueoy])|([kstpgzbh])(?=\1))+$/;
/** …or as Kunrei-shiki or Hepburn write them (Tanaka, Shūji, Tiyoko; an apostrophe dropped). */
const JAPANESE_SYLLABLES =
  /^(?:(?:[kgsztdnhbpmr]y?|[yw]|sh|ch|ts|j|f)?[aiueo]h?|n(?![aiueoy])|([kstpgzdbhc])(?=\1))+$/;
const KUNREI_TO_HEPBURN: [RegExp, string][] = [
  [/sy/g, 'sh'],
  [/si/g, 'shi'],
  [/ty/g, 'ch'],
  [/ti/g, 'chi'],
  [/tu/g, 'tsu'],
  [/(?<![sc])hu/g, 'fu'],
  [/zy/g, 'j'],
  [/zi/g, 'ji'],
];

/**
 * A Japanese name in the Kunrei-shiki or Nihon-shiki romanisation (Japanese school and some
 * official use: Huzimoto Syuzi, Tanaka Tiyoko) in the Hepburn spelling of passports and lists
 * (Fujimoto Shuji, Chiyoko): only a word of five letters or more made wholly of Japanese
 * syllables and spelling one of Kunrei's own (si, ti, tu, hu, zi, sy, ty, zy), so that a word
 * with a cluster (Dimitri) gets nothing. Null for other words.
 */
export function kunreiReading(v: string): string | null {
  if (v.length < 5 || !KUNREI_SYLLABLES.test(v) || !/s[iy]|t[iuy]|hu|z[iy]/.test(v)) return null;
  let out = v;
  for (const [re, to] of KUNREI_TO_HEPBURN) out = out.replace(re, to);
  return out !== v ? out : null;
}

/**
 * A run of syllables as pinyin, Wade–Giles, Korean romanisation and Hokkien spellings write them
 * (Jianguo, Minjun, Teck, Poh, Siew).
 */
const CJK_SYLLABLES = /^(?:[bcdfghjklmnpqrstwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|l|ck|k|p|t|r|h|w)?)+$/;

const isCjkSurname = (t: PreparedToken) => (t.e ?? []).some(isCjkClass);

/**
 * A Chinese or Korean name in Latin letters written in its own order (Zhou Jianguo, Kim
 * Minjun): a known surname first and none last. Parsing guessed Western order; the tables say
 * otherwise.
 */
function surnameFirst(tokens: PreparedToken[], groups: readonly number[]): void {
  const namedAt = tokens.flatMap((t, i) => (t.r !== 'x' ? [i] : []));
  const named = namedAt.map((i) => tokens[i] as PreparedToken);
  const first = named[0];
  const last = named[named.length - 1];
  if (named.length < 2 || named.length > 3 || !first || !last || first.c !== undefined) return;
  if (first.r !== 'g' || last.r !== 'f' || !isCjkSurname(first)) return;
  // A last syllable that is also a surname (Lim Boon Heng: 王 Heng; Tan Keng Yam: 任 Yam) is
  // a given name's when it is a Hokkien given-name reading and the first syllable is no given
  // name's reading, Hokkien or Cantonese (Kuan Yew Lee, Wai Man Lam stay in Western order)
  // …unless it is the second half of a hyphenated given name (Choi Min-jun, Roh Moo-hyun: 전 Jun
  // and 현 Hyun are surnames too), which is written after the surname or before it, never split.
  const hyphenated =
    named.length === 3 &&
    groups[namedAt[1] ?? -1] === groups[namedAt[2] ?? -1] &&
    groups[namedAt[0] ?? -1] !== groups[namedAt[1] ?? -1];
  // …or when three words apart begin and end with Korean surnames, the last no Chinese one, and
  // the first the commoner (Kim Ji Hyun, Lee Seo Yoon: 현 Hyeon and 윤 Yun are surnames too;
  // Min Jun Park and Yi Chun Huang stay in Western order): Korean given names are written
  // spaced as often as hyphenated.
  const lastRank = koreanSurnameRank(last);
  const korean =
    named.length === 3 &&
    new Set(namedAt.map((i) => groups[i])).size === 3 &&
    lastRank < Number.POSITIVE_INFINITY &&
    !(last.e ?? []).some((c) => c.startsWith('zh:')) &&
    koreanSurnameRank(first) < lastRank;
  if (isCjkSurname(last) && !hyphenated && !korean) {
    const v = first.v[0] ?? '';
    if (!isHokkienSpelling(last.v[0] ?? '') || isHokkienSpelling(v) || isCantoneseSpelling(v)) return;
    // …and not a Korean surname (Min-ji Kim: Kim is 金 in Hokkien, but here a family name).
    if ((last.e ?? []).some((c) => c.startsWith('ko:'))) return;
  }
  // The rest must read as CJK syllables: Ma Teresa Santos is not Chinese.
  if (!named.slice(1).every((t) => t.c === undefined && CJK_SYLLABLES.test(t.v[0] ?? ''))) return;
  first.r = 'f';
  for (const t of named.slice(1)) t.r = 'g';
}

/** The rank of a Latin token's Korean surname in the table, commonest first; Infinity for none. */
const KOREAN_SURNAME_RANK = new Map<string, number>(
  KOREAN_SURNAMES.map((line, i) => [`ko:${line.split(/[\s|]+/)[0] ?? ''}`, i] as const),
);
function koreanSurnameRank(t: PreparedToken): number {
  let rank = Number.POSITIVE_INFINITY;
  for (const c of t.e ?? []) rank = Math.min(rank, KOREAN_SURNAME_RANK.get(c) ?? rank);
  return rank;
}

/**
 * A Korean given name written as one word after a Korean surname (Kim Jihoon) as the two
 * syllables a hyphen or a space would show (Kim Ji-hoon, Kim Ji Hoon), so that all three forms
 * are compared syllable by syllable alike; only where one place splits it (`splitKoreanGivenName`).
 */
function splitKoreanGiven(tokens: PreparedToken[], japanese: boolean): PreparedToken[] {
  const named = tokens.filter((t) => t.r !== 'x');
  const family = named[0];
  if (family?.r !== 'f' || !(family.e ?? []).some((c) => c.startsWith('ko:'))) return tokens;
  if (named.length !== 2) return tokens;
  const out: PreparedToken[] = [];
  for (const t of tokens) {
    const parts =
      t === named[1] && t.r === 'g' && t.c === undefined ? splitKoreanGivenName(t.v[0] ?? '') : null;
    const prepared = parts?.map((part) =>
      prepareToken(
        {
          text: part[0]?.toUpperCase() + part.slice(1),
          script: 'latn',
          role: 'g',
          core: part,
          initial: false,
        },
        japanese,
      ),
    );
    if (!prepared || prepared.some((x) => !x)) out.push(t);
    else for (const x of prepared as PreparedToken[]) out.push({ ...x, r: 'g' });
  }
  return out;
}

/** A Chinese or Korean name: one in Han or Hangul script, or with a surname the tables know. */
function isCjkName(tokens: readonly PreparedToken[]): boolean {
  for (const t of tokens) {
    if (t.c === 'hani' || t.c === 'hang') return true;
    if (t.r === 'x') continue;
    if ((t.e ?? t.k ?? []).some(isCjkClass)) return true;
  }
  return false;
}

/**
 * A Latin name after European particles also in the form with them written in (van der Berg:
 * Berg, also Vanderberg), as the last of its variants: one side of a comparison may have
 * lost the spaces.
 */
function glueParticles(tokens: PreparedToken[]): void {
  let prefix = '';
  for (const t of tokens) {
    if (t.r === 'x') {
      const v = t.v[0] ?? '';
      prefix = EUROPEAN_PARTICLES.has(v) ? prefix + v : '';
      continue;
    }
    if (prefix && t.c === undefined && t.i !== 1 && t.v.length < MAX_VARIANTS) {
      const glued = prefix + (t.v[0] ?? '');
      t.v = [...t.v, glued];
      t.f = uniq([...t.f, fold(glued)], MAX_FOLDS + 1);
      t.a = uniq([...t.a, approx(glued)], MAX_APPROX + 1);
    }
    prefix = '';
  }
}

function prepareName(
  input: { full: string; given?: string; family?: string },
  query = false,
): PreparedName | null {
  const parsed = parseName(input);
  const japanese = parsed.some(
    (p) => p.script === 'hani' && p.role === 'f' && classesOfNative(p.core).some((c) => c.startsWith('ja:')),
  );
  const armenian = parsed.some(
    (p) => p.script === 'latn' && p.role !== 'f' && marksArmenianName(stripDiacritics(caseFold(p.core))),
  );
  const words = parsed.filter((p) => p.role !== 'x');
  // Kunrei only where a word is a Japanese surname or given name of the tables, read either
  // way (Huzimoto, Tanaka, Tuyosi): open syllables alone are also Italian, Swahili or Polynesian names (Tiziana Rossi,
  // Atieno Omondi), which a Hepburn reading only burdens.
  const kunrei =
    words.length >= 2 &&
    words.every((p) => p.script === 'latn' && JAPANESE_SYLLABLES.test(stripDiacritics(caseFold(p.core)))) &&
    words.some((p) => {
      const w = stripDiacritics(caseFold(p.core));
      return [w, kunreiReading(w)].some(
        (v) => v !== null && classesOfSpelling(v).some((c) => c.startsWith('ja:') || c.startsWith('jg:')),
      );
    });
  const turkic = parsed.some((p) => p.script === 'latn' && TURKIC_LETTERS.test(p.text));
  let tokens: PreparedToken[] = [];
  const groups: number[] = [];
  for (const p of parsed) {
    const t = prepareToken(p, japanese, armenian, kunrei, turkic);
    if (!t) continue;
    groups.push(p.group ?? 0);
    // A typo in a query for a name the tables know loses its class, and with it the keys the
    // name is filed under: a table spelling one edit away gives them back (keys only).
    if (query && t.e === undefined && t.r !== 'x' && t.c === undefined) {
      const near = classesNear(t.v[0] ?? '');
      if (near.length > 0) t.k = [...near];
    }
    tokens.push(t);
  }
  glueParticles(tokens);
  // In a Chinese or Korean name the given names' syllables get the CJK code first (the tables
  // know the surnames).
  if (tokens.length > 1 && isCjkName(tokens)) {
    surnameFirst(tokens, groups);
    tokens = splitKoreanGiven(tokens, japanese);
    for (const t of tokens) {
      if (t.r === 'x' || (t.r === 'f' && t.e !== undefined)) continue;
      // A Latin syllable in a spelling of a Hokkien reading also has the reading's other
      // spellings (Giok: Geok; Tek: Teck), before the rest, so that its codes meet theirs.
      const same = t.c === undefined && t.r !== 'f' ? hokkienSameSpellings(t.v[0] ?? '') : [];
      if (same.length > 0) {
        t.v = uniq([t.v[0] ?? '', ...same, ...t.v.slice(1)], MAX_VARIANTS);
        t.f = uniq(t.v.map(fold), MAX_FOLDS);
      }
      // Characters have their readings' CJK codes only (pinyin, Wade–Giles, Hokkien, Cantonese).
      t.a =
        t.c === 'hani'
          ? uniq(t.v.slice(0, 4).map(cjkApprox), MAX_HANZI_APPROX)
          : uniq([...t.v.slice(0, 2).map(cjkApprox), ...t.a], MAX_APPROX);
    }
  }
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

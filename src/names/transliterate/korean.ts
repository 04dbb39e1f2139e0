/**
 * Korean Hangul. Syllables are decomposed arithmetically (Unicode's Hangul block is a
 * product of initial × medial × final jamo) and written in the Revised Romanisation (2000);
 * we also produce the McCune–Reischauer-like forms still found in passports (Jisung /
 * Chisung, Eunji / Unji, Seok / Suk). Surname forms (Lee/Yi/Rhee, Park/Pak/Bak) are data, in
 * the equivalence tables.
 */
const INITIALS_RR = [
  'g',
  'kk',
  'n',
  'd',
  'tt',
  'r',
  'm',
  'b',
  'pp',
  's',
  'ss',
  '',
  'j',
  'jj',
  'ch',
  'k',
  't',
  'p',
  'h',
];
const INITIALS_MR = [
  'k',
  'kk',
  'n',
  't',
  'tt',
  'r',
  'm',
  'p',
  'pp',
  's',
  'ss',
  '',
  'ch',
  'tch',
  'ch',
  'k',
  't',
  'p',
  'h',
];
const MEDIALS_RR = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
// Passport habits: eo → u/o, eu → u, u → oo, ui → ee/ui.
const MEDIALS_PASSPORT = [
  'a',
  'ae',
  'ya',
  'yae',
  'u',
  'e',
  'yu',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'oo',
  'wo',
  'we',
  'wi',
  'yu',
  'u',
  'ui',
  'i',
];
const FINALS_RR = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

export function isHangulSyllable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0xac00 && c <= 0xd7a3;
}

function decompose(ch: string): [number, number, number] | null {
  const c = (ch.codePointAt(0) ?? 0) - 0xac00;
  if (c < 0 || c > 11171) return null;
  return [Math.floor(c / 588), Math.floor((c % 588) / 28), c % 28];
}

type Table = { ini: string[]; med: string[] };
function romanise(token: string, t: Table, voicedAfterFirst: boolean): string {
  let r = '';
  let first = true;
  for (const ch of token) {
    const d = decompose(ch);
    if (!d) continue;
    let ini = t.ini[d[0]] ?? '';
    // Per-syllable passport spellings keep the RR initial after the first syllable.
    if (!first && voicedAfterFirst) ini = INITIALS_RR[d[0]] ?? '';
    r += ini + (t.med[d[1]] ?? '') + (FINALS_RR[d[2]] ?? '');
    first = false;
  }
  return r;
}

/** Hangul token → RR and common passport romanisations (lowercase ASCII). */
export function romaniseHangul(token: string): string[] {
  const out = new Set<string>();
  const rr = romanise(token, { ini: INITIALS_RR, med: MEDIALS_RR }, false);
  if (rr) out.add(rr);
  const passport = romanise(token, { ini: INITIALS_RR, med: MEDIALS_PASSPORT }, false);
  if (passport) out.add(passport);
  const mr = romanise(token, { ini: INITIALS_MR, med: MEDIALS_PASSPORT }, true);
  if (mr) out.add(mr);
  return [...out];
}

/** Split an unspaced Hangul name into surname and given name (박지성 → 박, 지성). */
const COMPOUND = new Set(['남궁', '황보', '제갈', '선우', '독고', '사공', '서문']);
export function splitHangulName(name: string): string[] {
  const chars = [...name];
  if (chars.length < 2 || chars.length > 5) return [name];
  const two = chars.slice(0, 2).join('');
  const k = COMPOUND.has(two) && chars.length > 3 ? 2 : 1;
  return [chars.slice(0, k).join(''), chars.slice(k).join('')];
}

/**
 * Latin spellings of one Korean syllable, as the Revised Romanisation, McCune–Reischauer
 * without its marks and passports write them: each initial, vowel and final consonant with
 * its usual spellings (ㅓ eo, o, u; ㅕ yeo, yo, yu, you; ㅜ u, oo; ㅠ yu, yoo; ㅡ eu, u…).
 * Used to tell two syllables of a Korean given name apart where the letters cannot: Hoon (훈)
 * and Hyun (현), Yeon (연) and Yoon (윤) have the same consonants and no vowel in common.
 */
const SYLLABLE_INITIALS: readonly (readonly string[])[] = [
  ['g', 'k'],
  ['kk', 'gg'],
  ['n'],
  ['d', 't'],
  ['tt', 'dd'],
  ['r', 'l'],
  ['m'],
  ['b', 'p'],
  ['pp', 'bb'],
  ['s', 'sh'],
  ['ss', 's'],
  [''],
  ['j', 'ch'],
  ['jj', 'tch'],
  ['ch'],
  ['k'],
  ['t'],
  ['p'],
  ['h'],
];
const SYLLABLE_VOWELS: readonly (readonly string[])[] = [
  ['a', 'ah'],
  ['ae', 'ai'],
  ['ya'],
  ['yae'],
  ['eo', 'o', 'u', 'uh'],
  ['e'],
  ['yeo', 'yo', 'yu', 'you'],
  ['ye'],
  ['o', 'oh'],
  ['wa'],
  ['wae'],
  ['oe', 'oi', 'we'],
  ['yo'],
  ['u', 'oo', 'woo'],
  ['wo', 'weo'],
  ['we'],
  ['wi', 'wee'],
  ['yu', 'yoo'],
  ['eu', 'u'],
  ['ui', 'eui', 'i', 'ee'],
  ['i', 'ee'],
];
/** Final consonants by sound (k, n, l, m, p, ng, t). */
const SYLLABLE_FINALS: readonly (readonly string[])[] = [
  [''],
  ['k', 'g'],
  ['n'],
  ['l', 'r'],
  ['m'],
  ['p', 'b'],
  ['ng'],
  ['t'],
];

/** Spelling → its readings, each initial × 256 + vowel × 8 + final. Built on first use. */
let syllableReadings: Map<string, number[]> | undefined;

function readingsOf(spelling: string): readonly number[] | undefined {
  if (!syllableReadings) {
    const map = new Map<string, number[]>();
    for (const [i, inis] of SYLLABLE_INITIALS.entries())
      for (const [v, vowels] of SYLLABLE_VOWELS.entries())
        for (const [f, finals] of SYLLABLE_FINALS.entries())
          for (const ini of inis)
            for (const vowel of vowels)
              for (const fin of finals) {
                const key = ini + vowel + fin;
                const code = i * 256 + v * 8 + f;
                const list = map.get(key);
                if (!list) map.set(key, [code]);
                else if (!list.includes(code)) list.push(code);
              }
    syllableReadings = map;
  }
  return syllableReadings.get(spelling);
}

/** Letters only a Korean romanisation writes in a syllable (eo, eu, oo, ae, a consonant before y). */
const KOREAN_ONLY = /eo|eu|oo|ae|[bcdghjklmnprst]y/;

/**
 * Two Latin syllables of a Korean given name (one of them spelt as only Korean romanisation
 * spells: Hoon, Seo, Hyun, Yeon) compared as Korean syllables: 'same' when one syllable can
 * be written both ways (Hyun / Hyeon: 현; Seo / So: 서), 'other' when they have the same
 * consonants and no vowel in common (Hoon 훈 / Hyun 현, Yeon 연 / Yoon 윤), else undefined.
 */
export function koreanSyllables(x: string, y: string): 'same' | 'other' | undefined {
  if (x === y || !(KOREAN_ONLY.test(x) || KOREAN_ONLY.test(y))) return undefined;
  const rx = readingsOf(x);
  const ry = readingsOf(y);
  if (!rx || !ry) return undefined;
  let frame = false;
  for (const a of rx)
    for (const b of ry) {
      if (a === b) return 'same';
      if (a >> 8 === b >> 8 && (a & 7) === (b & 7)) frame = true;
    }
  return frame ? 'other' : undefined;
}

/**
 * A Korean given name written as one word (Jihoon, Seoyeon: the passport form) as its two
 * syllables, when only one place splits it into two Korean syllables (Ji Hoon, Seo Yeon); null
 * when none does or more than one (Jongun: Jong Un or Jon Gun; Yuna: Yu Na or Yun A).
 */
export function splitKoreanGivenName(v: string): [string, string] | null {
  let found: [string, string] | null = null;
  for (let i = 1; i < v.length; i++) {
    const x = v.slice(0, i);
    const y = v.slice(i);
    if (!readingsOf(x) || !readingsOf(y)) continue;
    if (found) return null;
    found = [x, y];
  }
  return found;
}

/**
 * Phonetic codes. Double Metaphone is good for English-like spellings but splits the
 * romanisation families apart (Shcherbakov XRPK, Schtscherbakow STSK), so we add our own
 * "fold": Beider–Morse-style rewrite rules that bring the spellings different romanisation
 * traditions give the same sound to one form, and a consonant "skeleton" for matching
 * unvowelled scripts (Arabic, Persian, Hebrew) against vowelled romanisations.
 */
import { doubleMetaphone } from 'double-metaphone';

// Longest first: the alternation takes the first that matches at each position.
const FOLD_RULES: [string, string][] = [
  // Щ: shch (BGN), schtsch (German), chtch (French), šč/sc (ISO 9 stripped), shtch.
  ['schtsch', 'S'],
  ['shtsch', 'S'],
  ['chtch', 'S'],
  ['shtch', 'S'],
  ['shch', 'S'],
  ['sce', 'Se'],
  ['sci', 'Si'],
  ['sch', 'S'],
  ['sh', 'S'],
  // Ч: ch, tsch (German), tch (French), cz (Polish), č.
  ['tsch', 'C'],
  ['tch', 'C'],
  ['tsh', 'C'],
  ['cz', 'C'],
  ['ch', 'C'],
  // Ж: zh, ž, French j handled below with j.
  ['zh', 'Z'],
  ['dzh', 'J'],
  ['dj', 'J'],
  ['kh', 'H'],
  ['ph', 'F'],
  ['th', 'T'],
  ['dh', 'D'],
  ['gh', 'G'],
  ['ck', 'K'],
  // Spanish/French/Italian soft and hard c, g before front vowels.
  ['gue', 'Ge'],
  ['gui', 'Gi'],
  ['qu', 'K'],
  ['ce', 'Se'],
  ['ci', 'Si'],
  ['cy', 'Si'],
  // Ц: ts (BGN), z/tz (German), c (ISO).
  ['ts', 'Z'],
  ['tz', 'Z'],
  ['ou', 'U'],
  ['oo', 'U'],
  ['ue', 'U'],
  ['oe', 'O'],
  ['ae', 'A'],
  ['aa', 'A'],
  ['ee', 'I'],
  ['ie', 'I'],
  ['ey', 'eI'],
  ['c', 'K'],
  ['q', 'K'],
  ['x', 'KS'],
  ['w', 'V'],
  ['y', 'I'],
  ['j', 'I'],
  ['z', 'Z'],
];
const FOLD_MAP = new Map(FOLD_RULES);
const FOLD_RE = new RegExp(FOLD_RULES.map(([p]) => p).join('|'), 'g');

/**
 * The approximate phonetic form of a lowercase ASCII token; equal folds mean "the same name
 * spelt by another romanisation tradition" (Schtscherbakow, Shcherbakov, Chtcherbakov → Serbakov).
 */
export function fold(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  s = s.replace(FOLD_RE, (m) => FOLD_MAP.get(m) ?? m).toLowerCase();
  // Doubled letters carry no information across romanisations (Youssef, Yusef).
  s = s.replace(/(.)\1+/g, '$1');
  // A final h after a vowel is silent in most traditions (Fatimah, Abdullah).
  if (s.length > 3) s = s.replace(/([aeiou])h$/, '$1');
  // French and Maghreb spellings add a silent final e (Abderrahmane, Karime).
  if (s.length > 4) s = s.replace(/([^aeiou])e$/, '$1');
  return s;
}

// Classes for the skeleton: consonants that romanisations of Semitic scripts confuse.
const SKELETON_RULES: [string, string][] = [
  ['sch', 'S'],
  ['sh', 'S'],
  ['ch', 'S'],
  ['kh', 'K'],
  ['gh', 'G'],
  ['th', 'T'],
  ['dh', 'D'],
  ['ph', 'B'],
  ['dj', 'G'],
  ['dzh', 'G'],
  ['zh', 'Z'],
  ['ts', 'S'],
  ['tz', 'S'],
  ['ck', 'K'],
  ['ce', 'S'],
  ['ci', 'S'],
  ['c', 'K'],
  ['q', 'K'],
  ['k', 'K'],
  ['x', 'KS'],
  ['j', 'G'],
  ['g', 'G'],
  ['p', 'B'],
  ['f', 'B'],
  ['v', 'B'],
  ['b', 'B'],
  ['s', 'S'],
  ['z', 'Z'],
  ['t', 'T'],
  ['d', 'D'],
];
const SKELETON_MAP = new Map(SKELETON_RULES);
const SKELETON_RE = new RegExp(SKELETON_RULES.map(([p]) => p).join('|'), 'g');

/**
 * Consonant skeleton of a lowercase ASCII token: vowels, w, y and apostrophes (ʿayn) dropped,
 * confusable consonants merged, doubles collapsed. Mohammed, Muhammad, Mohamed → MHMD.
 */
export function latinSkeleton(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  // A final h after a vowel stands for ta marbuta or is silent.
  s = s.replace(/([aeiou])h$/, '$1');
  s = s.replace(SKELETON_RE, (m) => SKELETON_MAP.get(m) ?? m);
  s = s.replace(/[aeiouwy]/g, '').toUpperCase();
  return s.replace(/(.)\1+/g, '$1');
}

/** Double Metaphone primary code of an ASCII token ('' when it has none). */
export function metaphone(ascii: string): string {
  if (ascii.length === 0) return '';
  try {
    return doubleMetaphone(ascii)[0] ?? '';
  } catch {
    return '';
  }
}

// --- approximate code: one form for a name however it was romanised ---------------------------

// Multi-letter spellings to one class letter, longest first. Upper case marks a consonant class
// already decided; lower case letters (vowels, glides) are decided after. S: every sibilant and
// affricate (ш щ ж з с ц ч: sh, shch, zh, z, s, ts, ch, tch, tsch, cz, ş, ç); H: х, г and h
// (kh, h, g, gh: Ukrainian h is Russian g, German ch is kh); J: дж/ج (j, dzh, dj, dsch).
const APPROX_RULES: [string, string][] = [
  ['schtsch', 'S'],
  ['shtsch', 'S'],
  ['chtch', 'S'],
  ['shtch', 'S'],
  ['shch', 'S'],
  ['dsch', 'J'],
  ['dzh', 'J'],
  ['tsch', 'S'],
  ['tch', 'S'],
  ['tsh', 'S'],
  ['sch', 'S'],
  ['ch', '?'], // by tradition and position, below
  ['sh', 'S'],
  ['zh', 'S'],
  ['dj', 'J'],
  ['dz', 'J'],
  ['cz', 'S'],
  ['sz', 'S'],
  ['ts', 'S'],
  ['tz', 'S'],
  ['kh', 'H'],
  ['gh', 'H'],
  ['ph', 'F'],
  ['th', 'T'],
  ['dh', 'D'],
  ['ck', 'K'],
  ['qu', 'K'],
  ['gue', 'He'],
  ['gui', 'Hi'],
  ['ce', 'Se'],
  ['ci', 'Si'],
  ['cy', 'Si'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['ue', 'u'],
  ['oe', 'o'],
  ['ee', 'i'],
  ['j', '!'], // by tradition and position, below
  ['c', 'K'],
  ['q', 'K'],
  ['k', 'K'],
  ['x', 'KS'],
  ['s', 'S'],
  ['z', 'S'],
  ['w', 'V'],
  ['v', 'V'],
  ['f', 'F'],
  ['h', 'H'],
  ['g', 'H'],
  ['d', 'D'],
  ['t', 'T'],
  ['b', 'B'],
  ['p', 'P'],
  ['l', 'L'],
  ['m', 'M'],
  ['n', 'N'],
  ['r', 'R'],
];
const APPROX_MAP = new Map(APPROX_RULES);
const APPROX_RE = new RegExp(APPROX_RULES.map(([p]) => p).join('|'), 'g');
const isVowel = (c: string | undefined) => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
const isConsonant = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';

/**
 * An approximate phonetic code, coarser than `fold`, meant to be the same for the spellings the
 * romanisation traditions give one name: Fyodorov / Fedorov / Fjodorow / Fiodorov, Solovyov /
 * Solowjow / Soloviev / Solovev, Tchernychev / Tschernyschow / Chernyshev, Zaytsev / Saizew /
 * Zajcev, Khrushchev / Chruschtschow / Khrouchtchev, Natalya / Natalia, Smirnoff / Smirnov,
 * Bohdan / Bogdan. Rules, each for a family of ambiguities rather than a name:
 * - sibilants and affricates are one class (German s = з and z = ц, ISO c = ц, French j = ж,
 *   French ch = ш, English ch = ч), х/г/h another (kh, h, g, gh; German ch before a consonant
 *   or in a German-looking token), дж a third (j, dj, dzh, dsch);
 * - j is a glide before a consonant, at the end, and in German-looking tokens (sch, w, tz); y is
 *   always one; a glide after a consonant before a vowel vanishes (ья: ya/ia/ja → a), as does a
 *   glide before e at the start or after a vowel (Yelena, Andreyev); a glide + o between
 *   consonants is ё, written e just as often (Fyodorov, Pyotr, Semyon, Artyom);
 * - final -ov/-ev/-ow/-ew/-off/-eff (and -ova, -eva) keep only the v;
 * - vowels o/u and e/i are merged (Omar/Umar, Khalid/Khaled, Jung/Jong); doubled letters, a final
 *   h after a vowel and a final e after a consonant are dropped.
 * Equal codes are evidence of one name, weaker than equal folds.
 */
export function approx(ascii: string): string {
  let s = ascii.replace(/[^a-z]/g, '');
  if (s.length === 0) return '';
  const german = /sch|w|tz/.test(s);
  const french = !german && /tch|ou/.test(s);
  s = s.replace(APPROX_RE, (m, at: number) => {
    const next = s[at + m.length];
    if (m === 'ch') {
      if (german || (next !== undefined && !isVowel(next) && next !== 'y')) return 'H';
      return 'S';
    }
    if (m === 'j') {
      if (french && isVowel(next)) return 'S';
      if (german || next === undefined || !(isVowel(next) || next === 'y')) return 'i';
      return 'J';
    }
    return APPROX_MAP.get(m) ?? m;
  });
  s = s.replace(/y/g, 'i');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const prev = out[out.length - 1];
    const next = s[i + 1];
    if (c === 'i' && isVowel(next)) {
      // ё after a consonant, before a consonant: Fyodor, Pyotr, Semyon.
      if (next === 'o' && isConsonant(prev) && isConsonant(s[i + 2])) {
        out += 'e';
        i++;
        continue;
      }
      // A glide after a consonant (ья, ia, ja), or before e at the start or after a vowel.
      if (isConsonant(prev) || (next === 'e' && (prev === undefined || isVowel(prev)))) continue;
    }
    out += c;
  }
  s = out;
  // -ov/-ev/-off/-ow (w is V by now) and the feminine -ova/-eva: the v is the ending.
  s = s.replace(/^(.{3,}?)[eo](?:V|FF)(a?)$/, '$1V$2');
  if (s.length > 4) s = s.replace(/([A-Z])e$/, '$1');
  s = s.replace(/o/g, 'u').replace(/e/g, 'i');
  s = s.replace(/(.)\1+/g, '$1');
  if (s.length > 3) s = s.replace(/([aiu])H$/, '$1');
  return s.toLowerCase();
}

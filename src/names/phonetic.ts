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

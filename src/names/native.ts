/**
 * Native forms: where the characters a name is written in tell names apart that Latin letters
 * merge. 张 (Zhang) and 章 (Zhang), 王 (Wang) and 汪 (Wang) are other families; 지현 (Ji-hyun)
 * and 지훈 (Ji-hoon), 서연 and 서윤 other given names; Hùng and Hưng, Thủy and Thúy other
 * Vietnamese names. Written on both sides in these characters, the names are the same only
 * if the characters are.
 */
import * as OpenCC from 'opencc-js';
import type { ParsedToken } from './parse.ts';

// Traditional (Taiwan, Hong Kong) and Japanese forms to simplified: 張 and 张, 澤, 沢 and 泽
// are one character.
const toTraditional = OpenCC.Converter({ from: 'jp', to: 't' });
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const VOWELS = 21;
const FINALS = 28;
const RIEUL = 5;
const NIEUN = 2;
const IEUNG = 11;
/** ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: before them an initial ㄹ or ㄴ is not said at the start of a word. */
const Y_VOWELS = new Set([2, 6, 7, 12, 17, 20]);

/**
 * A Hangul word as South Korea writes it (the initial-sound law, 두음법칙): North Korea's and
 * older spellings of the first syllable — 리 for 이 (Lee), 류 for 유, 림 for 임, 로 for 노 —
 * are the same name.
 */
export function southKoreanSpelling(word: string): string {
  const code = word.codePointAt(0) ?? 0;
  if (code < HANGUL_FIRST || code > HANGUL_LAST) return word;
  const index = code - HANGUL_FIRST;
  const initial = Math.floor(index / (VOWELS * FINALS));
  const vowel = Math.floor((index % (VOWELS * FINALS)) / FINALS);
  const final = index % FINALS;
  let next = initial;
  if (initial === RIEUL) next = Y_VOWELS.has(vowel) ? IEUNG : NIEUN;
  else if (initial === NIEUN && Y_VOWELS.has(vowel)) next = IEUNG;
  if (next === initial) return word;
  const first = String.fromCodePoint(HANGUL_FIRST + (next * VOWELS + vowel) * FINALS + final);
  return first + word.slice(1);
}

const MARKS = /\p{M}/u;

/** The token's native form, or undefined where the script does not tell names apart better. */
export function nativeForm(p: ParsedToken): string | undefined {
  const text = p.text.replace(/[\s·・-]/g, '');
  if (text === '') return undefined;
  if (p.script === 'hani') return toSimplified(toTraditional(text));
  if (p.script === 'hang') return southKoreanSpelling(text);
  // A Vietnamese given name written with its marks (a family name's marks are more often
  // mistyped than another family: Nguyễn, Nguyen, Nguyến are one family).
  if (p.syllable && p.role !== 'f' && p.role !== 'x') {
    const lower = text.normalize('NFD').toLowerCase();
    if (MARKS.test(lower) || lower.includes('đ')) return lower.normalize('NFC');
  }
  return undefined;
}

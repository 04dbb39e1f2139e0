/**
 * Input hygiene and Latin normalisation. Everything here is total: any string in, a bounded
 * string out, never an exception, because names arrive from forms, imports and machines.
 */
import anyAscii from 'any-ascii';
import { CYRILLIC_LOOKALIKES, GREEK_LOOKALIKES } from './lookalikes.ts';

/** Longest name string we look at; past this nothing a person types is lost, only abuse. */
export const MAX_NAME_CHARS = 256;

// Controls and format characters (bidi marks and isolates, zero-width characters, tags,
// BOM, soft hyphen) and variation selectors.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Variation_Selector}]/gu;
// Emoji, pictographs and symbols carry no name information; treat them as separators.
const SYMBOLS = /[\p{Extended_Pictographic}\p{So}\p{Sk}\p{Sm}\p{Sc}]|\p{Me}/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const COMBINING = /\p{M}/gu;

// Latin letters that look like Cyrillic ones: the look-alikes (lookalikes.ts) read back.
const LATIN_TO_CYRILLIC: Record<string, string> = Object.fromEntries(
  Object.entries(CYRILLIC_LOOKALIKES).map(([cyrillic, latin]) => [latin, cyrillic]),
);
const LATIN_LETTER = /\p{Script=Latin}/u;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const GREEK_LETTER = /\p{Script=Greek}/u;
const MIXED_WORD = /\S+/gu;

/**
 * A word written in Latin and Cyrillic (or Greek) letters at once, in its majority script:
 * the other script's look-alikes become this one's (Ivаn → Ivan, Иvан → Иван). Letters with no
 * look-alike stay, for transliteration to read.
 */
function unmixWord(word: string): string {
  let latin = 0;
  let cyrillic = 0;
  let greek = 0;
  for (const ch of word) {
    if (LATIN_LETTER.test(ch)) latin++;
    else if (CYRILLIC_LETTER.test(ch)) cyrillic++;
    else if (GREEK_LETTER.test(ch)) greek++;
  }
  if (latin === 0 || cyrillic + greek === 0) return word;
  if (latin >= cyrillic + greek)
    return [...word]
      .map(
        (ch) =>
          CYRILLIC_LOOKALIKES[ch] ??
          GREEK_LOOKALIKES[ch] ??
          (CYRILLIC_LETTER.test(ch) || GREEK_LETTER.test(ch) ? anyAscii(ch) : ch),
      )
      .join('');
  if (cyrillic >= greek) return [...word].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  return word;
}

/**
 * Bounded, clean NFKC text: invisible characters removed, symbols and emoji to spaces,
 * whitespace collapsed, words mixing Latin with Cyrillic or Greek look-alikes written in one
 * script. Idempotent.
 */
export function cleanText(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  // Cut before the expensive steps so a 100k-character input costs as much as a short one.
  let s = input.length > MAX_NAME_CHARS * 4 ? input.slice(0, MAX_NAME_CHARS * 4) : input;
  s = s.replace(LONE_SURROGATE, ' ').replace(INVISIBLE, '');
  s = s.normalize('NFKC');
  s = s.replace(SYMBOLS, ' ').replace(/\s+/gu, ' ').trim();
  s = s.replace(MIXED_WORD, unmixWord);
  if (s.length > MAX_NAME_CHARS) {
    s = s.slice(0, MAX_NAME_CHARS);
    // A cut may split a surrogate pair or leave a trailing space.
    s = s.replace(LONE_SURROGATE, '').trim();
  }
  return s;
}

/**
 * Case folding that knows Turkish: dotted capital İ and dotless ı both fold to plain i,
 * because officers outside Turkey cannot type the difference.
 */
export function caseFold(s: string): string {
  return s
    .replace(/[İI]\u0307?/g, 'i')
    .replace(/ı/g, 'i')
    .toLowerCase();
}

// Letters that NFD does not decompose, and ligatures that NFKC leaves alone.
const SPECIAL_LATIN: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ŋ: 'ng',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ſ: 's',
  ĸ: 'k',
  // Azerbaijani schwa: a in the spellings that came through Russian (Əliyev Aliyev, Məmmədov Mammadov).
  ə: 'a',
  ʻ: '',
  ʼ: '',
  ʿ: '',
  ʾ: '',
  '’': '',
  "'": '',
  '`': '',
  '´': '',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL_LATIN).join('')}]`, 'g');

/** Lowercase ASCII-ish Latin with diacritics removed: Müller → muller, Øre → ore. */
export function stripDiacritics(s: string): string {
  return caseFold(s)
    .replace(SPECIAL_RE, (c) => SPECIAL_LATIN[c] ?? '')
    .normalize('NFD')
    .replace(COMBINING, '')
    .normalize('NFC');
}

// Letters whose conventional ASCII spelling is a digraph: German and Nordic vowels (Müller /
// Mueller), Turkish, Azerbaijani, Romanian and Albanian ç ş ș ț (Çelik / Chelik, Şahin / Shahin),
// Czech, Slovak, Croatian, Baltic and scholarly Cyrillic č š ž (Šimek / Shimek, Ščerbakov),
// Spanish ñ (Muñoz / Munyoz), Serbian and Croatian đ ć (Đorđe / Djordje, Petrović / Petrovich).
const EXPANSIONS: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ø: 'oe',
  å: 'aa',
  æ: 'ae',
  ç: 'ch',
  ş: 'sh',
  ș: 'sh',
  ţ: 'ts',
  ț: 'ts',
  č: 'ch',
  š: 'sh',
  ž: 'zh',
  ñ: 'ny',
  // Serbian and Croatian: Đorđe / Djordje, Petrović / Petrovich.
  đ: 'dj',
  ć: 'ch',
  // And e in the Turkish-style ones (Rəsul Resul).
  ə: 'e',
};
const EXPANDABLE = new RegExp(`[${Object.keys(EXPANSIONS).join('')}]`, 'g');

/**
 * The ASCII spellings of a Latin token an officer may type: Müller → [muller, mueller],
 * Søren → [soren, soeren], Ångström → [angstrom, aangstroem], Çelik → [celik, chelik]. First
 * is the stripped form.
 */
export function latinVariants(token: string): string[] {
  const lower = caseFold(token).normalize('NFC');
  const plain = stripDiacritics(lower);
  // Albanian xh is the j of English (Hoxha: Hodja, Hodža).
  const albanian = plain.includes('xh') ? [plain.replace(/xh/g, 'j')] : [];
  EXPANDABLE.lastIndex = 0;
  if (!EXPANDABLE.test(lower)) return [plain, ...albanian];
  const expanded = stripDiacritics(lower.replace(EXPANDABLE, (c) => EXPANSIONS[c] ?? c));
  return expanded === plain ? [plain, ...albanian] : [plain, expanded, ...albanian];
}

/** Only a–z: what keys and folds are computed on. */
export function asciiLetters(s: string): string {
  return s.replace(/[^a-z]/g, '');
}

/**
 * Script detection and dispatch: every token becomes a set of lowercase ASCII spellings.
 * Scripts without a dedicated module go through any-ascii, which covers all of Unicode.
 */
import anyAscii from 'any-ascii';
import { ARMENIAN_NAME_STEMS, SHARED_GIVEN_NAMES } from '../equivalences/armenian.ts';
import { latinVariants } from '../normalise.ts';
import { arabicSkeleton, consonantVReadings, normaliseArabic, romaniseArabic } from './arabic.ts';
import { cantoneseReading, hanziSyllables, hokkienReadings, pinyinToWadeGiles } from './chinese.ts';
import { romaniseCyrillic } from './cyrillic.ts';
import { indicToDevanagari, romaniseDevanagari, romaniseSinhala } from './devanagari.ts';
import { romaniseGreek } from './greek.ts';
import { hebrewSkeletons, normaliseHebrew, romaniseHebrew } from './hebrew.ts';
import { romaniseKana } from './japanese.ts';
import { isKhmer, romaniseKhmer } from './khmer.ts';
import { romaniseHangul } from './korean.ts';
import { romaniseThai } from './thai.ts';

const ARMENIAN = /\p{Script=Armenian}/u;
/** The stops and affricates Western Armenian reads the other way from Eastern. */
const WESTERN_ARMENIAN: Record<string, string> = Object.fromEntries(
  ['ՊԲ', 'ՏԴ', 'ԿԳ', 'ՃՋ', 'ԾՁ', 'պբ', 'տդ', 'կգ', 'ճջ', 'ծձ'].flatMap(([a, b]) => [
    [a as string, b as string],
    [b as string, a as string],
  ]),
);

/** A stem compared with the table of Armenian name stems: ou as u, y as i, a doubled letter once. */
const armenianStemKey = (stem: string) =>
  stem
    .replace(/ou/g, 'u')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
const ARMENIAN_STEMS = new Set(ARMENIAN_NAME_STEMS.map(armenianStemKey));

/**
 * An Armenian family name in Latin letters (-yan, -ian) as the other branch of the language
 * would spell it: Western voices the stops Eastern devoices and the other way round (Karapetyan,
 * Garabedian; Petrosyan, Bedrosian). The aspirated stops, which both read alike (Քոչարյան
 * Kocharyan), cannot be told from the others in Latin letters and are swapped too: the reading
 * is a second one, beside the name as written. Only for a name whose stem, as written or read
 * the other way, is an Armenian given name of the table (`equivalences/armenian.ts`): -ian
 * ends Persian (Bagherian) and Irish (Killian) names too, which the swap would make another
 * family's (Pakerian, Gillian). Null for other words.
 */
export function westernArmenianReading(v: string, armenianGiven = false): string | null {
  if (v.length < 7 || !/(?:y|i)an$/.test(v)) return null;
  const out = swapArmenianStops(v);
  if (out === v) return null;
  // Beside an Armenian given name, any -ian name is read so: one made of a trade, a place or
  // a nickname (Tourian / Durian, Boyajian) is then as Armenian as one made of a given name.
  if (armenianGiven) return out;
  const stem = (w: string) => armenianStemKey(w.slice(0, -3));
  return ARMENIAN_STEMS.has(stem(v)) || ARMENIAN_STEMS.has(stem(out)) ? out : null;
}

/** Whether a Latin given name is an Armenian one of the table, in either branch's spelling. */
export function isArmenianGivenName(v: string): boolean {
  return (
    v.length >= 4 &&
    (ARMENIAN_STEMS.has(armenianStemKey(v)) || ARMENIAN_STEMS.has(armenianStemKey(swapArmenianStops(v))))
  );
}

const SHARED = new Set(SHARED_GIVEN_NAMES.map(armenianStemKey));
/**
 * Whether a Latin given name marks its name as Armenian: a name of the table, as written not
 * one other peoples share (Bedros and Taniel do, Petros and Daniel do not).
 */
export function marksArmenianName(v: string): boolean {
  return isArmenianGivenName(v) && !SHARED.has(armenianStemKey(v));
}

/**
 * An Armenian given name in Latin letters as the other branch of the language spells it
 * (Garabed / Karapet, Kevork / Gevorg, Bedros / Petros, Hagop / Hakob, Dikran / Tigran): the
 * same swap of stops, when the name as written or read the other way is one of the table's
 * (`equivalences/armenian.ts`), so that Keller, Tanner or Becker get nothing. Null otherwise.
 */
export function westernArmenianGivenReading(v: string): string | null {
  const out = swapArmenianStops(v);
  return out !== v && isArmenianGivenName(v) ? out : null;
}

function swapArmenianStops(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    const next = v[i + 1] ?? '';
    const swap = STOP_SWAP[c];
    out +=
      swap !== undefined && next !== 'h' && !(c === 't' && next === 's') && !(c === 'd' && next === 'z')
        ? swap
        : c;
  }
  return out;
}
const STOP_SWAP: Record<string, string> = { k: 'g', g: 'k', p: 'b', b: 'p', t: 'd', d: 't' };

/** Arabic-script letters with a second usual spelling, as the letter that spells it. */
const SECOND_READING: Record<string, string> = { ژ: 'ج', ق: 'غ', ض: 'ز', ذ: 'ز', ث: 'س' };

export type Script =
  | 'latn'
  | 'cyrl'
  | 'grek'
  | 'arab'
  | 'hebr'
  | 'hani'
  | 'hang'
  | 'kana'
  | 'deva'
  | 'thai'
  | 'other';

const SCRIPT_TESTS: [Script, RegExp][] = [
  ['latn', /\p{Script=Latin}/u],
  ['cyrl', /\p{Script=Cyrillic}/u],
  ['arab', /\p{Script=Arabic}/u],
  ['hani', /\p{Script=Han}/u],
  ['hang', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u],
  ['grek', /\p{Script=Greek}/u],
  ['hebr', /\p{Script=Hebrew}/u],
  ['thai', /\p{Script=Thai}/u],
  // Devanagari and the Brahmic scripts read through it (see indicToDevanagari).
  [
    'deva',
    /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u,
  ],
];

/** The script of a token: the script of its first letter. */
export function scriptOf(token: string): Script {
  for (const ch of token) {
    if (!/\p{L}/u.test(ch)) continue;
    if (ch <= '\u024f') return 'latn';
    for (const [script, re] of SCRIPT_TESTS) if (re.test(ch)) return script;
    return 'other';
  }
  return 'latn';
}

export interface Romanised {
  /** Lowercase ASCII spellings, the most standard first. */
  variants: string[];
  /** Consonant skeletons from the script itself (Arabic, Hebrew); empty for others. */
  skeletons: string[];
  /** The token normalised in its own script, for equivalence-table look-ups. */
  native: string;
}

function ascii(s: string): string {
  return anyAscii(s)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** All romanisations of one token in the given script. */
export function romanise(token: string, script: Script, opts: { surname?: boolean } = {}): Romanised {
  switch (script) {
    case 'latn':
      return {
        variants: latinVariants(token).map((v) => v.replace(/[^a-z]/g, '')),
        skeletons: [],
        native: '',
      };
    case 'cyrl':
      return { variants: romaniseCyrillic(token), skeletons: [], native: token.toLowerCase() };
    case 'grek':
      return { variants: romaniseGreek(token), skeletons: [], native: token.toLowerCase() };
    case 'arab': {
      const n = normaliseArabic(token);
      // Letters with a second usual spelling, read both ways: Persian ژ is zh, and j in
      // French-style spellings (احمدی‌نژاد Ahmadinejad); ق is q or k, and gh in Persian and g in
      // the Gulf (قاسم Qasem, Ghasem, Gassim); ض and ذ are d and dh in Arabic, z in Persian,
      // Urdu and Turkish (رمضان Ramadan, Ramazan; رضوانی Rezvani); ث is th in Arabic, s in
      // Persian, Urdu and Turkish (عثمان Uthman, Usman, Osman). A word with ق and one of those
      // is also read with ق as q and the others the Persian and Urdu way (ثاقب Saqib, قاضی
      // Qazi), second, before all second readings at once (Ghazi).
      const other = n.replace(/[ژقضذث]/g, (c) => SECOND_READING[c]!);
      const urdu = n.replace(/[ضذث]/g, (c) => SECOND_READING[c]!);
      const forms = [...new Set([n, urdu, other])];
      // و read as v only for skeletons, after the usual readings (a token keeps three).
      const withV = forms.flatMap(consonantVReadings);
      return {
        variants: [...new Set(forms.flatMap(romaniseArabic))],
        skeletons: [...new Set([...forms, ...withV].map(arabicSkeleton))].filter(Boolean),
        native: n,
      };
    }
    case 'hebr': {
      const n = normaliseHebrew(token);
      return { variants: romaniseHebrew(n), skeletons: hebrewSkeletons(n), native: n };
    }
    case 'hani': {
      const syl = hanziSyllables(token, opts.surname === true);
      if (syl.length === 0) return { variants: [ascii(token)].filter(Boolean), skeletons: [], native: token };
      const py = syl.join('');
      const wg = syl.map(pinyinToWadeGiles).join('');
      // ü (our v) as Chinese passports have written it since 2012, yu (吕 LYU, 女 NYU), and as
      // lists without the letter write it, u (Lu).
      const u = py.includes('v') ? [py.replace(/v/g, 'yu'), py.replace(/v/g, 'u')] : [];
      // Given names also in their Hong Kong Cantonese reading (志強 Chi Keung), when known.
      const yue = opts.surname === true ? null : cantoneseReading(token);
      // …and in the Hokkien/Teochew spellings of Singapore and Malaysia (慶瑞 Keng Swee), the
      // commonest third, so that its code is among the token's first (prepare.ts).
      const [hok, ...more] = opts.surname === true ? [] : hokkienReadings(token);
      return {
        variants: [...new Set([py, wg, ...(hok ? [hok] : []), ...(yue ? [yue] : []), ...u, ...more])],
        skeletons: [],
        native: token,
      };
    }
    case 'hang':
      return { variants: romaniseHangul(token), skeletons: [], native: token };
    case 'kana':
      return { variants: romaniseKana(token), skeletons: [], native: token };
    case 'deva': {
      const indic = indicToDevanagari(token);
      const v = indic?.sinhala
        ? romaniseSinhala(indic.text)
        : indic
          ? romaniseDevanagari(indic.text, indic)
          : romaniseDevanagari(token);
      return { variants: v.length > 0 ? v : [ascii(token)].filter(Boolean), skeletons: [], native: token };
    }
    case 'thai': {
      const v = romaniseThai(token);
      return { variants: v.length > 0 ? v : [ascii(token)].filter(Boolean), skeletons: [], native: token };
    }
    default:
      if (ARMENIAN.test(token)) {
        // ու is u (any-ascii writes ow), and Western Armenian, the spelling of the diaspora,
        // voices what Eastern devoices and the other way round: Պետրոսյան Petrosyan, Bedrosian;
        // Կարապետյան Karapetyan, Garabedian.
        const u = token.replace(/ու/g, 'u').replace(/ՈՒ|Ու/g, 'U');
        const western = u.replace(/[ՊԲՏԴԿԳՃՋԾՁպբտդկգճջծձ]/g, (c) => WESTERN_ARMENIAN[c] ?? c);
        return {
          variants: [...new Set([ascii(u), ascii(western)])].filter(Boolean),
          skeletons: [],
          native: token.toLowerCase(),
        };
      }
      if (isKhmer(token)) {
        // Khmer by rule (khmer.ts): any-ascii's letter-by-letter reading meets no spelling.
        const v = romaniseKhmer(token);
        return { variants: v.length > 0 ? v : [ascii(token)].filter(Boolean), skeletons: [], native: token };
      }
      return { variants: [ascii(token)].filter(Boolean), skeletons: [], native: token.toLowerCase() };
  }
}

/**
 * Cyrillic romanisation in the families officers actually meet: BGN/PCGN (English-speaking
 * agencies, airlines), ICAO 9303 (machine-readable passports), scholarly/ISO 9 (Ščerbakov),
 * German (Duden: Schtscherbakow) and French (Chtcherbakov). Ukrainian, Belarusian and
 * South Slavic letters are covered too. Output is lowercase ASCII, one variant per family.
 */
import { stripDiacritics } from '../normalise.ts';

export const CYRILLIC_STYLES = ['bgn', 'icao', 'iso9', 'german', 'french'] as const;
export type CyrillicStyle = (typeof CYRILLIC_STYLES)[number];

// Columns: bgn, icao, iso9 (scholarly, diacritics kept then stripped), german, french.
type Row = readonly [string, string, string, string, string];
const LETTERS: Record<string, Row> = {
  а: ['a', 'a', 'a', 'a', 'a'],
  б: ['b', 'b', 'b', 'b', 'b'],
  в: ['v', 'v', 'v', 'w', 'v'],
  г: ['g', 'g', 'g', 'g', 'g'],
  д: ['d', 'd', 'd', 'd', 'd'],
  е: ['e', 'e', 'e', 'e', 'e'],
  ё: ['yo', 'e', 'ë', 'jo', 'io'],
  ж: ['zh', 'zh', 'ž', 'sch', 'j'],
  з: ['z', 'z', 'z', 's', 'z'],
  и: ['i', 'i', 'i', 'i', 'i'],
  й: ['y', 'i', 'j', 'j', 'i'],
  к: ['k', 'k', 'k', 'k', 'k'],
  л: ['l', 'l', 'l', 'l', 'l'],
  м: ['m', 'm', 'm', 'm', 'm'],
  н: ['n', 'n', 'n', 'n', 'n'],
  о: ['o', 'o', 'o', 'o', 'o'],
  п: ['p', 'p', 'p', 'p', 'p'],
  р: ['r', 'r', 'r', 'r', 'r'],
  с: ['s', 's', 's', 's', 's'],
  т: ['t', 't', 't', 't', 't'],
  у: ['u', 'u', 'u', 'u', 'ou'],
  ф: ['f', 'f', 'f', 'f', 'f'],
  х: ['kh', 'kh', 'h', 'ch', 'kh'],
  ц: ['ts', 'ts', 'c', 'z', 'ts'],
  ч: ['ch', 'ch', 'č', 'tsch', 'tch'],
  ш: ['sh', 'sh', 'š', 'sch', 'ch'],
  щ: ['shch', 'shch', 'šč', 'schtsch', 'chtch'],
  ъ: ['', 'ie', '', '', ''],
  ы: ['y', 'y', 'y', 'y', 'y'],
  ь: ['', '', '', '', ''],
  э: ['e', 'e', 'è', 'e', 'e'],
  ю: ['yu', 'iu', 'ju', 'ju', 'iou'],
  я: ['ya', 'ia', 'ja', 'ja', 'ia'],
  // Ukrainian and Belarusian.
  ґ: ['g', 'g', 'g', 'g', 'g'],
  є: ['ye', 'ie', 'je', 'je', 'ie'],
  і: ['i', 'i', 'i', 'i', 'i'],
  ї: ['yi', 'i', 'ji', 'ji', 'ii'],
  ў: ['w', 'u', 'ŭ', 'w', 'ou'],
  // South Slavic and Macedonian.
  ђ: ['dj', 'dj', 'đ', 'dj', 'dj'],
  ј: ['j', 'j', 'j', 'j', 'j'],
  љ: ['lj', 'lj', 'lj', 'lj', 'lj'],
  њ: ['nj', 'nj', 'nj', 'nj', 'nj'],
  ћ: ['c', 'c', 'ć', 'tsch', 'tch'],
  џ: ['dzh', 'dz', 'dž', 'dsch', 'dj'],
  ѓ: ['gj', 'gj', 'ǵ', 'gj', 'gj'],
  ќ: ['kj', 'kj', 'ḱ', 'kj', 'kj'],
  ѕ: ['dz', 'dz', 'dz', 'dz', 'dz'],
  // Kazakh, Kyrgyz, Mongolian, Tajik, Tatar and Bashkir letters (they were dropped before:
  // Тоқаев read toaev, Хүрэлсүх khrelskh). The first column has the Latin letters of those
  // languages' own alphabets where they differ (Kazakh q, Tajik h), the others Russian usage.
  қ: ['q', 'k', 'k', 'k', 'k'],
  ғ: ['gh', 'g', 'g', 'g', 'gh'],
  ұ: ['u', 'u', 'u', 'u', 'ou'],
  ү: ['u', 'u', 'u', 'u', 'u'],
  ө: ['o', 'o', 'o', 'o', 'o'],
  ә: ['a', 'a', 'a', 'a', 'a'],
  ң: ['ng', 'ng', 'n', 'ng', 'ng'],
  һ: ['h', 'h', 'h', 'h', 'h'],
  ҳ: ['h', 'kh', 'h', 'ch', 'h'],
  ҷ: ['j', 'dzh', 'c', 'dsch', 'dj'],
  ӣ: ['i', 'i', 'i', 'i', 'i'],
  ӯ: ['u', 'u', 'u', 'u', 'ou'],
  җ: ['zh', 'zh', 'z', 'sch', 'j'],
};

const VOWELS = new Set('аеёиоуыэюяєіїұүөәӣӯaeiou');
const SOFT_OR_HARD = new Set('ъь');

/** True when the string has Ukrainian-only letters, so г is read as h. */
function isUkrainian(s: string): boolean {
  return /[ґєії]/.test(s);
}

/**
 * The romanisations of one Cyrillic token, one per family (deduplicated), lowercase ASCII.
 * Щербаков → shcherbakov, scerbakov, schtscherbakow, chtcherbakov.
 */
export function romaniseCyrillic(token: string): string[] {
  const s = token.toLowerCase();
  const ukrainian = isUkrainian(s);
  const out = new Set<string>();
  for (let style = 0; style < CYRILLIC_STYLES.length; style++) {
    let r = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i] ?? '';
      const prev = i > 0 ? (s[i - 1] ?? '') : '';
      const next = s[i + 1] ?? '';
      const row = LETTERS[ch];
      if (!row) {
        r += ch;
        continue;
      }
      let piece: string = row[style] ?? '';
      const initialOrAfterVowel = i === 0 || VOWELS.has(prev) || SOFT_OR_HARD.has(prev);
      if (ch === 'е' && initialOrAfterVowel) {
        if (style === 0) piece = 'ye';
        else if (style === 3) piece = 'je';
      }
      if (ch === 'г' && ukrainian) piece = 'h';
      if (ch === 'и' && ukrainian) piece = 'y';
      // French writes a hard g before e, i, y as gu (Serguei), s between vowels as ss.
      if (style === 4 && ch === 'г' && !ukrainian && /[еиыйэ]/.test(next)) piece = 'gu';
      if ((style === 3 || style === 4) && ch === 'с' && VOWELS.has(prev) && VOWELS.has(next)) piece = 'ss';
      // German and French drop the й of -ий/-ый endings (Juri, Iouri).
      if ((style === 3 || style === 4) && ch === 'й' && i === s.length - 1 && /[иы]/.test(prev)) piece = '';
      r += piece;
    }
    const ascii = stripDiacritics(r).replace(/[^a-z]/g, '');
    if (ascii) out.add(ascii);
  }
  // Ukrainian names are also met in their Russian reading (Olexandr / Aleksandr is data).
  if (ukrainian) {
    const ru = romaniseCyrillic(s.replace(/[ґєії]/g, (c) => ({ ґ: 'г', є: 'е', і: 'и', ї: 'йи' })[c] ?? c));
    for (const v of ru.slice(0, 2)) out.add(v);
  }
  return [...out];
}

/** One romanisation in a named family, for explanations and tests. */
export function romaniseCyrillicAs(token: string, style: CyrillicStyle): string {
  const s = token.toLowerCase();
  const idx = CYRILLIC_STYLES.indexOf(style);
  let r = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const row = LETTERS[ch];
    let piece = row ? (row[idx] ?? '') : ch;
    const prev = i > 0 ? (s[i - 1] ?? '') : '';
    if (ch === 'е' && (i === 0 || VOWELS.has(prev) || SOFT_OR_HARD.has(prev))) {
      if (idx === 0) piece = 'ye';
      else if (idx === 3) piece = 'je';
    }
    if (idx === 4 && ch === 'г' && /[еиыйэ]/.test(s[i + 1] ?? '')) piece = 'gu';
    r += piece;
  }
  return r;
}

/**
 * Chinese Hanzi to Hanyu Pinyin (pinyin-pro, in surname mode for the first character) and to
 * Wade–Giles, the romanisation of Taiwan passports (Chang Wei, Hsiao-ming). Cantonese and
 * Hokkien/Teochew readings of given names come from tables (and a Cantonese dictionary); Cantonese,
 * Hokkien and other surname forms (Cheung, Wong, Chan) come from the equivalence tables, since they are
 * readings of the character in another language, not a transcription of pinyin.
 */
import { pinyin } from 'pinyin-pro';
import { CANTONESE_READINGS } from '../equivalences/cantonese.ts';
import { CHINESE_SURNAMES } from '../equivalences/chinese.ts';
import { HOKKIEN_READINGS } from '../equivalences/hokkien.ts';
import { JAPANESE_SURNAMES } from '../equivalences/japanese.ts';
import { cantoneseSyllables } from './jyutping.ts';

// Compound (two-character) surnames; otherwise the first character is the surname.
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '慕容',
  '司徒',
  '皇甫',
  '夏侯',
  '尉迟',
  '公孙',
  '令狐',
  '轩辕',
  '宇文',
  '长孙',
  '端木',
  '歐陽',
  '司徒',
  '諸葛',
]);

export function isHan(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch);
}

/** The kanji of the Japanese surnames the tables know (佐藤, 佐々木). */
const JAPANESE = new Set(JAPANESE_SURNAMES.flatMap((line) => (line.split('|')[1] ?? '').trim().split(/\s+/)));
/** First characters of the Chinese surnames the tables know. */
const CHINESE_FIRST = new Set(
  CHINESE_SURNAMES.flatMap((line) => [...(line.split('|')[1] ?? '').replace(/\s+/g, '')]),
);

/**
 * Split an unspaced Hanzi name into surname and given name: 张伟 → [张, 伟], 欧阳娜娜 →
 * [欧阳, 娜娜], 佐藤健太 → [佐藤, 健太]. A Japanese surname of the tables is taken when a
 * given name follows and the name cannot be a Chinese surname and a two-character given
 * name (田中华 is Tian Zhonghua; 佐藤健 is Satō Ken).
 */
export function splitHanName(name: string): string[] {
  const chars = [...name];
  if (chars.length < 2) return [name];
  for (const k of [3, 2]) {
    if (
      chars.length > k &&
      JAPANESE.has(chars.slice(0, k).join('')) &&
      (chars.length > 3 || !CHINESE_FIRST.has(chars[0] ?? ''))
    )
      return [chars.slice(0, k).join(''), chars.slice(k).join('')];
  }
  const two = chars.slice(0, 2).join('');
  const k = COMPOUND_SURNAMES.has(two) && chars.length > 2 ? 2 : 1;
  return [chars.slice(0, k).join(''), chars.slice(k).join('')];
}

/** Pinyin syllables of a Hanzi string, toneless, lowercase. */
export function hanziSyllables(han: string, asSurname: boolean): string[] {
  try {
    const r = pinyin(han, {
      toneType: 'none',
      type: 'array',
      v: true,
      ...(asSurname ? { mode: 'surname' as const, surname: 'head' as const } : {}),
    });
    return r.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

// Pinyin initial → Wade–Giles initial (apostrophes of aspiration dropped, as people type).
const WG_INITIALS: [string, string][] = [
  ['zh', 'ch'],
  ['ch', 'ch'],
  ['sh', 'sh'],
  ['b', 'p'],
  ['p', 'p'],
  ['d', 't'],
  ['t', 't'],
  ['g', 'k'],
  ['k', 'k'],
  ['j', 'ch'],
  ['q', 'ch'],
  ['x', 'hs'],
  ['z', 'ts'],
  ['c', 'ts'],
  ['r', 'j'],
];
const WG_WHOLE: Record<string, string> = {
  zhi: 'chih',
  chi: 'chih',
  shi: 'shih',
  ri: 'jih',
  zi: 'tzu',
  ci: 'tzu',
  si: 'ssu',
  yi: 'i',
  you: 'yu',
  yan: 'yen',
  ye: 'yeh',
  yong: 'yung',
  er: 'erh',
  he: 'ho',
  ke: 'ko',
  ge: 'ko',
  e: 'o',
};

/** One pinyin syllable in Wade–Giles without tone marks or apostrophes: xiao → hsiao. */
export function pinyinToWadeGiles(syllable: string): string {
  const whole = WG_WHOLE[syllable];
  if (whole) return whole;
  let initial = '';
  let rest = syllable;
  for (const [p, w] of WG_INITIALS) {
    if (syllable.startsWith(p)) {
      initial = w;
      rest = syllable.slice(p.length);
      break;
    }
  }
  let final = rest
    .replace(/ong$/, 'ung')
    .replace(/ian$/, 'ien')
    .replace(/ie$/, 'ieh')
    .replace(/^ui$/, 'uei')
    .replace(/^uo$/, initial && /^(k|h|sh)$/.test(initial) ? 'uo' : 'o');
  if (initial && /^(ch|j|sh)$/.test(initial) && final === 'e') final = 'e';
  // j, q, x before ü/u are written ü in Wade–Giles (ju → chü); v is our ü.
  final = final.replace(/v/g, 'u');
  return initial + final;
}

const CANTONESE = new Map<string, string>();
for (const line of CANTONESE_READINGS) {
  const [reading = '', ...chars] = line.trim().split(/\s+/);
  for (const c of chars) if (!CANTONESE.has(c)) CANTONESE.set(c, reading);
}

const CANTONESE_SPELLINGS = new Set(CANTONESE.values());

/** Whether this Latin syllable is a reading in the table of Cantonese given-name characters (Wai, Ka). */
export function isCantoneseSpelling(latin: string): boolean {
  return CANTONESE_SPELLINGS.has(latin);
}

/**
 * The Hong Kong Government romanisation of a given name, joined (志強 → chikeung, 大文 →
 * taiman): each character as the table of common name characters spells it, else as the
 * Cantonese dictionary reads it (jyutping.ts); null when a character is in neither.
 */
export function cantoneseReading(han: string): string | null {
  let out = '';
  let read: (string | null)[] | undefined;
  let i = 0;
  for (const ch of han) {
    const known = CANTONESE.get(ch);
    if (known === undefined) read ??= cantoneseSyllables(han);
    const r = known ?? read?.[i];
    if (r === undefined || r === null) return null;
    out += r;
    i++;
  }
  return out.length > 0 ? out : null;
}

/** Character → its Hokkien/Teochew spellings, the commonest first (hokkien.ts). */
const HOKKIEN = new Map<string, string[]>();
/** A Latin spelling → the other spellings of the same reading (Geok → Giok), where unambiguous. */
const HOKKIEN_SAME = new Map<string, string[]>();
{
  const partners = new Map<string, Set<string>>();
  for (const line of HOKKIEN_READINGS) {
    const [latin = '', chars = ''] = line.split('|');
    const groups = latin.trim().split(/\s+/).filter(Boolean);
    const spellings = groups.flatMap((g) => g.split('/'));
    for (const c of chars.trim().split(/\s+/).filter(Boolean)) if (!HOKKIEN.has(c)) HOKKIEN.set(c, spellings);
    for (const g of groups) {
      const one = g.split('/');
      for (const s of one) {
        const set = partners.get(s) ?? new Set<string>();
        for (const o of one) if (o !== s) set.add(o);
        partners.set(s, set);
      }
    }
  }
  for (const [s, set] of partners) if (set.size > 0) HOKKIEN_SAME.set(s, [...set]);
}

/** Every spelling of hokkien.ts (keng, swee, boon). */
const HOKKIEN_SPELLINGS = new Set([...HOKKIEN.values()].flat());

/** Whether this Latin syllable is a spelling of some Hokkien/Teochew reading in hokkien.ts. */
export function isHokkienSpelling(latin: string): boolean {
  return HOKKIEN_SPELLINGS.has(latin);
}

/** At most this many Hokkien spellings of one given name (each syllable's alternatives combined). */
const MAX_HOKKIEN = 3;

/**
 * The Hokkien/Teochew spellings of a given name, joined (吳慶瑞's 慶瑞 → kengswee, kengsui; 光耀
 * → kuanyew, kuanyeow, kuanyaw): each character as hokkien.ts spells it, the commonest spelling
 * first, the alternatives of later syllables before those of earlier ones; empty when a
 * character is not in the table.
 */
export function hokkienReadings(han: string): string[] {
  let out = [''];
  for (const ch of han) {
    const sp = HOKKIEN.get(ch);
    if (sp === undefined) return [];
    const next: string[] = [];
    for (const prefix of out) for (const s of sp) next.push(prefix + s);
    out = next;
  }
  // Breadth: each combination's first spellings before the rest, up to the limit.
  return out.filter((s) => s.length > 0).slice(0, MAX_HOKKIEN);
}

/**
 * The other spellings of one Hokkien reading a Latin syllable is written in (Giok → Geok, Tek
 * → Teck, Keong → Kiong), from the spellings hokkien.ts joins with `/`; empty for others.
 */
export function hokkienSameSpellings(latin: string): readonly string[] {
  return HOKKIEN_SAME.get(latin) ?? [];
}

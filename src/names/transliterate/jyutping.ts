import { createRequire } from 'node:module';

/**
 * Cantonese readings of Chinese characters (to-jyutping, the CanCLID dictionary) written in
 * the Hong Kong Government romanisation that identity cards and passports use: 大文 daai6
 * man4 → Tai Man, 振英 zan3 jing1 → Chun Ying... The romanisation was never a strict system:
 * this writes each syllable in its commonest form (p t k for b d g, ch for z and c, y for j,
 * sh before u and i-ng, eung, ui, un, uen for the rounded vowels, Chun and Tsang for zan and
 * zang), and the approximate codes (phonetic.ts) merge the rest (Chui / Tsui).
 */

type Jyutping = typeof import('to-jyutping');
let dictionary: Jyutping | undefined;
/** Loaded at the first Chinese given name: ~130 ms and ~30 MB that most processes never need. */
function jyutping(): Jyutping {
  dictionary ??= createRequire(import.meta.url)('to-jyutping') as Jyutping;
  return dictionary;
}

const INITIALS: readonly [string, string][] = [
  ['gw', 'kw'],
  ['kw', 'kw'],
  ['ng', 'ng'],
  ['b', 'p'],
  ['p', 'p'],
  ['m', 'm'],
  ['f', 'f'],
  ['d', 't'],
  ['t', 't'],
  ['n', 'n'],
  ['l', 'l'],
  ['g', 'k'],
  ['k', 'k'],
  ['h', 'h'],
  ['w', 'w'],
  ['z', 'ch'],
  ['c', 'ch'],
  ['s', 's'],
  ['j', 'y'],
];

const FINALS: Record<string, string> = {
  aa: 'a',
  ou: 'o',
  oe: 'oe',
  oeng: 'eung',
  oek: 'euk',
  eoi: 'ui',
  eon: 'un',
  eot: 'ut',
  yu: 'u',
  yun: 'uen',
  yut: 'uet',
};

/** One Jyutping syllable (tone number optional) in the Hong Kong Government romanisation. */
export function jyutpingToHongKong(syllable: string): string {
  const plain = syllable.toLowerCase().replace(/[1-6]$/, '');
  // Syllabic nasals: 吳 ng4 → Ng, 唔 m4 → M.
  if (plain === 'ng' || plain === 'm') return plain;
  let initial = '';
  let rest = plain;
  for (const [j, hk] of INITIALS) {
    if (plain.startsWith(j) && plain.length > j.length) {
      initial = hk;
      rest = plain.slice(j.length);
      break;
    }
  }
  // Long aa before a consonant or glide is written a (大 daai Tai, 三 saam Sam).
  const final = FINALS[rest] ?? rest.replace(/^aa(?=.)/, 'a');
  // j before yu is the y of the final itself (餘 jyu Yu, 元 jyun Yuen, 月 jyut Yuet).
  if (initial === 'y' && rest.startsWith('yu')) return `y${final}`;
  // s is written sh before the rounded vowels and i-ng (書 syu Shu, 水 seoi Shui, 成 sing Shing).
  if (initial === 's' && /^(u|yu|eo|oe|ing|ik|eng|ek)/.test(rest)) initial = 'sh';
  // Si is written Sze (詩 Sze, 思 Sze); z and c before i keep ch (志 Chi).
  if (initial === 's' && rest === 'i') return 'sze';
  // The short a of z and c is written u before n (振 zan Chun, 鎮 Chun, 真 Chun), and their
  // ang Tsang (曾 zang, 增).
  if (initial === 'ch' && rest === 'an') return 'chun';
  if (initial === 'ch' && rest === 'ang') return 'tsang';
  // A final long a after w is written with h (華 waa Wah).
  if (initial === 'w' && rest === 'aa') return 'wah';
  return initial + final;
}

/**
 * The Hong Kong Government romanisation of each character of `han`, read in context by the
 * dictionary, or null for a character it does not know.
 */
export function cantoneseSyllables(han: string): (string | null)[] {
  return jyutping()
    .getJyutpingList(han)
    .map(([, reading]) => (reading ? jyutpingToHongKong(reading) : null));
}

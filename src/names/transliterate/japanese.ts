/**
 * Japanese kana to Hepburn romaji (wanakana), plus the spellings passports and officers use
 * for long vowels (Satō: Sato, Satoh, Satou, Saato) and the Kunrei forms (si/shi, ti/chi,
 * tu/tsu, hu/fu, zi/ji). Kanji readings are ambiguous and need a dictionary of names: a
 * Japanese kanji name should be recorded with its kana or romaji reading as an alias.
 */
import { toRomaji } from 'wanakana';

export function romaniseKana(token: string): string[] {
  let hepburn: string;
  try {
    hepburn = toRomaji(token)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  } catch {
    return [];
  }
  if (!hepburn) return [];
  const out = new Set<string>([hepburn]);
  // Long vowels: ou/oo/uu written as o, oh, u.
  const short = hepburn.replace(/ou|oo/g, 'o').replace(/uu/g, 'u').replace(/ei/g, 'ei');
  out.add(short);
  out.add(hepburn.replace(/ou|oo/g, 'oh').replace(/uu/g, 'u'));
  const kunrei = hepburn
    .replace(/shi/g, 'si')
    .replace(/chi/g, 'ti')
    .replace(/tsu/g, 'tu')
    .replace(/fu/g, 'hu')
    .replace(/ji/g, 'zi')
    .replace(/sh/g, 'sy')
    .replace(/ch/g, 'ty')
    .replace(/j/g, 'zy');
  out.add(kunrei);
  return [...out].slice(0, 4);
}

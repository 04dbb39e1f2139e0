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

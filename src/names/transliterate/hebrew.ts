/**
 * Hebrew script. Like Arabic it omits most vowels, so matching relies on consonant
 * skeletons (כהן → KHN ~ Cohen, Kohen, Kahan) and on the equivalence tables for common names.
 * ח and final-position כ are written ch, kh or h in Latin: we emit both skeletons.
 */
const FINAL_FORMS: Record<string, string> = { ך: 'כ', ם: 'מ', ן: 'נ', ף: 'פ', ץ: 'צ' };
const SKELETON: Record<string, string> = {
  א: '',
  ב: 'B',
  ג: 'G',
  ד: 'D',
  ה: 'H',
  ו: '',
  ז: 'Z',
  ח: 'K',
  ט: 'T',
  י: '',
  כ: 'K',
  ל: 'L',
  מ: 'M',
  נ: 'N',
  ס: 'S',
  ע: '',
  פ: 'B',
  צ: 'C',
  ק: 'K',
  ר: 'R',
  ש: 'S',
  ת: 'T',
};
const READING: Record<string, string> = {
  א: 'a',
  ב: 'b',
  ג: 'g',
  ד: 'd',
  ה: 'h',
  ו: 'o',
  ז: 'z',
  ח: 'ch',
  ט: 't',
  י: 'i',
  כ: 'k',
  ל: 'l',
  מ: 'm',
  נ: 'n',
  ס: 's',
  ע: 'a',
  פ: 'p',
  צ: 'tz',
  ק: 'k',
  ר: 'r',
  ש: 'sh',
  ת: 't',
};
const POINTS = /[\u0591-\u05c7]/g;

export function normaliseHebrew(token: string): string {
  return token.replace(POINTS, '').replace(/[ךםןףץ]/g, (c) => FINAL_FORMS[c] ?? c);
}

/**
 * Skeletons of a Hebrew token: ח as K and as H (Chaim / Haim), ו, which is a vowel letter
 * (o, u) or the consonant v, both ways (לוי Levi / Loy, דוד David / Dod), and צ as C, the tz
 * or ts of Israeli and Yiddish spellings (פרץ Peretz, כץ Katz), and as Z, the Sephardic and
 * English z (Perez, Zvi) — never the s of ס and ש (פרס Peres is another family).
 */
export function hebrewSkeletons(token: string): string[] {
  const s = normaliseHebrew(token);
  let a = '';
  let b = '';
  let c = '';
  let d = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    // A final ה is a vowel letter (שרה Sarah).
    const k = ch === 'ה' && i === chars.length - 1 ? '' : (SKELETON[ch] ?? '');
    a += k;
    b += ch === 'ח' ? 'H' : k;
    c += ch === 'ו' ? 'B' : k;
    d += ch === 'צ' ? 'Z' : k;
  }
  const out: string[] = [];
  for (const x of [a, c, b, d]) {
    const y = x.replace(/(.)\1+/g, '$1');
    if (y.length > 0 && !out.includes(y)) out.push(y);
  }
  return out;
}

/** Rough readings: ו as a vowel, and as v after the first letter when the token has one. */
export function romaniseHebrew(token: string): string[] {
  let r = '';
  let v = '';
  const chars = [...normaliseHebrew(token)];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    let piece = READING[ch] ?? '';
    if (ch === 'ו' && i === 0) piece = 'v';
    if (ch === 'י' && i === 0) piece = 'y';
    r += piece;
    v += ch === 'ו' ? 'v' : piece;
  }
  return [...new Set([r, v])].filter(Boolean);
}

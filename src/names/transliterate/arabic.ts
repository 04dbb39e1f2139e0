/**
 * Arabic and Persian script. Names are written without short vowels, so a romanisation
 * cannot be recovered letter by letter: we produce (1) a consonant skeleton comparable with
 * the skeleton of any Latin spelling (محمد → MHMD ~ Mohammed, Muhammad), (2) a rough
 * vowelled reading for display and fallback similarity, and leave exact readings of common
 * names to the equivalence tables, which list their Arabic-script forms.
 */

// Skeleton classes must agree with latinSkeleton() in phonetic.ts.
const SKELETON: Record<string, string> = {
  ب: 'B',
  پ: 'B',
  ڤ: 'B',
  ت: 'T',
  ث: 'T',
  ط: 'T',
  ج: 'G',
  چ: 'S',
  ح: 'H',
  خ: 'K',
  د: 'D',
  ذ: 'D',
  ض: 'D',
  ر: 'R',
  ز: 'Z',
  ژ: 'Z',
  ظ: 'Z',
  س: 'S',
  ش: 'S',
  ص: 'S',
  ع: '',
  غ: 'G',
  ف: 'B',
  ق: 'K',
  ک: 'K',
  ك: 'K',
  گ: 'G',
  ل: 'L',
  م: 'M',
  ن: 'N',
  ه: 'H',
  ة: '',
  و: '',
  ي: '',
  ی: '',
  ى: '',
  ا: '',
  أ: '',
  إ: '',
  آ: '',
  ء: '',
  ئ: '',
  ؤ: '',
  ٱ: '',
  // Pashto and Urdu letters (retroflex, Pashto's own sibilants and gaf; Urdu's nun ghunna,
  // do-chashmi he and bari ye): Afghan and Pakistani names lost them, ډاګ read as "a".
  ټ: 'T',
  ٹ: 'T',
  ډ: 'D',
  ڈ: 'D',
  ړ: 'R',
  ڑ: 'R',
  ږ: 'Z',
  ځ: 'Z',
  څ: 'S',
  ښ: 'S',
  ڼ: 'N',
  ں: 'N',
  ګ: 'G',
  ھ: 'H',
  ے: '',
  ې: '',
  ۍ: '',
  ۀ: 'H',
  ہ: 'H',
};

// A reading with a guessed short vowel a after consonants; only for display and fallback.
const READING: Record<string, string> = {
  ب: 'b',
  پ: 'p',
  ڤ: 'v',
  ت: 't',
  ث: 'th',
  ط: 't',
  ج: 'j',
  چ: 'ch',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ض: 'd',
  ر: 'r',
  ز: 'z',
  ژ: 'zh',
  ظ: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ک: 'k',
  ك: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'u',
  ي: 'i',
  ی: 'i',
  ى: 'a',
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ء: '',
  ئ: 'i',
  ؤ: 'u',
  ٱ: 'a',
  ټ: 't',
  ٹ: 't',
  ډ: 'd',
  ڈ: 'd',
  ړ: 'r',
  ڑ: 'r',
  ږ: 'zh',
  ځ: 'z',
  څ: 's',
  ښ: 'sh',
  ڼ: 'n',
  ں: 'n',
  ګ: 'g',
  ھ: 'h',
  ے: 'e',
  ې: 'e',
  ۍ: 'i',
  ۀ: 'a',
  ہ: 'h',
};

const HARAKAT = /[\u064b-\u065f\u0670\u0640]/g;

/** Strip harakat and tatweel; unify alef and yeh forms. */
export function normaliseArabic(token: string): string {
  return token
    .replace(HARAKAT, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىی]/g, 'ي')
    .replace(/[كک]/g, 'ك');
}

/** The definite article ال at the start of a token (الرحمن → رحمن), or null. */
export function stripArabicArticle(token: string): string | null {
  return token.length > 3 && token.startsWith('ال') ? token.slice(2) : null;
}

/** Consonant skeleton of an Arabic-script token (comparable with latinSkeleton). */
export function arabicSkeleton(token: string): string {
  let s = '';
  // Urdu's heh goal ends a name as a vowel (ٹوانہ Tiwana, رانا Rana), not as h.
  const body = token.endsWith('ہ') ? token.slice(0, -1) : token;
  for (const ch of body) s += SKELETON[ch] ?? '';
  return s.replace(/(.)\1+/g, '$1');
}

/** A rough vowelled reading: محمد → mhmd with long vowels where the script writes them. */
export function romaniseArabic(token: string): string[] {
  let r = '';
  const chars = [...token];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    let piece = READING[ch] ?? '';
    // و and ي between or before vowels are consonants w and y.
    if ((ch === 'و' || ch === 'ي' || ch === 'ی') && i === 0) piece = ch === 'و' ? 'w' : 'y';
    // A word never starts with a consonant cluster: initial ʿayn carries a vowel (علي → ali).
    if (ch === 'ع' && i === 0) piece = 'a';
    if (ch === 'ہ' && i === chars.length - 1) piece = 'a';
    r += piece;
  }
  r = r.replace(/[^a-z]/g, '');
  return r ? [r] : [];
}

/**
 * The token read with a و as the consonant v, one و at a time: in Persian (and Urdu) و is v
 * as often as it is a vowel (بیرانوند Beiranvand, رضوانی Rezvani, داوود Davoud, موسوی Mousavi:
 * the first و a vowel, the second v), and the skeleton drops it, which Latin v (a B) then
 * missed. Not the first letter (w there: ولی Vali reads either way in Latin's skeleton) nor
 * the second of وو (a long vowel after a consonant و). Written with ڤ, the letter for v.
 */
export function consonantVReadings(token: string): string[] {
  const chars = [...token];
  const positions: number[] = [];
  chars.forEach((ch, i) => {
    if (ch === 'و' && i > 0 && chars[i - 1] !== 'و') positions.push(i);
  });
  return positions.slice(0, 3).map((i) => chars.map((ch, j) => (j === i ? 'ڤ' : ch)).join(''));
}

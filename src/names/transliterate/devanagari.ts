/**
 * Devanagari (Hindi, Marathi, Nepali) to the romanisation Indian passports use: inherent a
 * after consonants, dropped at the end of a word and in the VC_CV position (schwa deletion),
 * sh for श and ष, v/w for व. Other Indic scripts fall back to any-ascii.
 */
const CONSONANTS: Record<string, string> = {
  क: 'k',
  ख: 'kh',
  ग: 'g',
  घ: 'gh',
  ङ: 'n',
  च: 'ch',
  छ: 'chh',
  ज: 'j',
  झ: 'jh',
  ञ: 'n',
  ट: 't',
  ठ: 'th',
  ड: 'd',
  ढ: 'dh',
  ण: 'n',
  त: 't',
  थ: 'th',
  द: 'd',
  ध: 'dh',
  न: 'n',
  प: 'p',
  फ: 'ph',
  ब: 'b',
  भ: 'bh',
  म: 'm',
  य: 'y',
  र: 'r',
  ल: 'l',
  ळ: 'l',
  व: 'v',
  श: 'sh',
  ष: 'sh',
  स: 's',
  ह: 'h',
  क़: 'q',
  ख़: 'kh',
  ग़: 'gh',
  ज़: 'z',
  ड़: 'r',
  ढ़: 'rh',
  फ़: 'f',
};
const VOWELS: Record<string, string> = {
  अ: 'a',
  आ: 'a',
  इ: 'i',
  ई: 'i',
  उ: 'u',
  ऊ: 'u',
  ऋ: 'ri',
  ए: 'e',
  ऐ: 'ai',
  ओ: 'o',
  औ: 'au',
  ऑ: 'o',
};
const MATRAS: Record<string, string> = {
  'ा': 'a',
  'ि': 'i',
  'ी': 'i',
  'ु': 'u',
  'ू': 'u',
  'ृ': 'ri',
  'े': 'e',
  'ै': 'ai',
  'ो': 'o',
  'ौ': 'au',
  'ॉ': 'o',
};
const VIRAMA = '्';
const NUKTA = '़';

interface Unit {
  c: string;
  v: string | null; // vowel after the consonant; null = inherent schwa
  isVowel: boolean;
}

export function romaniseDevanagari(token: string): string[] {
  const chars = [...token.normalize('NFC')];
  const units: Unit[] = [];
  let tail = '';
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i] ?? '';
    if (chars[i + 1] === NUKTA) {
      ch += NUKTA;
      i++;
    }
    const last = units[units.length - 1];
    if (CONSONANTS[ch] !== undefined) {
      units.push({ c: CONSONANTS[ch] ?? '', v: null, isVowel: false });
    } else if (VOWELS[ch] !== undefined) {
      units.push({ c: '', v: VOWELS[ch] ?? '', isVowel: true });
    } else if (MATRAS[ch] !== undefined && last) {
      last.v = MATRAS[ch] ?? '';
    } else if (ch === VIRAMA && last) {
      last.v = '';
    } else if ((ch === 'ं' || ch === 'ँ') && last) {
      if (last.v === null) last.v = 'a';
      last.v += 'n';
    } else if (ch === 'ः' && last) {
      tail = 'h';
    }
  }
  // Schwa deletion: final, and in a vowel-consonant_consonant-vowel context.
  const out: string[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (!u) continue;
    let v = u.v;
    if (v === null) {
      const prev = units[i - 1];
      const next = units[i + 1];
      const isLast = i === units.length - 1;
      const prevHasVowel = prev !== undefined && prev.v !== '';
      const nextHasVowel = next !== undefined && next.v !== null && next.v !== '';
      if (isLast && units.length > 1) v = '';
      else if (i > 0 && prevHasVowel && nextHasVowel && i < units.length - 1) v = '';
      else v = 'a';
    }
    out.push(u.c + v);
  }
  const r = (out.join('') + tail).replace(/[^a-z]/g, '');
  if (!r) return [];
  const variants = new Set([r]);
  // v/w and sh/s are both common in passports (Vikas/Wikas is rare; Vishnu/Wishnu rarer).
  if (r.includes('v')) variants.add(r.replace(/v/g, 'w'));
  return [...variants];
}

/**
 * Devanagari (Hindi, Marathi, Nepali) to the romanisation Indian passports use: inherent a
 * after consonants, dropped at the end of a word, in the VC_CV position and before a conjunct
 * (schwa deletion), sh for श and ष, v/w for व. The other Brahmic scripts of India and
 * Bangladesh (Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam) are laid
 * out in Unicode letter for letter like Devanagari: they are read through it (`indicToDevanagari`).
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
  // Letters of the southern scripts, at their Devanagari positions (Tamil ன, ற, ழ).
  ऩ: 'n',
  ऱ: 'r',
  ऴ: 'zh',
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
  ऎ: 'e',
  ए: 'e',
  ऐ: 'ai',
  ऒ: 'o',
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
  'ॆ': 'e',
  'े': 'e',
  'ै': 'ai',
  'ो': 'o',
  'ौ': 'au',
  'ॉ': 'o',
  'ॊ': 'o',
};
const VIRAMA = '्';
const NUKTA = '़';

interface Unit {
  /** The letter, for spellings that depend on it (Tamil). */
  d: string;
  c: string;
  v: string | null; // vowel after the consonant; null = inherent schwa
  isVowel: boolean;
}

/**
 * The Brahmic scripts whose Unicode blocks follow Devanagari's layout, by the offset of their
 * block from it. The southern (Dravidian) scripts write a virama where no vowel is spoken and
 * pronounce the inherent vowel at the end of a word (Venkata, Murugan): no schwa deletion.
 */
/** How a script is read through Devanagari: the options of romaniseDevanagari. */
export interface IndicReading {
  schwaDeletion: boolean;
  tamil: boolean;
  /** Bengali: also spelt as Bengali names are in English (সৌরভ Sourav, গৌরব Gourav). */
  bengali?: boolean;
  /** Sinhala: read by romaniseSinhala. */
  sinhala?: boolean;
}

const INDIC_BLOCKS: ({ from: number; to: number } & IndicReading)[] = [
  { from: 0x0980, to: 0x09ff, schwaDeletion: true, tamil: false, bengali: true }, // Bengali, Assamese
  { from: 0x0a00, to: 0x0a7f, schwaDeletion: true, tamil: false }, // Gurmukhi
  { from: 0x0a80, to: 0x0aff, schwaDeletion: true, tamil: false }, // Gujarati
  { from: 0x0b00, to: 0x0b7f, schwaDeletion: true, tamil: false }, // Oriya
  { from: 0x0b80, to: 0x0bff, schwaDeletion: false, tamil: true }, // Tamil
  { from: 0x0c00, to: 0x0c7f, schwaDeletion: false, tamil: false }, // Telugu
  { from: 0x0c80, to: 0x0cff, schwaDeletion: false, tamil: false }, // Kannada
  { from: 0x0d00, to: 0x0d7f, schwaDeletion: false, tamil: false }, // Malayalam
];
const DEVANAGARI = 0x0900;

/** Letters that have no counterpart at the same position, written as Devanagari does them. */
const INDIC_SPECIAL: Record<string, string> = {
  ৎ: 'त्', // Bengali khanda ta: a final t
  য: 'ज', // Bengali ya is spoken and romanised j (Jasim, Jahid); য় is y
  'ੰ': 'ं', // Gurmukhi tippi: nasal
  'ੱ': '', // Gurmukhi addak: the next consonant doubled
  ੲ: 'इ',
  ੳ: 'उ',
  ൺ: 'ण्', // Malayalam chillu letters: a consonant without its vowel
  ൻ: 'न्',
  ർ: 'र्',
  ൽ: 'ल्',
  ൾ: 'ळ्',
  ൿ: 'क्',
};

/**
 * Sinhala, whose Unicode block is not laid out like Devanagari's, letter by letter as the
 * Devanagari that reads alike. The prenasalised letters (ඟ ඬ ඳ ඹ) are the nasal and the stop
 * (ඳ nd: Chandra), æ is read e (ඇ, ැ, ෑ), and ෆ is f. Sinhala writes the al-lakuna (්) where
 * no vowel is spoken and speaks the inherent vowel at the end of a word (මහින්ද Mahinda,
 * රනිල් Ranil), as the southern scripts do: no schwa deletion.
 */
const SINHALA: Record<string, string> = Object.fromEntries(
  (
    [
      ['ං', 'ं'],
      ['ඃ', 'ः'],
      ['අ', 'अ'],
      ['ආ', 'आ'],
      ['ඇ', 'ए'],
      ['ඈ', 'ए'],
      ['ඉ', 'इ'],
      ['ඊ', 'ई'],
      ['උ', 'उ'],
      ['ඌ', 'ऊ'],
      ['ඍ', 'ऋ'],
      ['එ', 'ए'],
      ['ඒ', 'ए'],
      ['ඓ', 'ऐ'],
      ['ඔ', 'ओ'],
      ['ඕ', 'ओ'],
      ['ඖ', 'औ'],
      ['ක', 'क'],
      ['ඛ', 'ख'],
      ['ග', 'ग'],
      ['ඝ', 'घ'],
      ['ඞ', 'ङ'],
      ['ඟ', 'ङ्ग'],
      ['ච', 'च'],
      ['ඡ', 'छ'],
      ['ජ', 'ज'],
      ['ඣ', 'झ'],
      ['ඤ', 'ञ'],
      ['ඥ', 'ज्ञ'],
      ['ඦ', 'ञ्ज'],
      ['ට', 'ट'],
      ['ඨ', 'ठ'],
      ['ඩ', 'ड'],
      ['ඪ', 'ढ'],
      ['ණ', 'ण'],
      ['ඬ', 'ण्ड'],
      ['ත', 'त'],
      ['ථ', 'थ'],
      ['ද', 'द'],
      ['ධ', 'ध'],
      ['න', 'न'],
      ['ඳ', 'न्द'],
      ['ප', 'प'],
      ['ඵ', 'फ'],
      ['බ', 'ब'],
      ['භ', 'भ'],
      ['ම', 'म'],
      ['ඹ', 'म्ब'],
      ['ය', 'य'],
      ['ර', 'र'],
      ['ල', 'ल'],
      ['ව', 'व'],
      ['ශ', 'श'],
      ['ෂ', 'ष'],
      ['ස', 'स'],
      ['හ', 'ह'],
      ['ළ', 'ळ'],
      ['ෆ', 'फ़'],
      ['්', '्'],
      ['ා', 'ा'],
      ['ැ', 'े'],
      ['ෑ', 'े'],
      ['ි', 'ि'],
      ['ී', 'ी'],
      ['ු', 'ु'],
      ['ූ', 'ू'],
      ['ෘ', 'ृ'],
      ['ෙ', 'े'],
      ['ේ', 'े'],
      ['ෛ', 'ै'],
      ['ො', 'ो'],
      ['ෝ', 'ो'],
      ['ෞ', 'ौ'],
    ] as const
  ).map(([s, d]) => [s, d]),
);
const SINHALA_BLOCK = /[\u0d80-\u0dff]/u;

/**
 * A token in one of INDIC_BLOCKS' scripts or in Sinhala as Devanagari, with how its script is
 * read; null when the token is in none of them.
 */
export function indicToDevanagari(token: string): ({ text: string } & IndicReading) | null {
  if (SINHALA_BLOCK.test(token)) {
    const text = [...token.normalize('NFC')].map((ch) => SINHALA[ch] ?? ch).join('');
    return { text: text.normalize('NFC'), schwaDeletion: false, tamil: false, bengali: false, sinhala: true };
  }
  let block: (typeof INDIC_BLOCKS)[number] | undefined;
  let text = '';
  let previous = '';
  // য় (ya with a nukta, which NFC writes as two letters) is y, not the j of য.
  for (const ch of token.normalize('NFC').replace(/\u09af\u09bc/g, '\u09df')) {
    if (ch === '\u09df') {
      block ??= INDIC_BLOCKS[0];
      text += 'य';
      previous = ch;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    const own = INDIC_BLOCKS.find((b) => code >= b.from && code <= b.to);
    if (!own) {
      text += ch;
      previous = ch;
      continue;
    }
    block ??= own;
    const shifted = String.fromCodePoint(code - own.from + DEVANAGARI);
    // After a virama the Bengali ya is the y of a cluster (সত্য Satya), not a j.
    const special = previous === '\u09cd' && ch === 'য' ? undefined : INDIC_SPECIAL[ch];
    text += special ?? shifted;
    previous = ch;
  }
  return block
    ? {
        text: text.normalize('NFC'),
        schwaDeletion: block.schwaDeletion,
        tamil: block.tamil,
        bengali: block.bengali ?? false,
      }
    : null;
}

export function romaniseDevanagari(token: string, opts: Partial<IndicReading> = {}): string[] {
  const schwaDeletion = opts.schwaDeletion ?? true;
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
      units.push({ d: ch, c: CONSONANTS[ch] ?? '', v: null, isVowel: false });
    } else if (VOWELS[ch] !== undefined) {
      units.push({ d: ch, c: '', v: VOWELS[ch] ?? '', isVowel: true });
    } else if (MATRAS[ch] !== undefined && last) {
      last.v = MATRAS[ch] ?? '';
    } else if (ch === VIRAMA && last) {
      last.v = '';
    } else if ((ch === 'ं' || ch === 'ँ') && last) {
      if (last.v === null) last.v = 'a';
      // Before h the nasal is written ng in names (सिंह Singh).
      last.v += chars[i + 1] === 'ह' ? 'ng' : 'n';
    } else if (ch === 'ः' && last) {
      tail = 'h';
    }
  }
  // Schwa deletion: final, and in a vowel-consonant_consonant-vowel context. After a cluster
  // the final a is spoken and written (नरेंद्र Narendra, मिश्र Mishra, गुप्त Gupta), and
  // often not (धर्म Dharm); after a doubled consonant it is mostly not (दत्त Dutt, भट्ट Bhatt),
  // and in Bengali it is (Dutta): the other reading is offered too.
  let otherFinal: string | null = null;
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
      // Before a conjunct (गुरप्रीत Gurpreet, हरप्रीत Harpreet): the cluster's first consonant.
      // Not before a nasal's cluster, which closes this syllable (आनन्द Anand).
      const beforeConjunct =
        next !== undefined && !next.isVowel && next.v === '' && i + 2 < units.length && !NASALS.has(next.c);
      const afterCluster =
        isLast && prev !== undefined && !prev.isVowel && prev.v === '' && !NASALS.has(prev.c);
      if (!schwaDeletion) v = 'a';
      else if (afterCluster) {
        const doubled = prev.d === u.d;
        v = doubled ? '' : 'a';
        otherFinal = doubled ? 'a' : '';
      } else if (isLast && units.length > 1) v = '';
      else if (i > 0 && prevHasVowel && (nextHasVowel || beforeConjunct) && i < units.length - 1) v = '';
      else v = 'a';
    }
    out.push(u.c + v);
  }
  const r = (out.join('') + tail).replace(/[^a-z]/g, '');
  if (!r) return [];
  const variants = new Set([r]);
  if (otherFinal !== null) {
    const last = units[units.length - 1] as Unit;
    variants.add((out.slice(0, -1).join('') + last.c + otherFinal + tail).replace(/[^a-z]/g, ''));
  }
  if (opts.tamil) variants.add(tamilSpelling(units, out));
  // Bengali names in English write the diphthong ou and ব, ভ after a vowel v, as Sanskrit
  // spellings do (সৌরভ Sourav, গৌরব Gourav, শুভ Shuvo, দেবাশীষ Debashish and Devashish).
  if (opts.bengali) variants.add(r.replace(/au/g, 'ou').replace(/([aeiou])bh?/g, '$1v'));
  // v/w and sh/s are both common in passports (Vikas/Wikas is rare; Vishnu/Wishnu rarer).
  if (r.includes('v')) variants.add(r.replace(/v/g, 'w'));
  return [...variants];
}

const NASALS = new Set(['n', 'm']);
const VOICED: Record<string, string> = { क: 'g', ट: 'd', प: 'b' };

/**
 * Tamil writes one letter for k and g, t and d, p and b, ch and s: names are romanised as they
 * sound (முருகன் Murugan, செல்வம் Selvam, முத்து Muthu): voiced between vowels and after a
 * nasal, s for ச unless doubled, th for த. `syllables` are the plain reading's, unit by unit.
 */
function tamilSpelling(units: Unit[], syllables: string[]): string {
  let r = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    const prev = units[i - 1];
    const vowel = (syllables[i] ?? '').slice(u.c.length);
    const doubled = prev !== undefined && prev.d === u.d && prev.v === '';
    const next = units[i + 1];
    let c = u.c;
    // Doubled, they are written once (முத்து Muthu, பிச்சை Pichai).
    if ((u.d === 'त' || u.d === 'च') && u.v === '' && next?.d === u.d) c = '';
    else if (u.d === 'च') c = doubled ? 'ch' : 's';
    else if (u.d === 'त') c = 'th';
    else if (VOICED[u.d] && !doubled && vowel !== '' && prev !== undefined) {
      if (prev.v !== '' || NASALS.has(prev.c)) c = VOICED[u.d] as string;
    }
    r += c + vowel;
  }
  return r.replace(/[^a-z]/g, '');
}

/**
 * Sinhala, as Devanagari (`indicToDevanagari`), in the spellings Sinhala names have in English:
 * ව as w first (Wickremesinghe, Weerasinghe), then v; the short a after the first syllable also
 * written e, as the colonial spellings that families kept write it (වික්‍රමසිංහ Wickremesinghe,
 * ජයවර්ධන Jayewardene), and, in a long name, only its final a so (දිසානායක Dissanayake,
 * බණ්ඩාරනායක Bandaranayake). Mahinda, Rajapaksa and Premadasa keep their a: the plain reading
 * stays first.
 */
export function romaniseSinhala(text: string): string[] {
  const opts = { schwaDeletion: false, tamil: false };
  const wFirst = (xs: string[]) => [
    ...xs.filter((x) => x.includes('w')),
    ...xs.filter((x) => !x.includes('w')),
  ];
  const plain = wFirst(romaniseDevanagari(text, opts));
  const shortE = wFirst(romaniseDevanagari(shortAAsE(text), opts));
  const finalE = plain.filter((r) => r.length >= 7 && r.endsWith('a')).map((r) => `${r.slice(0, -1)}e`);
  return [
    ...new Set([...plain.slice(0, 1), ...shortE.slice(0, 1), ...finalE.slice(0, 1), ...plain, ...shortE]),
  ];
}

/** Devanagari text with the inherent a of every consonant after the first written as े. */
function shortAAsE(text: string): string {
  const chars = [...text];
  let out = '';
  let syllables = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    out += ch;
    if (CONSONANTS[ch] === undefined) {
      if (VOWELS[ch] !== undefined) syllables++;
      continue;
    }
    let next = chars[i + 1] ?? '';
    if (next === NUKTA) {
      out += next;
      i++;
      next = chars[i + 1] ?? '';
    }
    if (next === VIRAMA) continue;
    const inherent = MATRAS[next] === undefined;
    if (inherent && syllables > 0) out += 'े';
    syllables++;
  }
  return out;
}

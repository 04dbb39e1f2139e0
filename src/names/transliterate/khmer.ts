/**
 * Khmer script to the Latin spellings Cambodian names are written in: by rule, syllable by
 * syllable, as the UN (UNGEGN) system reads it and as personal and passport spellings, which
 * come from French habits, simplify it (ហ៊ុន សែន Hun Sen; UNGEGN Hun Saen). Khmer consonants
 * belong to two series whose vowels are read differently (ា is a after ស, ea after ជ: សា Sa,
 * ជា Chea); the marks ៉ and ៊ move a consonant to the other series (ម៉ា Ma, ស៊ី Si). A
 * consonant after a vowel, with none of its own, closes the syllable (សម Sam, ផន Phan); one
 * with a consonant written under it (coeng ្) closes the syllable before when that one is open
 * and the subscript begins the next (រង្ស៊ី Rongsi). Spellings are those of registration clerks,
 * not a system, so the readings are close rather than exact (សម រង្ស៊ី is Sam Rainsy).
 */

/** Consonants: [series (1 = a-series, 2 = o-series), onset, final]. */
const CONSONANTS: Record<string, [1 | 2, string, string]> = {
  ក: [1, 'k', 'k'],
  ខ: [1, 'kh', 'k'],
  គ: [2, 'k', 'k'],
  ឃ: [2, 'kh', 'k'],
  ង: [2, 'ng', 'ng'],
  ច: [1, 'ch', 'ch'],
  ឆ: [1, 'chh', 'ch'],
  ជ: [2, 'ch', 'ch'],
  ឈ: [2, 'chh', 'ch'],
  ញ: [2, 'nh', 'nh'],
  ដ: [1, 'd', 't'],
  ឋ: [1, 'th', 't'],
  ឌ: [2, 'd', 't'],
  ឍ: [2, 'th', 't'],
  ណ: [1, 'n', 'n'],
  ត: [1, 't', 't'],
  ថ: [1, 'th', 't'],
  ទ: [2, 't', 't'],
  ធ: [2, 'th', 't'],
  ន: [2, 'n', 'n'],
  ប: [1, 'b', 'p'],
  ផ: [1, 'ph', 'p'],
  ព: [2, 'p', 'p'],
  ភ: [2, 'ph', 'p'],
  ម: [2, 'm', 'm'],
  យ: [2, 'y', 'y'],
  រ: [2, 'r', 'r'],
  ល: [2, 'l', 'l'],
  វ: [2, 'v', 'v'],
  ស: [1, 's', 's'],
  ហ: [1, 'h', 'h'],
  ឡ: [1, 'l', 'l'],
  អ: [1, '', ''],
};

/** Dependent vowels: [a-series, o-series] readings, UNGEGN first, then the usual spelling. */
const VOWELS: Record<string, [[string, string], [string, string]]> = {
  'ា': [
    ['a', 'ea'],
    ['a', 'ea'],
  ],
  'ិ': [
    ['e', 'i'],
    ['i', 'i'],
  ],
  'ី': [
    ['ei', 'i'],
    ['i', 'i'],
  ],
  'ឹ': [
    ['oe', 'ue'],
    ['e', 'eu'],
  ],
  'ឺ': [
    ['eu', 'eu'],
    ['eu', 'eu'],
  ],
  'ុ': [
    ['o', 'u'],
    ['o', 'u'],
  ],
  'ូ': [
    ['ou', 'ou'],
    ['u', 'u'],
  ],
  'ួ': [
    ['uo', 'uo'],
    ['uo', 'uo'],
  ],
  'ើ': [
    ['aeu', 'eu'],
    ['oe', 'eu'],
  ],
  'ឿ': [
    ['oea', 'oea'],
    ['uea', 'uea'],
  ],
  'ៀ': [
    ['ie', 'ie'],
    ['ie', 'ie'],
  ],
  'េ': [
    ['e', 'e'],
    ['e', 'e'],
  ],
  'ែ': [
    ['ae', 'ae'],
    ['e', 'e'],
  ],
  'ៃ': [
    ['ai', 'ey'],
    ['ai', 'ey'],
  ],
  'ោ': [
    ['ao', 'o'],
    ['o', 'o'],
  ],
  'ៅ': [
    ['au', 'ov'],
    ['ao', 'ou'],
  ],
};

/** Independent vowels (a syllable of their own). */
const INDEPENDENT: Record<string, string> = {
  ឣ: 'a',
  ឤ: 'a',
  ឥ: 'e',
  ឦ: 'ei',
  ឧ: 'o',
  ឩ: 'ou',
  ឪ: 'ov',
  ឫ: 'rue',
  ឬ: 'rueu',
  ឭ: 'lue',
  ឮ: 'lueu',
  ឯ: 'ae',
  ឰ: 'ai',
  ឱ: 'ao',
  ឲ: 'ao',
  ឳ: 'au',
};

const COENG = '\u17d2';
const TO_A = '\u17c9'; // muusikatoan: o-series consonant read as a-series
const TO_O = '\u17ca'; // triisap: a-series consonant read as o-series
const NIKAHIT = '\u17c6';
const REAHMUK = '\u17c7';
const SILENCE = '\u17cd'; // toandakhiat: the letter under it is not spoken

interface Syllable {
  onset: string;
  series: 1 | 2;
  vowel: string | null; // a dependent vowel sign, or null for the inherent vowel
  independent: string | null;
  nikahit: boolean;
  reahmuk: boolean;
  final: string;
}

/** Whether a token has Khmer letters. */
export function isKhmer(token: string): boolean {
  return /[\u1780-\u17ff]/u.test(token);
}

function syllables(token: string): Syllable[] {
  const chars = [...token.normalize('NFC')];
  const out: Syllable[] = [];
  const open = () => {
    const last = out[out.length - 1];
    return last !== undefined && last.final === '' && !last.nikahit && !last.reahmuk;
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const cons = CONSONANTS[ch];
    const last = out[out.length - 1];
    if (cons) {
      // The marks and signs written on this consonant.
      let j = i + 1;
      let hasVowel = false;
      let subscript = false;
      let silenced = false;
      for (; j < chars.length; j++) {
        const c = chars[j] as string;
        if (c === COENG && CONSONANTS[chars[j + 1] as string]) {
          subscript = true;
          j++;
        } else if (VOWELS[c] !== undefined || c === NIKAHIT || c === REAHMUK) hasVowel = true;
        else if (c === SILENCE) silenced = true;
        else if (CONSONANTS[c] || INDEPENDENT[c] !== undefined || /\s/u.test(c)) break;
      }
      if (silenced) {
        i = j - 1;
        continue;
      }
      // A bare consonant after an open syllable closes it; ហ and អ, which are not written as
      // finals (ះ is), begin a syllable of their own inside a word (សីហនុ Sihanu).
      if (!hasVowel && !subscript && open() && last && !(j < chars.length && (ch === 'ហ' || ch === 'អ'))) {
        last.final += cons[2];
        continue;
      }
      let onset = cons[1];
      let series = cons[0];
      let k = i + 1;
      if (subscript && open() && last) {
        // Under a consonant that closes the syllable before, the subscript begins the next.
        last.final += cons[2];
        const sub = CONSONANTS[chars[i + 2] as string];
        if (sub) {
          onset = sub[1];
          series = sub[0];
        }
        k = i + 3;
      }
      const syl: Syllable = {
        onset,
        series,
        vowel: null,
        independent: null,
        nikahit: false,
        reahmuk: false,
        final: '',
      };
      for (; k < j; k++) {
        const c = chars[k] as string;
        if (c === COENG) {
          const sub = CONSONANTS[chars[k + 1] as string];
          if (sub) {
            // A cluster (ស្រី Srei): the subscript's letters after the onset's.
            syl.onset += sub[1];
            k++;
          }
        } else if (c === TO_A) {
          syl.series = 1;
          // ប with ៉ is the p of loanwords and names (ប៉ុល Pol).
          if (syl.onset === 'b') syl.onset = 'p';
        } else if (c === TO_O) syl.series = 2;
        else if (VOWELS[c] !== undefined) syl.vowel = c;
        else if (c === NIKAHIT) syl.nikahit = true;
        else if (c === REAHMUK) syl.reahmuk = true;
      }
      out.push(syl);
      i = j - 1;
    } else if (INDEPENDENT[ch] !== undefined) {
      out.push({
        onset: '',
        series: 1,
        vowel: null,
        independent: INDEPENDENT[ch] ?? '',
        nikahit: false,
        reahmuk: false,
        final: '',
      });
    } else if (ch === NIKAHIT && last) last.nikahit = true;
    else if (ch === REAHMUK && last) last.reahmuk = true;
  }
  return out;
}

function read(s: Syllable, usual: 0 | 1): string {
  const series = s.series - 1;
  let nucleus: string;
  if (s.independent !== null) nucleus = s.independent;
  else if (s.vowel !== null) nucleus = VOWELS[s.vowel]?.[usual]?.[series] ?? '';
  else nucleus = series === 0 ? 'a' : 'o';
  if (s.nikahit) {
    // ំ is a final m: after the inherent vowel am (a-series) or um (o-series, written om too).
    if (s.vowel === null && s.independent === null) nucleus = series === 0 ? 'a' : usual ? 'o' : 'u';
    else if (s.vowel === 'ា') nucleus = series === 0 ? 'a' : 'oa';
    nucleus += 'm';
  }
  if (s.reahmuk) nucleus += 'h';
  // A final v after a vowel is written u in the usual spellings (ខៀវ Khieu).
  const final = usual && s.final === 'v' ? 'u' : s.final;
  return s.onset + nucleus + final;
}

/**
 * A Khmer word's Latin readings: the UNGEGN one first, then the usual spelling of personal
 * names (ែ as e, ី as i, ូ as u, final វ as u), lowercase ASCII. Empty when nothing is read.
 */
export function romaniseKhmer(token: string): string[] {
  const syl = syllables(token);
  if (syl.length === 0) return [];
  const readings = [0, 1].map((u) =>
    syl
      .map((s) => read(s, u as 0 | 1))
      .join('')
      .replace(/[^a-z]/g, ''),
  );
  return [...new Set(readings)].filter(Boolean);
}

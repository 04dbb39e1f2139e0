/**
 * Thai names in Latin letters. any-ascii romanises Thai letter by letter: a leading vowel
 * stays in front of its consonant (ใจดี "aichdi"), the vowels Thai does not write are missing
 * (สมชาย "smchay") and silenced letters are read (ประยุทธ์ "prayuthth"), so no Thai record met
 * the spelling on a passport. This reads a word syllable by syllable, as the Royal Thai
 * General System does (สมชาย Somchai, ใจดี Chaidi, ประยุทธ์ Prayut), and also in the popular
 * spelling most Thai passports and lists carry (Jaidee, Boonmee, Pornthip).
 *
 * A syllable is an optional leading vowel (เ แ โ ใ ไ), an initial consonant or cluster
 * (ปร, กล, …; a silent ห or อ before a sonorant), the vowel marks and vowel letters after it,
 * and a final consonant unless that consonant starts the next syllable (it carries a vowel
 * mark). Without a written vowel a consonant takes o before a final and a at the end.
 * Tone marks are dropped; a letter under the silencer ์ (with its vowel mark) is not read.
 * Names borrowed from Sanskrit and Pali often read letters Thai spelling keeps silent, or
 * the reverse (ชาญวีรกูล is Chanwirakun); those come out close rather than exact.
 */

/** Initial and final sounds, RTGS. A final of '' is not pronounced. */
const CONSONANTS: Record<string, [initial: string, final: string]> = {
  ก: ['k', 'k'],
  ข: ['kh', 'k'],
  ฃ: ['kh', 'k'],
  ค: ['kh', 'k'],
  ฅ: ['kh', 'k'],
  ฆ: ['kh', 'k'],
  ง: ['ng', 'ng'],
  จ: ['ch', 't'],
  ฉ: ['ch', 't'],
  ช: ['ch', 't'],
  ซ: ['s', 't'],
  ฌ: ['ch', 't'],
  ญ: ['y', 'n'],
  ฎ: ['d', 't'],
  ฏ: ['t', 't'],
  ฐ: ['th', 't'],
  ฑ: ['th', 't'],
  ฒ: ['th', 't'],
  ณ: ['n', 'n'],
  ด: ['d', 't'],
  ต: ['t', 't'],
  ถ: ['th', 't'],
  ท: ['th', 't'],
  ธ: ['th', 't'],
  น: ['n', 'n'],
  บ: ['b', 'p'],
  ป: ['p', 'p'],
  ผ: ['ph', 'p'],
  ฝ: ['f', 'p'],
  พ: ['ph', 'p'],
  ฟ: ['f', 'p'],
  ภ: ['ph', 'p'],
  ม: ['m', 'm'],
  ย: ['y', 'i'],
  ร: ['r', 'n'],
  ล: ['l', 'n'],
  ว: ['w', 'o'],
  ศ: ['s', 't'],
  ษ: ['s', 't'],
  ส: ['s', 't'],
  ห: ['h', ''],
  ฬ: ['l', 'n'],
  อ: ['', ''],
  ฮ: ['h', ''],
};

/** Popular spellings of initials where they differ from RTGS (Jaidee, Pornthip, Pattaya). */
const POPULAR_INITIAL: Record<string, string> = { จ: 'j', ผ: 'p', พ: 'p', ภ: 'p' };

const LEADING = new Set(['เ', 'แ', 'โ', 'ใ', 'ไ']);
/** Vowel marks written after (above, below) the consonant they follow in speech. */
const FOLLOWING = new Set(['ะ', 'ั', 'า', 'ำ', 'ิ', 'ี', 'ึ', 'ื', 'ุ', 'ู']);
/** Second letters of initial clusters (ปร pr, กล kl, กว kw, …). */
const CLUSTER_SECOND = new Set(['ร', 'ล', 'ว']);
const CLUSTER_FIRST = new Set(['ก', 'ข', 'ค', 'ต', 'ป', 'ผ', 'พ', 'บ', 'ด', 'ฟ']);
/** Consonants a silent ห or อ may lead (หญิง ying, หนู nu, อยู่ yu). */
const SONORANTS = new Set(['ง', 'ญ', 'น', 'ม', 'ย', 'ร', 'ล', 'ว']);

/** A word-final ร after these is silent (มิตร mit, ประวิตร Prawit, บุตร but). */
const SILENT_R_AFTER = new Set(['ต', 'ท', 'ด', 'จ', 'ฐ']);

const isConsonant = (c: string | undefined): c is string => c !== undefined && c in CONSONANTS;

interface Reading {
  rtgs: string;
  popular: string;
}

/** The word's RTGS and popular spellings (lowercase ASCII), RTGS first; one if they agree. */
export function romaniseThai(token: string): string[] {
  const letters = [
    ...token
      .normalize('NFC')
      .replace(/\u0e4d\u0e32/g, 'ำ') // sara am typed as nikhahit and sara aa
      .replace(/[\u0e48-\u0e4b\u0e47\u0e4d]/g, '') // tone marks, the shortener
      // ทร์ (จันทร์ Chan) silences both; otherwise the letter under ์ and its vowel mark.
      .replace(/[ทตดส]ร\u0e4c/g, '')
      .replace(/[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c/g, ''),
  ].filter((c) => isConsonant(c) || LEADING.has(c) || FOLLOWING.has(c) || c === 'ฤ');
  const syllables: Reading[] = [];
  let i = 0;

  // A consonant starts a syllable when a following vowel mark is its own (directly, or after
  // the second letter of a cluster).
  const startsSyllable = (j: number): boolean => {
    const c = letters[j];
    if (!isConsonant(c)) return false;
    const next = letters[j + 1];
    if (next === undefined) return false;
    if (FOLLOWING.has(next)) return true;
    // อ as the vowel o (ทอง thong), รร as an (วรรณ wan).
    if (next === 'อ' && !FOLLOWING.has(letters[j + 2] ?? '')) return true;
    if (next === 'ร' && letters[j + 2] === 'ร') return true;
    return clusters(c, next) && letters[j + 2] !== undefined && FOLLOWING.has(letters[j + 2]!);
  };
  const clusters = (first: string, second: string) => CLUSTER_FIRST.has(first) && CLUSTER_SECOND.has(second);
  // Two consonants ending a word after an open vowel are a syllable of their own (ศิริพร
  // Siriphon, ธนาธร Thanathon) unless the second is a silent ร after a stop (ประวิตร Prawit);
  // after ั the first is always the final (ชินวัตร Chinwat).
  // Only a sonorant ends such a syllable: two stops at the end are a final and a silent
  // letter of a Sanskrit spelling (ยุทธ yut, พุทธ phut).
  const opensLastSyllable = (j: number, marks: string): boolean =>
    !marks.startsWith('ั') &&
    isConsonant(letters[j + 1]) &&
    SONORANTS.has(letters[j + 1]!) &&
    j + 2 === letters.length &&
    !(letters[j + 1] === 'ร' && SILENT_R_AFTER.has(letters[j]!));

  // A leading vowel written before two consonants that make no cluster, the second with a
  // vowel mark of its own, belongs to the second: the first is a syllable in a (เจริญ
  // charoen, เฉลิม chaloem).
  let carried = '';

  while (i < letters.length) {
    let lead = carried;
    carried = '';
    if (lead === '' && LEADING.has(letters[i]!)) lead = letters[i++]!;
    const c1 = letters[i];
    if (c1 === 'ฤ') {
      syllables.push({ rtgs: 'rue', popular: 'rue' });
      i++;
      continue;
    }
    if (!isConsonant(c1)) {
      i++;
      continue;
    }
    i++;
    let initial = CONSONANTS[c1]![0];
    let popularInitial = POPULAR_INITIAL[c1] ?? initial;
    const second = letters[i];
    if (
      lead === 'เ' &&
      second !== undefined &&
      SONORANTS.has(second) &&
      !clusters(c1, second) &&
      c1 !== 'ห' &&
      c1 !== 'อ' &&
      ['ิ', 'ี', 'ื', 'า', 'ะ'].includes(letters[i + 1] ?? '')
    ) {
      syllables.push({ rtgs: `${initial}a`, popular: `${popularInitial}a` });
      carried = lead;
      continue;
    }
    if ((c1 === 'ห' || (c1 === 'อ' && second === 'ย')) && second !== undefined && SONORANTS.has(second)) {
      initial = popularInitial = CONSONANTS[second]![0];
      i++;
    } else if (
      (c1 === 'ศ' || c1 === 'ส') &&
      second === 'ร' &&
      (lead !== '' || FOLLOWING.has(letters[i + 1] ?? ''))
    ) {
      i++; // ศร and สร read s (ศรี Si)
    } else if (
      second !== undefined &&
      clusters(c1, second) &&
      (lead !== '' || (letters[i + 1] !== undefined && FOLLOWING.has(letters[i + 1]!)))
    ) {
      initial += CONSONANTS[second]![0];
      popularInitial += CONSONANTS[second]![0];
      i++;
    }

    let marks = '';
    while (letters[i] !== undefined && FOLLOWING.has(letters[i]!)) marks += letters[i++];
    const { vowel, popularVowel, open } = readVowel(lead, marks);
    let rtgsVowel = vowel;
    let popVowel = popularVowel;
    let closed = open;
    if (lead === '' && marks === '') {
      // No written vowel: a vowel letter (อ o, ว ua), รร (an), or the inherent o or a.
      const next = letters[i];
      if (next === 'อ' && !startsSyllable(i)) {
        rtgsVowel = popVowel = 'o';
        i++;
      } else if (next === 'ว' && isConsonant(letters[i + 1]) && !startsSyllable(i + 1)) {
        rtgsVowel = popVowel = 'ua';
        i++;
      } else if (next === 'ร' && letters[i + 1] === 'ร') {
        i += 2;
        const after = isConsonant(letters[i]) && !startsSyllable(i);
        rtgsVowel = popVowel = after ? 'a' : 'an';
        closed = !after;
      } else if (next === 'ว' && startsSyllable(i + 1)) {
        // ว before a syllable of its own begins a syllable too (ชวลิต Chawalit), not a final o.
        rtgsVowel = popVowel = 'a';
        closed = true;
      } else if (isConsonant(next) && !startsSyllable(i)) {
        rtgsVowel = popVowel = 'o';
      } else {
        rtgsVowel = popVowel = 'a';
        closed = true;
      }
    } else if (lead === 'เ' && marks === '' && letters[i] === 'อ' && !startsSyllable(i)) {
      rtgsVowel = popVowel = 'oe';
      i++;
    } else if (lead === 'เ' && marks === 'ี' && letters[i] === 'ย') {
      rtgsVowel = 'ia';
      popVowel = 'ia';
      i++;
    } else if (lead === 'เ' && marks === 'ื' && letters[i] === 'อ') {
      rtgsVowel = popVowel = 'uea';
      i++;
    } else if (lead === '' && marks === 'ื' && letters[i] === 'อ') {
      i++;
    } else if (lead === '' && marks === 'ั' && letters[i] === 'ว') {
      rtgsVowel = popVowel = 'ua';
      i++;
    }

    let final = '';
    let popularFinal = '';
    if (!closed && isConsonant(letters[i]) && !startsSyllable(i) && !opensLastSyllable(i, marks)) {
      const f = letters[i++]!;
      final = CONSONANTS[f]![1];
      popularFinal = f === 'ร' && rtgsVowel === 'o' ? 'rn' : final;
      // A second final letter is silent (ชินวัตร Chinnawat, ลักษ(ณ์) Lak).
      if (isConsonant(letters[i]) && !startsSyllable(i) && (letters[i] === 'ร' || i === letters.length - 1))
        i++;
    }
    // Popular spelling writes a short u closed by a consonant oo (บุญ Boon), open u (สุ Su).
    if (marks === 'ุ' && final !== '') popVowel = 'oo';
    syllables.push({
      rtgs: initial + rtgsVowel + final,
      popular: popularInitial + popVowel + popularFinal,
    });
  }
  const rtgs = syllables.map((s) => s.rtgs).join('');
  const popular = syllables.map((s) => s.popular).join('');
  return [...new Set([rtgs, popular])].filter(Boolean);
}

/** The vowel a leading vowel and following marks spell, and whether it closes the syllable. */
function readVowel(lead: string, marks: string): { vowel: string; popularVowel: string; open: boolean } {
  const v = (vowel: string, popularVowel = vowel, open = false) => ({ vowel, popularVowel, open });
  switch (lead) {
    case 'เ':
      if (marks.startsWith('า')) return v('ao', 'ao', true);
      if (marks === 'ะ') return v('e', 'e', true);
      if (marks === 'ิ') return v('oe');
      return v('e');
    case 'แ':
      return v('ae', 'ae', marks === 'ะ');
    case 'โ':
      return v('o', 'o', marks === 'ะ');
    case 'ใ':
    case 'ไ':
      return v('ai', 'ai', true);
  }
  if (marks === '') return v('');
  if (marks.startsWith('ั')) return v('a');
  if (marks === 'ำ') return v('am', 'am', true);
  if (marks === 'ะ') return v('a', 'a', true);
  if (marks === 'า') return v('a');
  if (marks === 'ิ') return v('i');
  if (marks === 'ี') return v('i', 'ee');
  if (marks === 'ึ' || marks === 'ื') return v('ue');
  if (marks === 'ุ') return v('u');
  if (marks === 'ู') return v('u', 'oo');
  return v('a');
}

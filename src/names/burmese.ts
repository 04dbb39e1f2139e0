/**
 * Burmese names in Latin letters (`equivalences/burmese.ts`): recognised by their words, so
 * that an honorific before one can be left out and a word more or fewer read as another name.
 */
import { BURMESE_HONORIFICS, BURMESE_MARKS, BURMESE_WORDS } from './equivalences/burmese.ts';

const MARKS = new Set(BURMESE_MARKS);
const WORDS = new Set([...BURMESE_MARKS, ...BURMESE_WORDS]);
const HONORIFICS = new Set(BURMESE_HONORIFICS);

/**
 * Whether lowercase Latin words are a Burmese name: all of them words of Burmese names and one
 * a spelling only Burmese names have (Aung, Kyi, Thant), so that Ma Lin, Min Jun or Win Tin
 * alone, which Chinese and Korean names also make, are not.
 */
export function isBurmeseName(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  let marked = false;
  for (const w of words) {
    if (!WORDS.has(w)) return false;
    if (MARKS.has(w)) marked = true;
  }
  return marked;
}

/** Whether a lowercase word is an honorific written before a Burmese name (U, Daw, Ko, Ma…). */
export function isBurmeseHonorific(word: string): boolean {
  return HONORIFICS.has(word);
}

/**
 * Person-name matching: the public interface. No database here; the records module stores
 * `preparePerson()` output and `personBlockingKeys()` per person, probes
 * `queryBlockingKeys()` and ranks candidates with `scorePerson()`.
 */
export { compareDates, EARLIEST_BIRTH_YEAR, parseDate } from './dates.ts';
export { classesOfNative, classesOfSpelling, equivalenceClass } from './equivalences/index.ts';
export { MAX_PERSON_KEYS, MAX_QUERY_KEYS, personBlockingKeys, queryBlockingKeys } from './keys.ts';
export { caseFold, cleanText, latinVariants, stripDiacritics } from './normalise.ts';
export { parseName } from './parse.ts';
export { fold, latinSkeleton, metaphone } from './phonetic.ts';
export { preparePerson, prepareQuery } from './prepare.ts';
export { type KeyHits, keyWorth, MAX_CANDIDATES, PER_KEY_LIMIT, rankCandidates } from './retrieve.ts';
export {
  bandOf,
  frequencyKey,
  POSSIBLE,
  STRONG,
  scoreOnly,
  scorePerson,
  tokenFrequencyKeys,
} from './score.ts';
export { jaroWinkler } from './similarity.ts';
export { romaniseCyrillic, romaniseCyrillicAs } from './transliterate/cyrillic.ts';
export { romanise, scriptOf } from './transliterate/index.ts';
export type * from './types.ts';
export { type IndexedPerson, indexPerson, NAMES_INDEX_VERSION } from './version.ts';

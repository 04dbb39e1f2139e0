/**
 * Names of their own: spellings so many people bear that one letter from another such name is
 * more likely the other person's name than a typing mistake (Marta against Maria, Möller
 * against Müller). A spelling is attested when the equivalence or short-form tables know it,
 * when the list of common names (`equivalences/common-names.ts`) has it, or — when the caller
 * supplies frequencies — when its code is borne by at least `ATTESTED_SHARE` of persons.
 * Scoring only: nothing here reaches the prepared forms or the keys.
 */
import { COMMON_NAMES } from './equivalences/common-names.ts';

/** Spelling → the groups (one name written one or several ways) of the common-names list. */
const groups = new Map<string, number[]>();
let next = 0;
for (const text of Object.values(COMMON_NAMES)) {
  for (const entry of text.split(/\s+/)) {
    if (!entry) continue;
    next++;
    for (const spelling of entry.split('/')) {
      const list = groups.get(spelling);
      if (!list) groups.set(spelling, [next]);
      else if (!list.includes(next)) list.push(next);
    }
  }
}

const NONE: readonly number[] = [];

/**
 * The cultures of the list whose names differ by their final vowel alone (Ethiopian Haile /
 * Hailu, Gebre / Gebru; Javanese Sukarno / Sukarni, Hartono / Hartini), where elsewhere a
 * final vowel is a form of one name (Kowalski / Kowalska) and not another name.
 */
const FINAL_VOWEL_CULTURES = ['ethiopian', 'indonesian'];
const finalVowelNames = new Set(
  FINAL_VOWEL_CULTURES.flatMap((c) => (COMMON_NAMES[c] ?? '').split(/[\s/]+/).filter(Boolean)),
);

/** Both spellings are names of a culture where the final vowel makes another name. */
export function finalVowelMatters(x: string, y: string): boolean {
  return finalVowelNames.has(x) && finalVowelNames.has(y);
}

/** The common-names groups of a token's spellings (none when the list lacks them all). */
export function commonNameGroups(spellings: readonly string[]): readonly number[] {
  let out: number[] | undefined;
  for (const s of spellings) {
    const g = groups.get(s);
    if (!g) continue;
    if (!out) out = [...g];
    else for (const x of g) if (!out.includes(x)) out.push(x);
  }
  return out ?? NONE;
}

/**
 * The smallest share of persons (per `frequencyKey`) at which a spelling's code counts as a
 * name of its own: three persons in a thousand, a common name (at a million persons, 3,000
 * bearers). Lower shares are met by chance in small sets: in the evaluation's sets of 3,000
 * persons, 0.001 is three persons, and it took `strong` from a few true matches there.
 */
export const ATTESTED_SHARE = 0.003;

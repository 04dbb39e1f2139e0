import { type IndexedPerson, indexPerson, type PersonInput, type Sex } from '../names/index.ts';
import type { IndexKey } from './identifiers.ts';
import type { PersonData } from './kinds/person.ts';

/**
 * How a person record is found by name. When a person is written, the names library
 * prepares its names once (tokens, romanisations, phonetic and skeleton codes) and derives
 * blocking keys: the prepared form is kept on the record (records.person_match) so that a
 * search scores candidates without parsing them again, and the keys go to
 * record_identifiers under the scheme `name`, where they share the lifecycle of every other
 * search key (corrections, deletion, lapse, purge).
 */

export const NAME_SCHEME = 'name';

export interface PersonNameIndex {
  prepared: IndexedPerson['prepared'];
  keys: IndexKey[];
}

export function personInput(data: PersonData): PersonInput {
  return {
    names: data.names.map((n) => ({
      full: n.full,
      ...(n.given ? { given: n.given } : {}),
      ...(n.family ? { family: n.family } : {}),
      ...(n.script ? { script: n.script } : {}),
    })),
    ...(data.dateOfBirth ? { dateOfBirth: data.dateOfBirth } : {}),
    ...(data.sex ? { sex: data.sex as Sex } : {}),
    ...(data.nationalities?.length ? { nationalities: data.nationalities } : {}),
  };
}

/** The stored form and the name keys of a person's data (already validated). */
export function personNameIndex(data: PersonData): PersonNameIndex {
  const { prepared, keys } = indexPerson(personInput(data));
  return { prepared, keys: keys.map((value) => ({ scheme: NAME_SCHEME, value })) };
}

import {
  type PersonInput,
  type PreparedPerson,
  personBlockingKeys,
  preparePerson,
  type Sex,
} from '../names/index.ts';
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

/**
 * The version of what is stored: the prepared form's own version and the key scheme.
 * Bump it when the names library changes either; the reindex job (person-names-job.ts)
 * then recomputes every person's stored form and keys.
 */
export const NAMES_INDEX_VERSION = 4;

export const NAME_SCHEME = 'name';

export interface PersonNameIndex {
  prepared: PreparedPerson & { iv: number };
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
  const prepared = preparePerson(personInput(data));
  return {
    prepared: { ...prepared, iv: NAMES_INDEX_VERSION },
    keys: personBlockingKeys(prepared).map((value) => ({ scheme: NAME_SCHEME, value })),
  };
}

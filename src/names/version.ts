import { personBlockingKeys } from './keys.ts';
import { preparePerson } from './prepare.ts';
import type { PersonInput, PreparedPerson } from './types.ts';

/**
 * The version of what the names library asks callers to store: the prepared form
 * (`preparePerson`) and the blocking keys (`personBlockingKeys`). Bump it whenever a change
 * alters either for some name; the stores that keep them — person records, notices in force,
 * the protected-persons list — carry it as `iv` in their prepared form, and their reindex
 * jobs recompute whatever an older version wrote (docs/names.md, "Upgrading").
 */
export const NAMES_INDEX_VERSION = 16;

/** What a store keeps of a person to find it by name. */
export interface IndexedPerson {
  /** The prepared form, stamped with the version that made it. */
  prepared: PreparedPerson & { iv: number };
  /** Its distinct blocking keys. */
  keys: string[];
}

export function indexPerson(input: PersonInput): IndexedPerson {
  const prepared = preparePerson(input);
  return {
    prepared: { ...prepared, iv: NAMES_INDEX_VERSION },
    keys: [...new Set(personBlockingKeys(prepared))],
  };
}

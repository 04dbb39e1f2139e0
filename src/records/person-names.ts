import { sql } from 'kysely';
import {
  type IndexedPerson,
  indexPerson,
  NAMES_INDEX_VERSION,
  type PersonInput,
  type Sex,
} from '../names/index.ts';
import type { Kdb } from '../platform/db.ts';
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

/**
 * A stored prepared form (a `person_match` column: records, notices, protected persons)
 * made by an older names library, or never made.
 */
export const STALE_PERSON_MATCH = sql<boolean>`(person_match IS NULL OR (person_match->>'iv')::int IS DISTINCT FROM ${NAMES_INDEX_VERSION})`;

/**
 * Whether a store's reindex noted (in settings, under `key`) that everything it keeps was
 * prepared by this names library: then a reindex run costs this one lookup.
 */
export async function namesVersionNoted(db: Kdb, key: string): Promise<boolean> {
  const noted = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return (noted?.value as { version?: number } | undefined)?.version === NAMES_INDEX_VERSION;
}

export async function noteNamesVersion(db: Kdb, key: string): Promise<void> {
  await sql`
    INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify({ version: NAMES_INDEX_VERSION })}::text::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`.execute(db);
}

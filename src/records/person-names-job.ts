import { sql } from 'kysely';
import type { Job } from '../platform/jobs.ts';
import { KEYS_OF_RECORDS, searchKeys } from './identifiers.ts';
import type { PersonData } from './kinds/person.ts';
import { NAME_SCHEME, NAMES_INDEX_VERSION, personNameIndex } from './person-names.ts';

const SETTING = 'names-index-version';
const BATCH = 2000;

/**
 * Keeps every person findable by name: persons recorded before name matching existed, or
 * prepared by an older version of the names library (NAMES_INDEX_VERSION), get their
 * stored form and name keys recomputed, a batch per run. Once none is left the version is
 * noted in settings, and later runs cost one lookup.
 */
export const personNameJobs: Job[] = [
  {
    name: 'records.person-names',
    intervalMs: 60_000,
    async run(ctx) {
      await reindexPersonNames(ctx);
    },
  },
];

export async function reindexPersonNames(ctx: Parameters<Job['run']>[0], batch = BATCH): Promise<number> {
  const done = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTING)
    .executeTakeFirst();
  if ((done?.value as { version?: number } | undefined)?.version === NAMES_INDEX_VERSION) return 0;

  const stale = await sql<{ id: string; data: PersonData; search_keys: string[] }>`
    SELECT id, data, search_keys FROM records
    WHERE kind = 'person' AND status <> 'deleted'
      AND (person_match IS NULL OR (person_match->>'iv')::int IS DISTINCT FROM ${NAMES_INDEX_VERSION})
    LIMIT ${batch}`.execute(ctx.db);
  if (stale.rows.length > 0) {
    const rows: { id: string; person_match: object; search_keys: string[] }[] = [];
    const keys: { value: string; record_id: string }[] = [];
    for (const r of stale.rows) {
      const index = personNameIndex(r.data);
      const others = r.search_keys.filter((k) => !k.startsWith(`${NAME_SCHEME}:`));
      rows.push({
        id: r.id,
        person_match: index.prepared,
        search_keys: [...others, ...searchKeys(index.keys)],
      });
      for (const k of index.keys) keys.push({ value: k.value, record_id: r.id });
    }
    // The old name keys go (found through the keys the records stored), the new ones come,
    // and the records remember them — one statement, one snapshot.
    await sql`
      WITH old AS (
        DELETE FROM record_identifiers i
        USING (${KEYS_OF_RECORDS} WHERE r.id = ANY(${stale.rows.map((r) => r.id)}::uuid[])) k
        WHERE k.scheme = ${NAME_SCHEME} AND i.scheme = k.scheme AND i.value = k.value AND i.record_id = k.record_id
      ), fresh AS (
        INSERT INTO record_identifiers (scheme, value, country, record_id)
        SELECT ${NAME_SCHEME}, value, '', record_id
        FROM jsonb_to_recordset(${JSON.stringify(keys)}::text::jsonb) AS t(value text, record_id uuid)
      )
      UPDATE records r SET person_match = t.person_match, search_keys = t.search_keys
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS t(id uuid, person_match jsonb, search_keys text[])
      WHERE r.id = t.id`.execute(ctx.db);
  }
  if (stale.rows.length < batch) {
    await sql`
      INSERT INTO settings (key, value) VALUES (${SETTING}, ${JSON.stringify({ version: NAMES_INDEX_VERSION })}::text::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`.execute(ctx.db);
  }
  return stale.rows.length;
}

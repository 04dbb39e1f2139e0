import { sql } from 'kysely';
import type { Kdb } from '../platform/db.ts';

/**
 * Every table of the database, searched for a text as typed, as hex (bytea columns) and in
 * base64 at each alignment (anything stored encoded): the tables where it is found.
 */
export async function tablesContaining(db: Kdb, needle: string): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const bytes = Buffer.from(needle, 'utf8');
  const forms = [needle, bytes.toString('hex')];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64url');
    // Drop the characters that depend on the bytes around the text.
    forms.push(encoded.slice(Math.ceil((shift * 4) / 3) + 1, -2));
  }
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    for (const form of forms.filter((f) => f.length >= 8)) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(table_name)} t WHERE t::text ILIKE ${`%${form}%`}`.execute(
        db,
      );
      if (Number(rows[0]?.n) > 0) {
        found.push(table_name);
        break;
      }
    }
  }
  return found;
}

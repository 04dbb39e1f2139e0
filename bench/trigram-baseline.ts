import type postgres from 'postgres';

/**
 * The name-search baseline: pg_trgm similarity (GIN index, default threshold 0.3) over the
 * any-ascii transliteration of every name, best ten persons first.
 */
export function trigramCandidates(sqlClient: postgres.Sql, asciiName: string) {
  return sqlClient<{ record_id: string }[]>`
    SELECT record_id, max(similarity(name, ${asciiName})) AS s FROM bench_trgm
    WHERE name % ${asciiName} GROUP BY record_id ORDER BY s DESC LIMIT 10`;
}

/**
 * Candidate pre-ranking: which of the persons found under a query's blocking keys are worth
 * scoring. The database reads at most `perKey` index rows per key; a key shared by few
 * persons says more than one shared by many, so each key counts its weight times
 * (1 + ln(perKey / rows read for that key)), summed over the keys a person shares with the
 * query. The best `maxCandidates` go on to `scoreOnly`. This is the same arithmetic as the SQL
 * in src/records/persons.ts (which may call this function after reading the rows instead), and
 * what the scale evaluation (eval/names) uses, so that both measure one retrieval path.
 */

/** The rows read under one key: the key's weight (from `queryBlockingKeys`) and the ids found. */
export interface KeyHits<Id> {
  key: string;
  weight: number;
  /** Ids read under the key, at most `perKey` of them (the index's first rows). */
  ids: readonly Id[];
}

/**
 * Index rows read per key and candidates scored per query (the database's defaults). Fifty
 * candidates keep recall (at a million persons R@10 0.909 against 0.913 with a hundred) at
 * two thirds of the search's cost: reading and scoring a candidate is most of it.
 */
export const PER_KEY_LIMIT = 100;
export const MAX_CANDIDATES = 50;

/** The rarity-weighted worth of one key's hit: weight × (1 + ln(perKey / rows read)). */
export function keyWorth(weight: number, rowsRead: number, perKey: number = PER_KEY_LIMIT): number {
  if (rowsRead <= 0) return 0;
  return weight * (1 + Math.log(perKey / rowsRead));
}

/**
 * The candidates to score, best pre-rank first (ties: first found first). Pure; `hits` may
 * come from SQL or from an in-memory index. Ids beyond `perKey` per key are ignored, as the
 * database would not have read them.
 */
export function rankCandidates<Id>(
  hits: readonly KeyHits<Id>[],
  maxCandidates: number = MAX_CANDIDATES,
  perKey: number = PER_KEY_LIMIT,
): Id[] {
  const worth = new Map<Id, number>();
  for (const h of hits) {
    const n = Math.min(h.ids.length, perKey);
    if (n === 0) continue;
    const w = keyWorth(h.weight, n, perKey);
    for (let i = 0; i < n; i++) {
      const id = h.ids[i] as Id;
      worth.set(id, (worth.get(id) ?? 0) + w);
    }
  }
  // Map iteration is insertion order and Array.prototype.sort is stable: ties keep it.
  return [...worth.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Math.max(0, maxCandidates))
    .map((e) => e[0]);
}

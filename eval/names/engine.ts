/**
 * Concord as the database runs it, in memory: persons' blocking keys in an index whose lists
 * keep the order persons were written (a PostgreSQL btree returns equal keys in heap order,
 * so the earliest written come first), at most PER_KEY_LIMIT rows read per key, candidates
 * pre-ranked by `rankCandidates` (the same rarity weighting as src/records/persons.ts), the
 * best MAX_CANDIDATES scored with `scoreOnly`, scores under MIN_SCORE dropped, and token
 * frequencies counted from the `t:` keys up to FREQUENCY_CAP over the number of persons.
 */
import {
  MAX_CANDIDATES,
  PER_KEY_LIMIT,
  type PersonInput,
  type PreparedPerson,
  personBlockingKeys,
  preparePerson,
  prepareQuery,
  type QueryInput,
  queryBlockingKeys,
  rankCandidates,
  scoreOnly,
  type TokenFrequency,
} from '../../src/names/index.ts';

/** As in src/records/persons.ts. */
const MIN_SCORE = 0.3;
const FREQUENCY_CAP = 50_000;

export interface SearchResult {
  /** Person indexes, best first (at most `limit`). */
  ranked: number[];
  scores: number[];
  /** The expected person was read under some key / kept among the scored candidates. */
  read: boolean;
  scored: boolean;
  candidates: number;
}

export class Engine {
  readonly prepared: PreparedPerson[] = [];
  readonly index = new Map<string, number[]>();

  /** Writes a person; returns its index (its "id"). */
  add(p: PersonInput): number {
    const pp = preparePerson(p);
    return this.addPrepared(pp, personBlockingKeys(pp));
  }

  addPrepared(pp: PreparedPerson, keys: readonly string[]): number {
    const id = this.prepared.length;
    this.prepared.push(pp);
    for (const k of keys) {
      const list = this.index.get(k);
      if (list) list.push(id);
      else this.index.set(k, [id]);
    }
    return id;
  }

  get size(): number {
    return this.prepared.length;
  }

  private frequency(): TokenFrequency {
    const n = this.prepared.length;
    return (key) => {
      const list = this.index.get(`t:${key}`);
      return list && n > 0 ? Math.min(list.length, FREQUENCY_CAP) / n : undefined;
    };
  }

  search(q: QueryInput, expect?: number, limit = 10): SearchResult {
    const pq = prepareQuery(q);
    const keys = queryBlockingKeys(pq);
    const hits = keys.map(({ key, weight }) => ({
      key,
      weight,
      ids: (this.index.get(key) ?? []).slice(0, PER_KEY_LIMIT),
    }));
    const read = expect !== undefined && hits.some((h) => h.ids.includes(expect));
    const candidates = rankCandidates(hits, MAX_CANDIDATES, PER_KEY_LIMIT);
    const freq = this.frequency();
    const scored: [number, number][] = [];
    for (const id of candidates) {
      const s = scoreOnly(pq, this.prepared[id] as PreparedPerson, freq);
      if (s >= MIN_SCORE) scored.push([id, s]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    const top = scored.slice(0, limit);
    return {
      ranked: top.map((s) => s[0]),
      scores: top.map((s) => s[1]),
      read,
      scored: expect !== undefined && candidates.includes(expect),
      candidates: candidates.length,
    };
  }
}

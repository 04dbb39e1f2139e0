import type { Clock } from './clock.ts';

/**
 * A small time-bounded cache for hot, rarely changing rows (API keys, agencies) on the
 * check path. The process that changes a row deletes its entry at once; other server
 * processes see the change within the TTL — the documented bound on how long a revoked key
 * or a suspended agency may still be served by another process.
 */
export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs && now >= hit.at) return hit.value;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: now });
    return value;
  }

  /** The value if it is still fresh; for callers that load many missing keys at once. */
  peek(key: K): V | undefined {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    return hit && now - hit.at < this.ttlMs && now >= hit.at ? hit.value : undefined;
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: this.clock.now().getTime() });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One cache per context and purpose, so that test apps never share entries. */
export function cacheFor<K, V>(owner: object, name: string, clock: Clock, ttlMs: number): TtlCache<K, V> {
  let byName = registry.get(owner);
  if (!byName) {
    byName = new Map();
    registry.set(owner, byName);
  }
  let cache = byName.get(name) as TtlCache<K, V> | undefined;
  if (!cache) {
    cache = new TtlCache<K, V>(clock, ttlMs);
    byName.set(name, cache as TtlCache<unknown, unknown>);
  }
  return cache;
}

const registry = new WeakMap<object, Map<string, TtlCache<unknown, unknown>>>();

/** How long another process may serve a revoked key or a suspended agency. */
export const HOT_ROW_TTL_MS = 5_000;

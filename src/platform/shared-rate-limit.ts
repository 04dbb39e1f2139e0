import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Context } from './context.ts';

type Answer = (error: Error | null, result?: { current: number; ttl: number }) => void;
type Count = (key: string, answer: Answer, timeWindow: number, max: number) => void;

/** @fastify/rate-limit's own in-memory store, for every route whose limit is not shared. */
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding?: boolean,
  exponentialBackoff?: boolean,
  cache?: number,
) => { incr: Count };

/**
 * Rate limits that hold across server processes (`CONCORD_WORKERS`) and servers sharing one
 * database. The limits that guard credentials — sign-in and password or MFA checks per client
 * address — are counted in the database: counted in each process's memory, N processes
 * would let an address try N times the limit (a password sprayed over many usernames passes
 * the per-username throttle by design). The other limits (public pages, health checks) stay in
 * memory, where a count costs nothing: they shed load, they guard nothing.
 */

/** A route's limit counted in the database: the route's `config.rateLimit`. */
export function sharedLimit(max: number, timeWindow: string): RateLimitOptions {
  return { max, timeWindow, shared: true } as RateLimitOptions;
}

interface StoreParams {
  shared?: boolean;
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  cache?: number;
  routeInfo?: { method?: string | string[]; url?: string };
}

/** The store to give @fastify/rate-limit (`store`): shared limits in the database, others in memory. */
export function rateLimitStore(ctx: Context) {
  return class RateLimitStore {
    private readonly local: InstanceType<typeof LocalStore>;
    constructor(
      params: StoreParams,
      private readonly route?: string,
    ) {
      this.local = new LocalStore(params.continueExceeding, params.exponentialBackoff, params.cache);
    }

    // Typed as a route's options; it is given the route's rate-limit settings merged.
    child(routeOptions: object) {
      const params = routeOptions as StoreParams;
      const route = `${[params.routeInfo?.method ?? ''].flat().join(',')} ${params.routeInfo?.url ?? ''}`;
      return new RateLimitStore(params, params.shared ? route : undefined);
    }

    incr(key: string, answer: Answer, timeWindow: number, max: number): void {
      const route = this.route;
      if (route === undefined) {
        this.local.incr(key, answer, timeWindow, max);
        return;
      }
      // Counted here first: a flood from one address that this process alone has already
      // refused is refused again without a write, so it cannot be turned into pressure on
      // one database row (and the pool every route shares). What this process lets through
      // is counted in the database, where every process's requests add up.
      this.local.incr(
        key,
        (error, here) => {
          if (error || !here || here.current > max) return answer(error, here);
          countInDatabase(ctx, windowKey(route, key), timeWindow).then(
            (result) => answer(null, result),
            (failure: Error) => answer(failure),
          );
        },
        timeWindow,
        max,
      );
    }
  };
}

/** The row's key: a digest, so that the table holds no client address. */
function windowKey(route: string, client: string): string {
  return createHash('sha256').update(`${route}\n${client}`).digest('base64url');
}

/** One more request in the key's window (a new window once the last has ended). */
async function countInDatabase(ctx: Context, key: string, timeWindow: number) {
  const now = ctx.clock.now();
  const ended = new Date(now.getTime() - timeWindow);
  const { rows } = await sql<{ hits: number; started_at: Date }>`
    INSERT INTO rate_limit_windows AS w (key, started_at, hits) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN w.started_at <= ${ended} THEN 1 ELSE w.hits + 1 END,
      started_at = CASE WHEN w.started_at <= ${ended} THEN ${now} ELSE w.started_at END
    RETURNING hits, started_at`.execute(ctx.db);
  return remaining(rows[0]!, now, timeWindow);
}

function remaining(row: { hits: number; started_at: Date }, now: Date, timeWindow: number) {
  return { current: row.hits, ttl: timeWindow - (now.getTime() - new Date(row.started_at).getTime()) };
}

/** Windows that ended over an hour ago (the longest shared window is a minute). */
export async function purgeEndedWindows(ctx: Context): Promise<void> {
  await ctx.db
    .deleteFrom('rate_limit_windows')
    .where('started_at', '<', new Date(ctx.clock.now().getTime() - 3_600_000))
    .execute();
}

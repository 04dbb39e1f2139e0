import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Permission } from '../access/permissions.ts';
import type { AgencyRef, Principal } from '../access/principal.ts';
import type { Context } from './context.ts';
import type { Kdb } from './db.ts';
import { prunedThrough } from './outbox.ts';
import { SkippedNumbers } from './skipped-numbers.ts';

/** Who is still behind a stream: its credentials checked again, or null once they no longer hold. */
export type StreamCredentials = () => Promise<Principal | null>;

interface Subscriber {
  agencies: Set<string>;
  accepts: (type: string, payload: unknown) => boolean;
  reply: FastifyReply;
  credentials: StreamCredentials;
  checkedAt: number;
  /** While its replay is read: what polls bring meanwhile, written after the replay. */
  held?: string[];
}

/**
 * How often an open stream's credentials are checked again: a stream opened before a sign-out,
 * a disabled account, a revoked key or a suspension ends within this time, and one whose
 * permissions were narrowed stops receiving what they no longer allow.
 */
export const STREAM_RECHECK_MS = 15_000;

/**
 * Event types (by prefix) and the permission a subscriber needs to receive them. Default deny:
 * a type no capability has declared here reaches no one, so that a new kind of event cannot
 * leak to every stream by being forgotten.
 */
const restrictedTypes: { prefix: string; permission: Permission; inScope?: ScopeCheck }[] = [];

/**
 * Whether an agency is within an event's scope: the payload's `SCOPE_KEY`, which events sent to
 * everyone (agency null) may carry — a notice's audience, say — and which is never sent.
 */
export type ScopeCheck = (agency: AgencyRef, scope: unknown, principal: Principal) => boolean;
export const SCOPE_KEY = '_scope';

/** A capability declares the events it emits and who may receive them. */
export function restrictEvents(prefix: string, permission: Permission, inScope?: ScopeCheck): void {
  if (!restrictedTypes.some((r) => r.prefix === prefix))
    restrictedTypes.push({ prefix, permission, ...(inScope ? { inScope } : {}) });
}

function acceptsFor(principal: Principal | null | undefined) {
  return (type: string, payload: unknown) => {
    const rule = restrictedTypes.find((r) => type.startsWith(r.prefix));
    if (!rule || !principal?.permissions.has(rule.permission)) return false;
    const scope = (payload as Record<string, unknown> | null)?.[SCOPE_KEY];
    if (scope === undefined) return true;
    return rule.inScope?.(principal.agency, scope, principal) ?? false;
  };
}

interface OutboxRow {
  seq: string | number | bigint;
  id: string;
  type: string;
  agency: string | null;
  payload: unknown;
  created_at: Date;
}

/**
 * How long a poll keeps looking for an event numbered before one already carried: longer
 * than any transaction that writes events should stay open after taking its number.
 */
export const GAP_WAIT_MS = 60_000;
/** Ranges of skipped numbers looked for at most (each costs the poll's query a condition). */
const MAX_GAP_RANGES = 200;
/**
 * How long a late event (found after its number was skipped) is remembered for replays: a
 * client that was away when it committed, and resumes from a later number, is sent it.
 */
export const LATE_REPLAY_MS = 10 * 60_000;
/** Late events remembered at most. */
const LATE_MAX = 10_000;
/** How far below the highest number a starting process looks for numbers not yet there. */
const START_LOOKBACK = 10_000;

/** Outbox rows read per query of a replay. */
export const REPLAY_PAGE = 1000;
/** Pages a replay reads at most; what is left is announced as a gap. */
export const REPLAY_MAX_PAGES = 50;

/** Resolves when the client has taken what was written, or has gone. */
function drained(reply: FastifyReply): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      reply.raw.off('drain', done);
      reply.raw.off('close', done);
      resolve();
    };
    reply.raw.once('drain', done);
    reply.raw.once('close', done);
  });
}

/**
 * Server-sent events from the outbox. One poller per process reads new outbox rows and
 * fans them out to the connected clients whose agency they concern; because the outbox is
 * in the database, every server process sees every event, and a client that reconnects
 * with Last-Event-ID misses nothing that is still in the outbox (EVENT_REPLAY_DAYS); one
 * that resumes from before what was pruned gets a `stream.gap` event first.
 */
export class EventHub {
  private subscribers = new Set<Subscriber>();
  private lastSeq = 0;
  /**
   * Numbers a poll went past without finding: a transaction that took them may still commit
   * (two server processes sending at once, a hit notification beside a message). Reading
   * only past the highest number seen would never carry them. See skipped-numbers.ts.
   */
  private gaps = new SkippedNumbers(GAP_WAIT_MS, MAX_GAP_RANGES);
  /** Events that came late (numbers found after being skipped), oldest first: see LATE_REPLAY_MS. */
  private late: { seq: number; at: number }[] = [];
  /**
   * When each poll first carried numbers up to `upTo` (oldest first, LATE_REPLAY_MS of them):
   * a client resuming from a number had it no earlier than then, so only what came late
   * after it is replayed to it, not every late event of the last minutes.
   */
  private carried: { upTo: number; at: number }[] = [];
  /**
   * Numbers up to this were first carried before the oldest checkpoint kept (more than
   * LATE_REPLAY_MS ago, or before this process started): a client resuming from one of them
   * may have been away for every late event remembered.
   */
  private carriedThrough = 0;
  private timer: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private rechecking = false;
  /** Pages a replay reads at most (tests lower it). */
  replayMaxPages = REPLAY_MAX_PAGES;

  constructor(
    private readonly ctx: Context,
    private readonly intervalMs = 500,
  ) {}

  async start(): Promise<void> {
    const head = await this.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    this.lastSeq = Number(head?.seq ?? 0);
    this.carriedThrough = this.lastSeq;
    // Numbers below the highest that are not there yet may belong to transactions still open
    // (another process sending as this one starts): looked for as any skipped number is, or
    // a client of this process would never hear of them.
    const present = await this.ctx.db
      .selectFrom('outbox')
      .select('seq')
      .where('seq', '>', Math.max(0, this.lastSeq - START_LOOKBACK))
      // Not past the head read above: a number committed since would make the ones below it
      // skipped ones above lastSeq, each then carried twice (new, then found) and called late.
      .where('seq', '<=', this.lastSeq)
      .orderBy('seq')
      .execute();
    const at = Date.now();
    let previous = Math.max(0, this.lastSeq - START_LOOKBACK);
    for (const row of present) {
      this.gaps.skip(previous, Number(row.seq), at);
      previous = Number(row.seq);
    }
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    this.recheckTimer = setInterval(() => void this.recheck(), STREAM_RECHECK_MS / 3);
    this.recheckTimer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const s of this.subscribers) s.reply.raw.end();
    this.subscribers.clear();
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const started = Date.now();
      this.gaps.expire(started);
      const cutoff = started - LATE_REPLAY_MS;
      this.late.splice(0, olderThan(this.late, cutoff));
      const forgotten = this.carried.splice(0, olderThan(this.carried, cutoff)).at(-1);
      if (forgotten) this.carriedThrough = Math.max(this.carriedThrough, forgotten.upTo);
      const rows = await pollStatement(this.ctx.db, this.lastSeq, this.gaps.list()).execute();
      // One write per client per poll, not per event: each write is a system call, and a
      // busy bureau's stream takes dozens of events per poll.
      const pending = new Map<Subscriber, string[]>();
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq > this.lastSeq) {
          this.gaps.skip(this.lastSeq, seq, started);
          this.lastSeq = seq;
        } else {
          this.gaps.found(seq);
          this.late.push({ seq, at: started });
          if (this.late.length > LATE_MAX) this.late.shift();
        }
        for (const s of this.subscribers)
          if ((row.agency === null || s.agencies.has(row.agency)) && s.accepts(row.type, row.payload)) {
            const texts = pending.get(s);
            if (texts) texts.push(eventText(row));
            else pending.set(s, [eventText(row)]);
          }
      }
      const dropped = this.gaps.takeDropped();
      if (dropped > 0)
        this.ctx.logger.warn(
          { numbers: dropped, ranges: MAX_GAP_RANGES },
          'event numbers no longer looked for (too many skipped ranges): live streams may miss those events; inboxes and delivery queues have them',
        );
      if (this.lastSeq > (this.carried.at(-1)?.upTo ?? 0))
        this.carried.push({ upTo: this.lastSeq, at: started });
      for (const [s, texts] of pending) {
        if (s.held) s.held.push(...texts);
        else s.reply.raw.write(texts.join(''));
      }
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'event poll failed');
    } finally {
      this.polling = false;
    }
  }

  /**
   * Checks again the credentials of the streams not checked for STREAM_RECHECK_MS (all of them
   * with `force`): ends those whose session, account, key or agency no longer holds, and
   * narrows the events of those whose permissions changed.
   */
  async recheck(force = false): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      const now = Date.now();
      for (const s of [...this.subscribers]) {
        if (!force && now - s.checkedAt < STREAM_RECHECK_MS) continue;
        s.checkedAt = now;
        const principal = await s.credentials().catch(() => null);
        if (principal) {
          s.accepts = acceptsFor(principal);
          continue;
        }
        this.subscribers.delete(s);
        s.reply.raw.end('event: stream.end\ndata: {"reason":"signed-out"}\n\n');
      }
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'event stream recheck failed');
    } finally {
      this.rechecking = false;
    }
  }

  async subscribe(
    request: FastifyRequest,
    reply: FastifyReply,
    agencies: string[],
    credentials: StreamCredentials,
  ): Promise<void> {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    reply.raw.write('retry: 3000\n\n');
    const subscriber: Subscriber = {
      agencies: new Set(agencies),
      accepts: acceptsFor(request.principal),
      reply,
      credentials,
      checkedAt: Date.now(),
    };
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      this.subscribers.delete(subscriber);
    });
    // Replay what a reconnecting client missed. The stream is registered first, holding what
    // polls bring while the replay is read (up to `upTo`, where they start): an event emitted
    // in between was otherwise in neither.
    const header = request.headers['last-event-id'];
    const lastEventId =
      typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header) : Number.NaN;
    if (!Number.isInteger(lastEventId)) {
      this.subscribers.add(subscriber);
      return;
    }
    subscriber.held = [];
    const upTo = this.lastSeq;
    // Skipped numbers the poll still looks for: it carries each to this stream (registered in
    // the same turn) when it commits, so the replay leaves them out — one committed before
    // the replay reads it, found by the next poll, was otherwise sent twice.
    const polled = this.gaps.snapshot();
    // Events at or below the client's number that came late after it had that number: it may
    // have been away when they committed, and the replay below reads only past its number.
    // (Sent again if it had them.)
    // When that was is known only from the checkpoints kept: a number carried before the
    // oldest of them may have been had before every late event remembered.
    const hadItFrom =
      lastEventId <= this.carriedThrough ? 0 : (this.carried.find((c) => c.upTo >= lastEventId)?.at ?? 0);
    const lateBelow = this.late.filter((l) => l.seq <= lastEventId && l.at >= hadItFrom).map((l) => l.seq);
    this.subscribers.add(subscriber);
    try {
      // Events older than the replay window are gone: say so first, so that a national
      // system or a screen re-reads its lists instead of trusting a replay with a hole in it.
      const pruned = await prunedThrough(this.ctx.db);
      if (lastEventId < pruned)
        reply.raw.write(
          `event: stream.gap\ndata: ${JSON.stringify({ after: lastEventId, lostThrough: pruned })}\n\n`,
        );
      if (lateBelow.length > 0) {
        const rows = await this.ctx.db
          .selectFrom('outbox')
          .selectAll()
          .where(sql<boolean>`seq = ANY(${lateBelow}::bigint[])`)
          .where(forAgencies(agencies))
          .orderBy('seq')
          .execute();
        const texts = rows.filter((row) => subscriber.accepts(row.type, row.payload)).map(eventText);
        // Then the client's own number again (an id with no data sets it, sends no event): a
        // client cut off here would otherwise resume from the late event's lower number and be
        // replayed everything since.
        if (texts.length > 0 && !reply.raw.write(`${texts.join('')}id: ${lastEventId}\n\n`))
          await drained(reply);
      }
      // Page by page up to `upTo`: a client back after a busy night may have missed more
      // than a page, and stopping at one left a silent hole before the live events. Each page
      // waits for the client to take the last (a slow or hostile reader does not make the
      // server buffer a week of events), and past REPLAY_MAX_PAGES the rest is a gap the
      // client is told of, to re-read its lists.
      let after = lastEventId;
      for (let page = 0; ; page++) {
        if (page === this.replayMaxPages) {
          reply.raw.write(`event: stream.gap\ndata: ${JSON.stringify({ after, lostThrough: upTo })}\n\n`);
          break;
        }
        const missed = await this.ctx.db
          .selectFrom('outbox')
          .selectAll()
          .where('seq', '>', after)
          .where('seq', '<=', upTo)
          .where(forAgencies(agencies))
          .orderBy('seq')
          .limit(REPLAY_PAGE)
          .execute();
        const texts = missed
          .filter((row) => !polled.has(Number(row.seq)) && subscriber.accepts(row.type, row.payload))
          .map(eventText);
        if (texts.length > 0 && !reply.raw.write(texts.join(''))) await drained(reply);
        if (missed.length < REPLAY_PAGE || reply.raw.destroyed) break;
        after = Number(missed[missed.length - 1]!.seq);
      }
      if (subscriber.held.length > 0) reply.raw.write(subscriber.held.join(''));
    } finally {
      subscriber.held = undefined;
    }
  }
}

/**
 * The poll's statement: past the highest number seen, or in a range still looked for. The
 * lowest number wanted is also a bound of its own: PostgreSQL plans a kept statement
 * generically, and with only the OR it walked the outbox's index from its first event —
 * every event of the replay window, each poll — filtering for the few it wanted.
 */
export function pollStatement(db: Kdb, lastSeq: number, ranges: readonly (readonly [number, number])[]) {
  const wanted = [
    sql<boolean>`seq > ${lastSeq}`,
    ...ranges.map(([from, to]) => sql<boolean>`seq BETWEEN ${from} AND ${to}`),
  ];
  const lowest = Math.min(lastSeq + 1, ...ranges.map(([from]) => from));
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('seq', '>=', lowest)
    .where(sql<boolean>`(${sql.join(wanted, sql` OR `)})`)
    .orderBy('seq')
    .limit(1000);
}

/** Entries at or after `cutoff` are kept: how many at the front of a list, oldest first, are not. */
function olderThan(list: readonly { at: number }[], cutoff: number): number {
  const kept = list.findIndex((entry) => entry.at >= cutoff);
  return kept < 0 ? list.length : kept;
}

/** Events for these agencies, or for everyone. */
function forAgencies(agencies: string[]) {
  return sql<boolean>`(agency IN (${sql.join(agencies)}) OR agency IS NULL)`;
}

function eventText(row: OutboxRow): string {
  const { [SCOPE_KEY]: _scope, ...payload } = row.payload as Record<string, unknown>;
  return `id: ${Number(row.seq)}\nevent: ${row.type}\ndata: ${JSON.stringify({ ...payload, agency: row.agency })}\n\n`;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventHub;
  }
}

export async function registerEventHub(app: FastifyInstance): Promise<void> {
  const hub = new EventHub(app.ctx);
  await hub.start();
  app.decorate('events', hub);
  app.addHook('onClose', async () => hub.stop());
}

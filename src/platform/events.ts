import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../access/permissions.ts';
import type { Context } from './context.ts';
import { prunedThrough } from './outbox.ts';

interface Subscriber {
  agencies: Set<string>;
  accepts: (type: string) => boolean;
  reply: FastifyReply;
}

/** Event types (by prefix) that reach only subscribers holding a permission. */
const restrictedTypes: { prefix: string; permission: Permission }[] = [];

/** A capability whose events are for some of an agency's users only declares it here. */
export function restrictEvents(prefix: string, permission: Permission): void {
  if (!restrictedTypes.some((r) => r.prefix === prefix)) restrictedTypes.push({ prefix, permission });
}

function acceptsFor(permissions: ReadonlySet<Permission> | undefined) {
  return (type: string) =>
    restrictedTypes.every((r) => !type.startsWith(r.prefix) || (permissions?.has(r.permission) ?? false));
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
 * Server-sent events from the outbox. One poller per process reads new outbox rows and
 * fans them out to the connected clients whose agency they concern; because the outbox is
 * in the database, every server process sees every event, and a client that reconnects
 * with Last-Event-ID misses nothing that is still in the outbox (EVENT_REPLAY_DAYS); one
 * that resumes from before what was pruned gets a `stream.gap` event first.
 */
export class EventHub {
  private subscribers = new Set<Subscriber>();
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

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
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.subscribers) s.reply.raw.end();
    this.subscribers.clear();
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const rows = await this.ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('seq', '>', this.lastSeq)
        .orderBy('seq')
        .limit(1000)
        .execute();
      // One write per client per poll, not per event: each write is a system call, and a
      // busy bureau's stream takes dozens of events per poll.
      const pending = new Map<Subscriber, string[]>();
      for (const row of rows) {
        this.lastSeq = Number(row.seq);
        for (const s of this.subscribers)
          if ((row.agency === null || s.agencies.has(row.agency)) && s.accepts(row.type)) {
            const texts = pending.get(s);
            if (texts) texts.push(eventText(row));
            else pending.set(s, [eventText(row)]);
          }
      }
      for (const [s, texts] of pending) s.reply.raw.write(texts.join(''));
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'event poll failed');
    } finally {
      this.polling = false;
    }
  }

  async subscribe(request: FastifyRequest, reply: FastifyReply, agencies: string[]): Promise<void> {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    reply.raw.write('retry: 3000\n\n');
    const subscriber = {
      agencies: new Set(agencies),
      accepts: acceptsFor(request.principal?.permissions),
      reply,
    };
    // Replay what a reconnecting client missed.
    const header = request.headers['last-event-id'];
    const lastEventId =
      typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header) : Number.NaN;
    if (Number.isInteger(lastEventId)) {
      // Events older than the replay window are gone: say so first, so that a national
      // system or a screen re-reads its lists instead of trusting a replay with a hole in it.
      const pruned = await prunedThrough(this.ctx.db);
      if (lastEventId < pruned)
        reply.raw.write(
          `event: stream.gap\ndata: ${JSON.stringify({ after: lastEventId, lostThrough: pruned })}\n\n`,
        );
      const missed = await this.ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('seq', '>', lastEventId)
        .where('seq', '<=', this.lastSeq)
        .where((eb) => eb.or([eb('agency', 'in', agencies), eb('agency', 'is', null)]))
        .orderBy('seq')
        .limit(1000)
        .execute();
      const texts = missed.filter((row) => subscriber.accepts(row.type)).map(eventText);
      if (texts.length > 0) reply.raw.write(texts.join(''));
    }
    this.subscribers.add(subscriber);
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      this.subscribers.delete(subscriber);
    });
  }
}

function eventText(row: OutboxRow): string {
  return `id: ${Number(row.seq)}\nevent: ${row.type}\ndata: ${JSON.stringify({ ...(row.payload as object), agency: row.agency })}\n\n`;
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

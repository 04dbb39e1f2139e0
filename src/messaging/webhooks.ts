import { createHmac, randomBytes } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { managesMessagingOf } from '../access/messaging.ts';
import type { Principal } from '../access/principal.ts';
import { agencyRef, findAgency } from '../identity/agencies.ts';
import { cacheFor, HOT_ROW_TTL_MS } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import { cursorOf, cursorValues } from '../platform/cursor.ts';
import type { Kdb } from '../platform/db.ts';
import { problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { type OutboundPolicy, OutboundRefused, outboundPolicy } from '../platform/outbound.ts';
import type { WebhookDeliveryTable, WebhookTable } from './tables.ts';
import { sealedAs, vaultOf } from './vault.ts';

/**
 * Webhooks to national systems, signed as the Standard Webhooks specification has it
 * (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body"> under the endpoint's whsec_ secret). Each delivery is retried with
 * backoff; after the last attempt it stays as a dead letter until retried by hand.
 */

/** Seconds after each failed attempt before the next: about a day in all. */
export const RETRY_SCHEDULE_S = [10, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_S.length + 1;
const TIMEOUT_MS = 10_000;
/** A claimed delivery is retried by another round if its sender died mid-flight. */
const LEASE_MS = 2 * 60_000;
/** Deliveries sent in one round at most, and to one endpoint (see claimDeliveries). */
const BATCH = 400;
const PER_WEBHOOK = 50;

type WebhookRow = Selectable<WebhookTable>;
type DeliveryRow = Selectable<WebhookDeliveryTable>;

function webhookDto(row: WebhookRow) {
  return {
    id: row.id,
    agency: row.agency,
    url: row.url,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

export function deliveryDto(row: DeliveryRow) {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    agency: row.agency,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/**
 * https to public addresses and the networks the operator allows (platform/outbound.ts);
 * plain http only to this machine (a local adapter, tests), which the operator must allow too.
 */
export async function webhookUrlProblem(raw: string, policy: OutboundPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  )
    return 'must be https:// (http:// only to this machine)';
  const refused = await policy.hostRefusal(url);
  return refused
    ? `must reach a public address: ${refused} (the operator allows other networks with CONCORD_WEBHOOK_NETWORKS)`
    : null;
}

/**
 * Refuses a principal that does not manage an agency's webhooks. An object named by id (a
 * webhook, a delivery) another agency holds answers as an unknown id would, `missing`: a 403
 * would confirm that the id exists.
 */
async function managed(
  ctx: Context,
  principal: Principal,
  code: string,
  action: string,
  missing?: () => Error,
) {
  const agency = await findAgency(ctx.db, code);
  if (!agency || !managesMessagingOf(principal, agencyRef(agency))) {
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'webhook',
      ...(missing ? {} : { objectAgency: code }),
    });
    throw missing?.() ?? problems.forbidden('You manage the webhooks of your own agency only.');
  }
}

export async function createWebhook(
  ctx: Context,
  principal: Principal,
  input: { url: string; agency?: string },
) {
  const agency = input.agency ?? principal.agency.code;
  await managed(ctx, principal, agency, 'webhook.create');
  const problem = await webhookUrlProblem(input.url, outboundPolicy(ctx.config));
  if (problem) throw problems.invalidField('/body/url', problem);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const webhookId = newId();
  const row = await ctx.db
    .insertInto('webhooks')
    .values({
      id: webhookId,
      agency,
      url: input.url,
      secret_sealed: vaultOf(ctx).seal(secret, sealedAs.webhookSecret(webhookId)),
      created_by: principal.name,
      created_at: ctx.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  forgetWebhookAgencies(ctx);
  await ctx.audit.record({
    principal,
    action: 'webhook.create',
    outcome: 'success',
    objectType: 'webhook',
    objectId: row.id,
    objectAgency: agency,
    details: { host: new URL(input.url).host },
  });
  return { webhook: webhookDto(row), secret };
}

export async function listWebhooks(ctx: Context, principal: Principal, agency = principal.agency.code) {
  await managed(ctx, principal, agency, 'webhook.list');
  const rows = await ctx.db
    .selectFrom('webhooks')
    .selectAll()
    .where('agency', '=', agency)
    .orderBy('created_at', 'desc')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'webhook.list',
    outcome: 'success',
    objectAgency: agency,
    resultCount: rows.length,
  });
  return { items: rows.map(webhookDto) };
}

export async function disableWebhook(ctx: Context, principal: Principal, id: string): Promise<void> {
  const row = await ctx.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound('webhook');
  await managed(ctx, principal, row.agency, 'webhook.disable', () => problems.notFound('webhook'));
  forgetWebhookAgencies(ctx);
  await ctx.db.updateTable('webhooks').set({ status: 'disabled' }).where('id', '=', id).execute();
  // What was still waiting for this endpoint will not be sent: keep it as dead letters.
  await ctx.db
    .updateTable('webhook_deliveries')
    .set({ status: 'dead', last_error: 'webhook disabled' })
    .where('webhook_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'webhook.disable',
    outcome: 'success',
    objectType: 'webhook',
    objectId: id,
    objectAgency: row.agency,
  });
}

export async function listDeliveries(
  ctx: Context,
  principal: Principal,
  query: { agency?: string; status?: 'pending' | 'delivered' | 'dead'; limit?: number; cursor?: string },
) {
  const agency = query.agency ?? principal.agency.code;
  await managed(ctx, principal, agency, 'webhook.delivery.list');
  const limit = query.limit ?? 50;
  // Deliveries are made in the sending statement with random ids: page by time, then id.
  // Each status is read along the (agency, status, created_at) index and the pages merged:
  // without a status the whole log of the agency was sorted (188 ms at a million deliveries).
  const after = query.cursor ? cursorValues(query.cursor, ['time', 'uuid']) : undefined;
  const statusPage = (status: 'pending' | 'delivered' | 'dead') => {
    let q = ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('agency', '=', agency)
      .where('status', '=', status)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (after) {
      const [when, id] = after;
      q = q.where((eb) =>
        eb.or([eb('created_at', '<', when), eb.and([eb('created_at', '=', when), eb('id', '<', id)])]),
      );
    }
    return q;
  };
  const statuses = query.status ? [query.status] : (['pending', 'delivered', 'dead'] as const);
  const pages = statuses.map((status, i) => ctx.db.selectFrom(statusPage(status).as(`s${i}`)).selectAll());
  const rows =
    pages.length === 1
      ? await statusPage(statuses[0]!).execute()
      : await ctx.db
          .selectFrom(
            pages
              .slice(1)
              .reduce((u, page) => u.unionAll(page), pages[0]!)
              .as('merged'),
          )
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  await ctx.audit.record({
    principal,
    action: 'webhook.delivery.list',
    outcome: 'success',
    objectAgency: agency,
    resultCount: page.length,
  });
  return {
    items: page.map(deliveryDto),
    nextCursor: rows.length > limit && last ? cursorOf(last.created_at.toISOString(), last.id) : null,
  };
}

/**
 * A dead letter (or a pending delivery) is tried again now, with a fresh schedule — to the
 * agency's active webhook if its own was disabled since.
 */
export async function retryDelivery(ctx: Context, principal: Principal, id: string) {
  const row = await ctx.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw problems.notFound('delivery');
  await managed(ctx, principal, row.agency, 'webhook.delivery.retry', () => problems.notFound('delivery'));
  if (row.status === 'delivered') throw problems.conflict('This delivery succeeded already.');
  // Its endpoint disabled (a national system that moved its address deletes the old webhook
  // and adds the new one): the agency's active webhook takes it.
  const hook = await ctx.db
    .selectFrom('webhooks')
    .select(['id', 'status'])
    .where('agency', '=', row.agency)
    .where((eb) => eb.or([eb('id', '=', row.webhook_id), eb('status', '=', 'active')]))
    .orderBy(sql`(status = 'active')`, 'desc')
    .orderBy(sql`(id = ${row.webhook_id})`, 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (hook?.status !== 'active')
    throw problems.conflict(`${row.agency} has no active webhook: add one, then retry.`);
  const updated = await ctx.db
    .updateTable('webhook_deliveries')
    .set({
      webhook_id: hook.id,
      status: 'pending',
      attempts: 0,
      next_attempt_at: ctx.clock.now(),
      last_error: null,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit.record({
    principal,
    action: 'webhook.delivery.retry',
    outcome: 'success',
    objectType: 'webhook-delivery',
    objectId: id,
    objectAgency: row.agency,
  });
  return deliveryDto(updated);
}

/**
 * The agencies with an active webhook, kept for a few seconds: their message events carry
 * the whole envelope. Another process that adds a webhook is seen within HOT_ROW_TTL_MS;
 * meanwhile its deliveries carry the event's metadata (fetch the envelope with the id).
 */
export function webhookAgencies(ctx: Context): Promise<ReadonlySet<string>> {
  return cacheFor<string, ReadonlySet<string>>(
    ctx.secrets,
    'messaging.webhook-agencies',
    ctx.clock,
    HOT_ROW_TTL_MS,
  ).get(
    'all',
    async () =>
      new Set(
        (
          await ctx.db
            .selectFrom('webhooks')
            .select('agency')
            .distinct()
            .where('status', '=', 'active')
            .execute()
        ).map((r) => r.agency),
      ),
  );
}

function forgetWebhookAgencies(ctx: Context): void {
  cacheFor<string, ReadonlySet<string>>(
    ctx.secrets,
    'messaging.webhook-agencies',
    ctx.clock,
    HOT_ROW_TTL_MS,
  ).clear();
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

interface Claimed {
  delivery: DeliveryRow;
  url: string;
  secret: string;
}

/**
 * Takes the due deliveries, leasing them so that no other round sends them meanwhile: at most
 * PER_WEBHOOK per endpoint, the longest-waiting first, so that one endpoint's backlog (a
 * national system down for a day) never holds back another's; endpoints in `busy` (a round of
 * theirs still sending in this process) are left for the next round.
 */
export async function claimDeliveries(
  db: Kdb,
  ctx: Pick<Context, 'config' | 'secrets'>,
  now: Date,
  busy: ReadonlySet<string> = new Set(),
): Promise<Claimed[]> {
  const { rows: due } = await sql<DeliveryRow & { url: string; secret_sealed: string }>`
    SELECT d.*, w.url, w.secret_sealed
    FROM webhooks w CROSS JOIN LATERAL (
      SELECT * FROM webhook_deliveries d
      WHERE d.webhook_id = w.id AND d.status = 'pending' AND d.next_attempt_at <= ${now}
      ORDER BY d.next_attempt_at
      LIMIT ${PER_WEBHOOK}
    ) d
    WHERE w.status = 'active' AND NOT (w.id = ANY(${[...busy]}::uuid[]))
    ORDER BY d.next_attempt_at
    LIMIT ${BATCH}`.execute(db);
  if (due.length === 0) return [];
  await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .execute();
  const vault = vaultOf(ctx);
  return due.map(({ url, secret_sealed, ...delivery }) => ({
    delivery,
    url,
    secret: vault.open(secret_sealed, sealedAs.webhookSecret(delivery.webhook_id)),
  }));
}

/** Sends the claimed deliveries (outside any transaction) and records each outcome. */
export async function sendClaimed(
  ctx: Pick<Context, 'clock' | 'logger' | 'config'>,
  db: Kdb,
  claimed: Claimed[],
) {
  const policy = outboundPolicy(ctx.config);
  const outcomes = await Promise.all(
    claimed.map(async ({ delivery, url, secret }) => {
      const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
      const body = JSON.stringify({
        type: delivery.event_type,
        timestamp: new Date(timestamp * 1000).toISOString(),
        data: delivery.payload,
      });
      let status: number | null = null;
      let error: string | null = null;
      try {
        status = await policy.post(
          new URL(url),
          {
            'content-type': 'application/json',
            'user-agent': 'Concord-Webhooks/1',
            'webhook-id': delivery.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(secret, delivery.id, timestamp, body),
          },
          body,
          TIMEOUT_MS,
        );
        if (status < 200 || status > 299) error = `HTTP ${status}`;
      } catch (e) {
        error =
          e instanceof OutboundRefused
            ? `refused: ${e.message}`
            : e instanceof Error
              ? e.cause instanceof Error
                ? e.cause.message
                : e.message
              : String(e);
      }
      const now = ctx.clock.now();
      const attempts = delivery.attempts + 1;
      if (!error) {
        await db
          .updateTable('webhook_deliveries')
          .set({ status: 'delivered', attempts, last_status: status, last_error: null, delivered_at: now })
          .where('id', '=', delivery.id)
          .execute();
        return 'delivered' as const;
      }
      const dead = attempts >= MAX_ATTEMPTS;
      // Only over the attempt this round made: a delivery made a dead letter meanwhile (its
      // webhook disabled) stays one, and one retried by hand keeps its fresh schedule.
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: dead ? 'dead' : 'pending',
          attempts,
          last_status: status,
          last_error: error.slice(0, 500),
          next_attempt_at: new Date(now.getTime() + (RETRY_SCHEDULE_S[attempts - 1] ?? 0) * 1000),
        })
        .where('id', '=', delivery.id)
        .where('status', '=', 'pending')
        .where('attempts', '=', delivery.attempts)
        .execute();
      ctx.logger.warn({ delivery: delivery.id, attempts, status, dead }, 'webhook delivery failed');
      return dead ? ('dead' as const) : ('retry' as const);
    }),
  );
  return {
    delivered: outcomes.filter((o) => o === 'delivered').length,
    retrying: outcomes.filter((o) => o === 'retry').length,
    dead: outcomes.filter((o) => o === 'dead').length,
  };
}

/** One round, start to finish: what tests and `concord` use (the job sends after its lock is released). */
export async function deliverWebhooks(ctx: Context) {
  const claimed = await ctx.db.transaction().execute((trx) => claimDeliveries(trx, ctx, ctx.clock.now()));
  return sendClaimed(ctx, ctx.db, claimed);
}

/** Days a delivered webhook call stays in the agency's delivery log. */
export const DELIVERED_KEPT_DAYS = 30;
export const PRUNE_BATCH = 10_000;

/**
 * Removes deliveries that succeeded more than DELIVERED_KEPT_DAYS ago: one row per event
 * and endpoint would otherwise grow with every message for ever. Pending deliveries and
 * dead letters stay until they are delivered or retried by hand. Agency by agency, through
 * the (agency, status, created_at) index; at most PRUNE_BATCH a round.
 */
export async function pruneDeliveredWebhooks(ctx: Context): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - DELIVERED_KEPT_DAYS * 86_400_000);
  const agencies = await ctx.db.selectFrom('webhooks').select('agency').distinct().execute();
  let removed = 0;
  for (const { agency } of agencies) {
    if (removed >= PRUNE_BATCH) break;
    const result = await sql`
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT id FROM webhook_deliveries
        WHERE agency = ${agency} AND status = 'delivered' AND created_at < ${cutoff}
        LIMIT ${PRUNE_BATCH - removed}
      )`.execute(ctx.db);
    removed += Number(result.numAffectedRows ?? 0);
  }
  return removed;
}

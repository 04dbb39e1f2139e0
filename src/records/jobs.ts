import { type Selectable, sql } from 'kysely';
import { systemPrincipal } from '../access/principal.ts';
import type { RecordTable } from '../platform/db-schema.ts';
import type { Job } from '../platform/jobs.ts';
import { emit } from '../platform/outbox.ts';
import { noteFeedExit } from './feed-exits.ts';
import { removeIdentifiersOf } from './identifiers.ts';
import { personNameJobs } from './person-names-job.ts';
import { UNBOUND_KEPT_MS } from './photos.ts';
import { REVIEW_NOTICE_MS } from './service.ts';

/** Records reminded, lapsed or purged per round of the lifecycle job, each step. */
export const LIFECYCLE_BATCH = 1000;

/**
 * Record lifecycle: six months before its review date the owner is reminded; on the date
 * an unextended record lapses (stops answering searches); a lapsed or deleted record is
 * purged — data, versions, identifiers, notifications, photographs — after the grace period;
 * photographs uploaded and never named by a record, after a day.
 */
export const recordJobs: Job[] = [
  {
    name: 'records.lifecycle',
    intervalMs: 60 * 60_000,
    async run(ctx) {
      // A full batch of any step: another round at once, not in an hour (a bulk import whose
      // records fall due on one day is reminded and lapsed in minutes).
      return { more: (await runRecordLifecycle(ctx)).more };
    },
  },
  {
    name: 'records.hit-notification-retention',
    intervalMs: 60 * 60_000,
    async run(ctx) {
      const removed = await purgeOldHitNotifications(ctx);
      if (removed > 0) ctx.logger.info({ removed }, 'hit notifications past their retention removed');
      return { more: removed === RETENTION_BATCH };
    },
  },
  ...personNameJobs,
];

/** Old hit notifications removed per round (each round its own short transaction). */
export const RETENTION_BATCH = 10_000;

/**
 * Removes hit notifications older than the configured retention (CONCORD_HIT_NOTIFICATION_
 * RETENTION_DAYS; 0 keeps them): they name the officers who searched, so they are kept as
 * long as an owner may need to follow a hit up, not for ever. The audit log keeps its own
 * record of every search. Reads only the oldest RETENTION_BATCH by id (UUIDv7: time order),
 * so a round costs the same whether there is anything to remove or not.
 */
export async function purgeOldHitNotifications(ctx: Parameters<Job['run']>[0]): Promise<number> {
  const days = ctx.config.hitNotificationRetentionDays;
  if (days <= 0) return 0;
  const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000);
  const result = await sql`
    DELETE FROM hit_notifications WHERE id IN (
      SELECT id FROM (SELECT id, at FROM hit_notifications ORDER BY id LIMIT ${RETENTION_BATCH}) oldest
      WHERE at < ${cutoff}
    )`.execute(ctx.db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Active records reviewed by `reviewBy` (and meeting `condition`), at most a batch: read owner
 * by owner, since records_due_for_review leads with the owner (an agency's review queue reads
 * it); every agency, never deleted, stands for every owner.
 */
function activeByOwner<C extends keyof RecordTable & string>(
  columns: readonly C[],
  reviewBy: Date,
  condition = sql``,
) {
  return sql<Pick<Selectable<RecordTable>, C>>`
    SELECT r.* FROM agencies a
    CROSS JOIN LATERAL (
      SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM records
      WHERE owner_agency = a.code AND status = 'active' AND review_at <= ${reviewBy} ${condition}
      LIMIT ${LIFECYCLE_BATCH}
    ) r
    LIMIT ${LIFECYCLE_BATCH}`;
}

/** Active records whose review date falls within the notice period, their owner not yet told. */
export function dueForNoticeStatement(now: Date) {
  return activeByOwner(
    ['id', 'owner_agency', 'summary', 'review_at'],
    new Date(now.getTime() + REVIEW_NOTICE_MS),
    sql`AND review_notified_at IS NULL`,
  );
}

/** Active records past their review date. */
export function lapsingStatement(now: Date) {
  return activeByOwner(['id', 'owner_agency', 'kind', 'version', 'summary', 'status', 'policy'], now);
}

export async function runRecordLifecycle(ctx: Parameters<Job['run']>[0]) {
  const now = ctx.clock.now();
  const system = systemPrincipal();

  const due = (await dueForNoticeStatement(now).execute(ctx.db)).rows;
  if (due.length > 0) {
    await ctx.db
      .updateTable('records')
      .set({ review_notified_at: now })
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      .execute();
    await emit(
      ctx.db,
      due.map((r) => ({
        type: 'record.review-due',
        agency: r.owner_agency,
        payload: { recordId: r.id, summary: r.summary, reviewAt: r.review_at.toISOString() },
      })),
      now,
    );
  }

  const lapsing = (await lapsingStatement(now).execute(ctx.db)).rows;
  const lapsed: typeof lapsing = [];
  for (const r of lapsing) {
    // Only if nothing changed since it was read: an owner extending the record at this
    // moment wins, and the version is never written twice.
    const done = await ctx.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('records')
        .set({
          status: 'lapsed',
          ended_at: now,
          version: r.version + 1,
          updated_by: 'system',
          updated_at: now,
        })
        .where('id', '=', r.id)
        .where('version', '=', r.version)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await noteFeedExit(trx, r, { status: 'lapsed', policy: r.policy }, now);
      await trx
        .insertInto('record_versions')
        .values({
          record_id: r.id,
          version: r.version + 1,
          action: 'lapse',
          data: null,
          policy: null,
          reason: 'review date passed without extension',
          changed_by: 'system',
          changed_at: now,
        })
        .execute();
      return true;
    });
    if (done) lapsed.push(r);
  }
  if (lapsed.length > 0) {
    await emit(
      ctx.db,
      lapsed.map((r) => ({
        type: 'record.lapsed',
        agency: r.owner_agency,
        payload: { recordId: r.id, summary: r.summary },
      })),
      now,
    );
  }

  const purgeBefore = new Date(now.getTime() - ctx.config.recordPurgeDays * 86_400_000);
  // The records and everything kept with them (no cascading keys: see migrations/0003), in
  // the job's transaction; the rows are locked first so that what is removed is what was read.
  const doomed = await ctx.db
    .selectFrom('records')
    .select(['id', 'owner_agency', 'search_keys'])
    .where('status', '<>', 'active')
    .where('ended_at', '<', purgeBefore)
    .limit(LIFECYCLE_BATCH)
    .forUpdate()
    .execute();
  const purged = doomed.map((r) => ({ id: r.id, owner_agency: r.owner_agency }));
  if (doomed.length > 0) {
    const ids = doomed.map((r) => r.id);
    await removeIdentifiersOf(ctx.db, doomed);
    await sql`
      WITH ranges AS (
        DELETE FROM record_ip_ranges WHERE record_id = ANY(${ids}::uuid[])
      ), photos AS (
        DELETE FROM record_photos WHERE record_id = ANY(${ids}::uuid[])
      ), versions AS (
        DELETE FROM record_versions WHERE record_id = ANY(${ids}::uuid[])
      )
      DELETE FROM records WHERE id = ANY(${ids}::uuid[])`.execute(ctx.db);
  }
  // Photographs uploaded and never named by a record (a form left unsaved): a day, then gone.
  // The condition is said again outside the subquery: a record's write may be naming one of
  // them right now (claimPhotos holds it locked), and PostgreSQL rechecks only the outer
  // condition once the lock is released — the photograph is then on a record and stays.
  const unboundBefore = new Date(now.getTime() - UNBOUND_KEPT_MS);
  const unbound = await sql`
    DELETE FROM record_photos
    WHERE record_id IS NULL AND created_at < ${unboundBefore} AND id IN (
      SELECT id FROM record_photos
      WHERE record_id IS NULL AND created_at < ${unboundBefore}
      LIMIT ${LIFECYCLE_BATCH}
    )`.execute(ctx.db);
  const uploadsPurged = Number(unbound.numAffectedRows ?? 0);
  // A feed polled less often than records are kept has lost track anyway: it lists again.
  await ctx.db.deleteFrom('record_feed_exits').where('exited_at', '<', purgeBefore).execute();

  for (const r of lapsing) {
    await ctx.audit.record({
      principal: system,
      action: 'record.lapse',
      outcome: 'success',
      objectType: 'record',
      objectId: r.id,
      objectAgency: r.owner_agency,
    });
  }
  for (const r of purged) {
    await ctx.audit.record({
      principal: system,
      action: 'record.purge',
      outcome: 'success',
      objectType: 'record',
      objectId: r.id,
      objectAgency: r.owner_agency,
    });
  }
  const more =
    due.length === LIFECYCLE_BATCH ||
    lapsing.length === LIFECYCLE_BATCH ||
    doomed.length === LIFECYCLE_BATCH ||
    uploadsPurged === LIFECYCLE_BATCH;
  return { reminded: due.length, lapsed: lapsed.length, purged: purged.length, uploadsPurged, more };
}

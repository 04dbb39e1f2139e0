import { type ExpressionBuilder, sql } from 'kysely';
import { systemPrincipal } from '../../access/principal.ts';
import type { Context } from '../../platform/context.ts';
import type { Kdb } from '../../platform/db.ts';
import type { Tables } from '../../platform/db-schema.ts';
import { emitMessaging, type MessagingEvent } from '../notify.ts';
import { urgentSettings } from './directory.ts';
import type { UrgentSettings, UrgentType } from './schema.ts';
import { bothSides, OPEN_REQUEST, timeline, type UrgentRow } from './service.ts';

const BATCH = 500;
/** Batches read per run at most (the rest waits a minute for the next run). */
const MAX_ROUNDS = 10;
const DAY_MS = 86_400_000;

/** The bureau a point of contact belongs to: its supervisors are told when a clock is missed. */
async function bureauOf(ctx: Context, agency: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('agencies')
    .select(['code', 'parent_code'])
    .where('code', '=', agency)
    .executeTakeFirst();
  return row?.parent_code ?? row?.code ?? agency;
}

/**
 * The open requests with a clock step due now, `read` excepted (a batch's earlier rounds).
 * Open is written out, not passed: the clocks run every minute, so PostgreSQL soon plans
 * this statement generically, and `status IN ($1, $2, $3)` cannot use the partial index of
 * open requests (urgent_requests_open) — every request ever made would be read each minute.
 */
export function dueStatement(db: Kdb, settings: UrgentSettings, now: Date, read: UrgentRow[]) {
  // Per type, what is due now: a row is read only when one of its steps is due, so a batch
  // is all work and a full one can be followed by the next (a row read early, waiting on
  // its own type's shorter lead, would otherwise hold a place in every batch).
  const dueNow = (eb: ExpressionBuilder<Tables, 'urgent_requests'>) =>
    eb.or(
      Object.entries(settings.types).map(([type, t]) => {
        const remindFrom = new Date(now.getTime() + t.remindBeforeMinutes * 60_000);
        return eb.and([
          eb('type', '=', type),
          eb.or([
            eb.and([
              eb('status', '=', 'sent'),
              eb('ack_reminded_at', 'is', null),
              eb('ack_due_at', '<=', remindFrom),
            ]),
            eb.and([
              eb('status', '=', 'sent'),
              eb('ack_escalated_at', 'is', null),
              eb('ack_due_at', '<=', now),
            ]),
            eb.and([eb('complete_reminded_at', 'is', null), eb('complete_due_at', '<=', remindFrom)]),
            eb.and([eb('complete_escalated_at', 'is', null), eb('complete_due_at', '<=', now)]),
          ]),
        ]);
      }),
    );
  return db
    .selectFrom('urgent_requests')
    .selectAll()
    .where(OPEN_REQUEST)
    .where(dueNow)
    .$if(read.length > 0, (q) =>
      q.where(
        'id',
        'not in',
        read.map((r) => r.id),
      ),
    )
    .orderBy('ack_due_at')
    .limit(BATCH);
}

/**
 * Executed requests whose preservation lapses soon (a reminder not yet sent) or has lapsed.
 * `status = 'executed'` written out, as in dueStatement, for the partial index of preserved
 * requests (urgent_requests_preserved).
 */
export function lapsingStatement(db: Kdb, settings: UrgentSettings, now: Date) {
  return db
    .selectFrom('urgent_requests')
    .selectAll()
    .where(sql<boolean>`status = 'executed'`)
    .where('preserved_until', 'is not', null)
    .where('preserved_until', '<=', new Date(now.getTime() + settings.lapseReminderDays * DAY_MS))
    .where((eb) => eb.or([eb('lapse_reminded_at', 'is', null), eb('preserved_until', '<=', now)]))
    .orderBy('preserved_until')
    .limit(BATCH);
}

/**
 * The 24/7 clocks, run every minute: a reminder to the point of contact before an
 * acknowledgement or completion deadline, escalation to its bureau's supervisors when one is
 * missed (the requester is told too), a reminder before a preservation lapses, and expiry
 * when it lapses unrenewed. Each step happens once per request (its own column records it).
 */
export async function runUrgentClocks(ctx: Context) {
  const now = ctx.clock.now();
  const settings = await urgentSettings(ctx.db);
  const system = systemPrincipal();
  const events: MessagingEvent[] = [];
  const counts = { reminded: 0, escalated: 0, lapseReminded: 0, expired: 0 };
  const remindBefore = (r: UrgentRow) => settings.types[r.type as UrgentType].remindBeforeMinutes * 60_000;
  const audit: { action: string; row: UrgentRow; details: object }[] = [];
  const open: UrgentRow[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const batch = await dueStatement(ctx.db, settings, now, open).execute();
    open.push(...batch);
    if (batch.length < BATCH) break;
  }
  for (const r of open) {
    const set: Partial<UrgentRow> = {};
    const step = async (
      column: keyof UrgentRow,
      action: string,
      kind: 'acknowledge' | 'complete',
      escalate: boolean,
    ) => {
      (set as Record<string, Date>)[column] = now;
      // Escalated, the reminder before the deadline has no point any more: a late run (after
      // a restart) must not remind the duty officer of a deadline hours past.
      if (escalate) {
        const reminder = kind === 'acknowledge' ? 'ack_reminded_at' : 'complete_reminded_at';
        if (!r[reminder]) (set as Record<string, Date>)[reminder] = now;
      }
      const due = kind === 'acknowledge' ? r.ack_due_at : r.complete_due_at;
      const payload = { kind, dueAt: due.toISOString(), type: r.type };
      await timeline(ctx.db, r.id, now, action, null, 'system', null, payload);
      if (escalate) {
        const bureau = await bureauOf(ctx, r.to_agency);
        // The unit on duty, when it is not the bureau, hears that its request is overdue now
        // (its screens count the overdue; the escalation itself is for the bureau).
        if (r.to_agency !== bureau)
          events.push({
            type: 'urgent.updated',
            agency: r.to_agency,
            payload: { id: r.id, reference: r.reference, action: 'escalate', ...payload },
          });
        events.push(
          {
            type: 'urgent.escalated',
            agency: bureau,
            payload: { id: r.id, reference: r.reference, audience: 'supervisors', ...payload },
          },
          {
            type: 'urgent.overdue',
            agency: r.from_agency,
            payload: { id: r.id, reference: r.reference, ...payload },
          },
        );
        counts.escalated++;
      } else {
        events.push({
          type: 'urgent.reminder',
          agency: r.to_agency,
          payload: { id: r.id, reference: r.reference, ...payload },
        });
        counts.reminded++;
      }
      audit.push({ action: `urgent.${action}`, row: r, details: payload });
    };
    if (r.status === 'sent') {
      if (!r.ack_escalated_at && r.ack_due_at <= now)
        await step('ack_escalated_at', 'escalate', 'acknowledge', true);
      else if (!r.ack_reminded_at && r.ack_due_at.getTime() - remindBefore(r) <= now.getTime())
        await step('ack_reminded_at', 'remind', 'acknowledge', false);
    }
    if (!r.complete_escalated_at && r.complete_due_at <= now)
      await step('complete_escalated_at', 'escalate', 'complete', true);
    else if (!r.complete_reminded_at && r.complete_due_at.getTime() - remindBefore(r) <= now.getTime())
      await step('complete_reminded_at', 'remind', 'complete', false);
    if (Object.keys(set).length > 0)
      await ctx.db.updateTable('urgent_requests').set(set).where('id', '=', r.id).execute();
  }

  // Batch after batch: each row read is acted on (reminded or expired) before the next read,
  // and a row already reminded is read again only when it lapses.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lapsing = await lapsingStatement(ctx.db, settings, now).execute();
    for (const r of lapsing) {
      if (r.preserved_until! <= now) {
        await ctx.db
          .updateTable('urgent_requests')
          .set({ status: 'expired', updated_at: now })
          .where('id', '=', r.id)
          .execute();
        await timeline(ctx.db, r.id, now, 'expire', null, 'system', null, {
          preservedUntil: r.preserved_until!.toISOString(),
        });
        events.push(...bothSides(r, 'urgent.updated', { action: 'expire', status: 'expired' }));
        audit.push({ action: 'urgent.expire', row: r, details: {} });
        counts.expired++;
      } else if (!r.lapse_reminded_at) {
        await ctx.db
          .updateTable('urgent_requests')
          .set({ lapse_reminded_at: now })
          .where('id', '=', r.id)
          .execute();
        const payload = { kind: 'lapse', preservedUntil: r.preserved_until!.toISOString() };
        await timeline(ctx.db, r.id, now, 'remind', null, 'system', null, payload);
        events.push(...bothSides(r, 'urgent.reminder', payload));
        audit.push({ action: 'urgent.remind', row: r, details: payload });
        counts.lapseReminded++;
      }
    }
    if (lapsing.length < BATCH) break;
  }
  await emitMessaging(ctx.db, events, now);
  // All at once: the audit writer commits them as one batch.
  await Promise.all(
    audit.map((a) =>
      ctx.audit.record({
        principal: system,
        action: a.action,
        outcome: 'success',
        objectType: 'urgent-request',
        objectId: a.row.id,
        objectAgency: a.row.from_agency,
        details: a.details as Record<string, unknown>,
      }),
    ),
  );
  return counts;
}

import { type RawBuilder, sql } from 'kysely';
import type { Principal } from '../../access/principal.ts';
import { ownAndUnitCodes } from '../../identity/agencies.ts';
import type { Context } from '../../platform/context.ts';
import type { Kdb } from '../../platform/db.ts';
import { OPEN_REQUEST, urgentDto } from './service.ts';

const BUCKETS: { label: string; upToHours: number }[] = [
  { label: 'under 1 h', upToHours: 1 },
  { label: '1–4 h', upToHours: 4 },
  { label: '4–24 h', upToHours: 24 },
  { label: '1–7 days', upToHours: 24 * 7 },
  { label: 'over 7 days', upToHours: Number.POSITIVE_INFINITY },
];

/**
 * The open requests in scope, oldest first. Open as a literal (OPEN_REQUEST): in a plan
 * PostgreSQL keeps for the statement, `status IN ($1, $2, $3)` cannot use the partial index of
 * open requests, and the network's dashboard read every request ever made.
 */
export function openStatement(db: Kdb, scope: RawBuilder<boolean>) {
  return db
    .selectFrom('urgent_requests')
    .selectAll()
    .where(OPEN_REQUEST)
    .where(scope)
    .orderBy('created_at')
    .limit(5000);
}

/**
 * The 24/7 dashboard: open requests by age, response times per requested country (median
 * and 90th percentile, acknowledgement and completion), and what is overdue. The
 * secretariat sees the whole network's workflow metadata (never content); an agency, the
 * requests it sent or received.
 */
export async function urgentDashboard(ctx: Context, principal: Principal, query: { days?: number }) {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - (query.days ?? 90) * 86_400_000);
  const network = principal.agency.kind === 'secretariat';
  const agencies = await ownAndUnitCodes(ctx, principal);
  const scope = network
    ? sql<boolean>`true`
    : sql<boolean>`(from_agency = ANY(${agencies}::text[]) OR to_agency = ANY(${agencies}::text[]))`;

  const open = await openStatement(ctx.db, scope).execute();
  const openByAge = BUCKETS.map((b, i) => {
    const lower = i === 0 ? 0 : BUCKETS[i - 1]!.upToHours;
    const inBucket = open.filter((r) => {
      const age = (now.getTime() - r.created_at.getTime()) / 3_600_000;
      return age >= lower && age < b.upToHours;
    });
    return {
      bucket: b.label,
      open: inBucket.length,
      overdue: inBucket.filter((r) => urgentDto(r, now, null).overdue !== null).length,
    };
  });

  const { rows } = await sql<{
    country: string;
    requests: string | number;
    acknowledged: string | number;
    ack_median: number | null;
    ack_p90: number | null;
    completed: string | number;
    complete_median: number | null;
    complete_p90: number | null;
  }>`
    SELECT to_country AS country,
      count(*) AS requests,
      count(acknowledged_at) AS acknowledged,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at) / 60) AS ack_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at) / 60) AS ack_p90,
      count(closed_at) AS completed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 3600) AS complete_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 3600) AS complete_p90
    FROM urgent_requests
    WHERE created_at >= ${since} AND ${scope}
    GROUP BY to_country
    ORDER BY to_country`.execute(ctx.db);
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  const overdue = open
    .map((r) =>
      urgentDto(
        r,
        now,
        agencies.includes(r.to_agency) ? 'responder' : agencies.includes(r.from_agency) ? 'requester' : null,
      ),
    )
    .filter((r) => r.overdue !== null)
    .slice(0, 100);
  await ctx.audit.record({
    principal,
    action: 'urgent.dashboard',
    outcome: 'success',
    details: { scope: network ? 'network' : 'agency' },
  });
  return {
    scope: network ? ('network' as const) : ('agency' as const),
    since: since.toISOString(),
    openByAge,
    responseTimes: rows.map((r) => ({
      country: r.country,
      requests: Number(r.requests),
      acknowledged: Number(r.acknowledged),
      ackMedianMinutes: round(r.ack_median),
      ackP90Minutes: round(r.ack_p90),
      completed: Number(r.completed),
      completeMedianHours: round(r.complete_median),
      completeP90Hours: round(r.complete_p90),
    })),
    overdue,
  };
}

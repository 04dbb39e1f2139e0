import { sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import { indexPerson } from '../names/index.ts';
import type { Context } from '../platform/context.ts';
import { problems } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { NOTICE_TYPE_CODES } from './types.ts';

/**
 * The secretariat's figures: per type, how many requests were submitted, published,
 * returned, refused and cancelled in a period, and how often each refusal ground was given
 * — counted from the history, so that a request returned twice counts twice as returned.
 */
export async function noticeStatistics(
  ctx: Context,
  principal: Principal,
  query: { from?: string; to?: string },
) {
  const to = query.to ? new Date(query.to) : ctx.clock.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 365 * 86_400_000);
  if (from >= to) throw problems.invalidField('/query/from', 'must be before to');
  const { rows } = await sql<{ type: string; kind: string; action: string; n: string | number }>`
    SELECT n.type, n.kind, e.action, count(*) AS n
    FROM notice_events e JOIN notices n ON n.id = e.notice_id
    WHERE e.at >= ${from} AND e.at <= ${to}
      AND e.action IN ('submit', 'publish', 'return', 'refuse', 'cancel', 'circulate', 'withdraw', 'expire')
    GROUP BY n.type, n.kind, e.action`.execute(ctx.db);
  const { rows: grounds } = await sql<{ ground: string; n: string | number }>`
    SELECT g AS ground, count(*) AS n
    FROM notice_events e, unnest(e.grounds) AS g
    WHERE e.at >= ${from} AND e.at <= ${to} AND e.action IN ('refuse', 'withdraw')
    GROUP BY g ORDER BY count(*) DESC`.execute(ctx.db);
  const byType = NOTICE_TYPE_CODES.map((type) => {
    const of = (kind: string, action: string) =>
      rows
        .filter((r) => r.type === type && r.kind === kind && r.action === action)
        .reduce((s, r) => s + Number(r.n), 0);
    return {
      type,
      requested: of('notice', 'submit'),
      published: of('notice', 'publish'),
      returned: of('notice', 'return'),
      refused: of('notice', 'refuse'),
      cancelled: of('notice', 'cancel'),
      expired: of('notice', 'expire'),
      diffusionsCirculated: of('diffusion', 'circulate'),
      diffusionsWithdrawn: of('diffusion', 'withdraw'),
    };
  });
  await ctx.audit.record({
    principal,
    action: 'notice.statistics',
    outcome: 'success',
    details: { from: from.toISOString(), to: to.toISOString() },
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    byType,
    refusalGrounds: grounds.map((g) => ({ ground: g.ground, count: Number(g.n) })),
  };
}

// ---- recognised refugees ----------------------------------------------------------------

export interface ProtectedPersonInput {
  name: string;
  dateOfBirth?: string;
  nationality?: string;
  status: 'refugee' | 'asylum-seeker';
  againstCountry?: string;
  recognisedBy: string;
  note?: string;
}

/** What the names library is given of a listed person (here and when reindexed). */
export function protectedPersonInput(p: {
  name: string;
  dateOfBirth?: string | null;
  nationality?: string | null;
}) {
  return {
    names: [{ full: p.name }],
    ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
    ...(p.nationality ? { nationalities: [p.nationality] } : {}),
  };
}

/** The secretariat's list of persons whose refugee status a member recognised (checked at every request). */
export async function addProtectedPerson(ctx: Context, principal: Principal, input: ProtectedPersonInput) {
  const { prepared, keys } = indexPerson(protectedPersonInput(input));
  const id = newId();
  await ctx.db
    .insertInto('protected_persons')
    .values({
      id,
      name: input.name,
      date_of_birth: input.dateOfBirth ?? null,
      nationality: input.nationality ?? null,
      status: input.status,
      against_country: input.againstCountry ?? null,
      recognised_by: input.recognisedBy,
      note: input.note ?? null,
      person_match: prepared,
      keys,
      created_by: principal.name,
      created_at: ctx.clock.now(),
    })
    .execute();
  await ctx.audit.record({
    principal,
    action: 'notice.protected-person.add',
    outcome: 'success',
    objectType: 'protected-person',
    objectId: id,
  });
  return { id, ...input };
}

export async function listProtectedPersons(ctx: Context, principal: Principal) {
  const rows = await ctx.db
    .selectFrom('protected_persons')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  await ctx.audit.record({
    principal,
    action: 'notice.protected-person.list',
    outcome: 'success',
    resultCount: rows.length,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      dateOfBirth: r.date_of_birth,
      nationality: r.nationality,
      status: r.status,
      againstCountry: r.against_country,
      recognisedBy: r.recognised_by,
      note: r.note,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

export async function removeProtectedPerson(ctx: Context, principal: Principal, id: string) {
  const removed = await ctx.db.deleteFrom('protected_persons').where('id', '=', id).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw problems.notFound('protected person');
  await ctx.audit.record({
    principal,
    action: 'notice.protected-person.remove',
    outcome: 'success',
    objectType: 'protected-person',
    objectId: id,
  });
}

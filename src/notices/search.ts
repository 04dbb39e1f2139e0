import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { noticeAccess } from '../access/notices.ts';
import type { Principal } from '../access/principal.ts';
import { bandOf, type PreparedPerson, queryBlockingKeys, scoreOnly, scorePerson } from '../names/index.ts';
import type { Context } from '../platform/context.ts';
import { preparePersonQuery } from '../records/persons.ts';
import { actionsOf } from './service.ts';
import { imagesOf, type NoticeRow, noticeDto, ownerOf, viewOf } from './store.ts';

/**
 * Name search over notices in force, with the names library. Notices keep their own
 * blocking keys (notice_name_keys), made from the subject as published, rather than
 * filtering a person search: a notice goes to every member even when its subject's
 * record is visible to few, the published snapshot (not the record's later state) is what
 * members must find, and the candidates are only notices, so a common name among millions
 * of persons cannot push a wanted one out of the candidates. Work is bounded the same way:
 * at most PER_KEY index rows per key, MAX_CANDIDATES scored.
 */
const PER_KEY = 100;
const MAX_CANDIDATES = 200;
const MIN_SCORE = 0.3;

export interface NoticeQuery {
  name: string;
  dateOfBirth?: string;
  sex?: 'M' | 'F' | 'U';
  nationality?: string;
  type?: string;
  limit?: number;
}

export async function searchNotices(ctx: Context, principal: Principal, input: NoticeQuery) {
  const query = preparePersonQuery(input);
  const limit = input.limit ?? 10;
  const keys = queryBlockingKeys(query);
  const rows =
    keys.length === 0
      ? []
      : (
          await sql<NoticeRow>`
            WITH k AS (SELECT * FROM unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.weight)}::float8[]) AS k(key, weight)),
            found AS (
              SELECT p.notice_id, sum(k.weight) AS w FROM k CROSS JOIN LATERAL (
                SELECT i.notice_id FROM notice_name_keys i WHERE i.key = k.key LIMIT ${PER_KEY}
              ) p GROUP BY p.notice_id ORDER BY w DESC LIMIT ${MAX_CANDIDATES}
            )
            SELECT n.* FROM found JOIN notices n ON n.id = found.notice_id
            WHERE n.status IN ('published', 'circulated') AND n.person_match IS NOT NULL
              ${input.type ? sql`AND n.type = ${input.type}` : sql``}`.execute(ctx.db)
        ).rows;
  const scored = rows
    .map((row) => ({ row, score: scoreOnly(query, row.person_match as PreparedPerson) }))
    .filter((c) => c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score);
  const hits = [];
  for (const { row, score } of scored) {
    if (hits.length >= limit) break;
    const requester = await ownerOf(ctx, row.requester_agency);
    const access = noticeAccess(principal, viewOf(row, requester));
    if (access === 'none') continue;
    // Only the notices shown are explained: scoreOnly ranks the rest at a fraction of the cost.
    const { explanation } = scorePerson(query, row.person_match as PreparedPerson);
    hits.push({ row, requester, access, score, explanation });
  }
  const images = await imagesOf(
    ctx.db,
    hits.map((h) => h.row.id),
  );
  await ctx.audit.record({
    principal,
    action: 'notice.search',
    outcome: 'success',
    queryFingerprint: createHash('sha256')
      .update(
        ['notice-name', query.q.toLowerCase(), query.d ?? '', query.x ?? '', input.type ?? ''].join('\n'),
      )
      .digest('hex')
      .slice(0, 32),
    // No count of the notices considered: it would tell the searcher's auditors that one
    // not addressed to them matched.
    resultCount: hits.length,
  });
  return {
    query: { name: query.q, ...(query.d ? { dateOfBirth: query.d } : {}) },
    candidates: hits.map(({ row, requester, access, score, explanation }) => ({
      score: Math.round(score * 1000) / 1000,
      band: bandOf(score),
      explanation,
      notice: noticeDto(row, access, images.get(row.id) ?? [], actionsOf(principal, row, requester)),
    })),
  };
}

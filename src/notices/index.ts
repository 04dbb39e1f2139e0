import type { FastifyInstance } from 'fastify';
import { isReviewer } from '../access/notices.ts';
import { systemPrincipal } from '../access/principal.ts';
import type { RecordPolicy } from '../access/records.ts';
import { inAudience } from '../access/records.ts';
import { restrictEvents, type ScopeCheck } from '../platform/events.ts';
import type { Job } from '../platform/jobs.ts';
import { noticeNameJobs } from './names-reindex.ts';
import { noticeKeyRoutes, publicNoticeRoutes } from './public-routes.ts';
import { noticeRoutes as internalRoutes } from './routes.ts';
import { noticeSchemas } from './schema.ts';
import './tables.ts';
import { expireDue, REVIEWERS_ONLY } from './workflow.ts';

export { seedDemoNotices } from './demo.ts';
export { noticeSchemas, publicNoticeRoutes };

// Notice events name requests and their references: for those who read notices, and those
// sent to every member only for the members in the notice's audience.
/**
 * Events for every member carry the notice's audience as their scope; the secretariat's
 * copies of what enters the review queue carry REVIEWERS_ONLY — its analysts read notices in
 * force, not requests under review, so they must not hear those references either.
 */
const inNoticeAudience: ScopeCheck = (agency, scope, principal) =>
  scope === REVIEWERS_ONLY ? isReviewer(principal) : inAudience(agency, scope as RecordPolicy);
restrictEvents('notice.', 'notices:read', inNoticeAudience);
restrictEvents('diffusion.', 'notices:read', inNoticeAudience);

/** Notices, diffusions and the review, under /api/v1. */
export async function noticeRoutes(api: FastifyInstance): Promise<void> {
  await api.register(internalRoutes);
  await api.register(noticeKeyRoutes);
}

export const noticeJobs: Job[] = [
  {
    name: 'notices.expire',
    intervalMs: 60_000,
    run: async (ctx) => {
      await expireDue(ctx, systemPrincipal());
    },
  },
  ...noticeNameJobs,
];

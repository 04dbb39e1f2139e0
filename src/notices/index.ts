import type { FastifyInstance } from 'fastify';
import { type AgencyRef, systemPrincipal } from '../access/principal.ts';
import type { RecordPolicy } from '../access/records.ts';
import { inAudience } from '../access/records.ts';
import { restrictEvents } from '../platform/events.ts';
import type { Job } from '../platform/jobs.ts';
import { noticeNameJobs } from './names-reindex.ts';
import { noticeKeyRoutes, publicNoticeRoutes } from './public-routes.ts';
import { noticeRoutes as internalRoutes } from './routes.ts';
import { noticeSchemas } from './schema.ts';
import './tables.ts';
import { expireDue } from './workflow.ts';

export { seedDemoNotices } from './demo.ts';
export { noticeSchemas, publicNoticeRoutes };

// Notice events name requests and their references: for those who read notices, and those
// sent to every member only for the members in the notice's audience.
const inNoticeAudience = (agency: AgencyRef, audience: unknown) =>
  inAudience(agency, audience as RecordPolicy);
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

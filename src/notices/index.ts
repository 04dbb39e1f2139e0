import type { FastifyInstance } from 'fastify';
import { systemPrincipal } from '../access/principal.ts';
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

// Notice events name requests and their references: for those who read notices.
restrictEvents('notice.', 'notices:read');
restrictEvents('diffusion.', 'notices:read');

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

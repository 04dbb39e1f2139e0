import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from './attachment-routes.ts';
import { keyRoutes } from './key-routes.ts';
import { messageRoutes } from './routes.ts';
import { messagingSchemas as schemas } from './schema.ts';
import './tables.ts';
import { urgentRoutes } from './urgent/routes.ts';
import { urgentSchemas } from './urgent/schema.ts';

export { messagingJobs, settleMessagingWork } from './jobs.ts';

/** Shared schemas referenced by $id; added at the root (see main.ts). */
export const messagingSchemas = [...schemas, ...urgentSchemas];

/** Secure messaging, the key directory, delivery settings and the 24/7 network, under /api/v1. */
export async function messagingRoutes(api: FastifyInstance): Promise<void> {
  await api.register(messageRoutes);
  await api.register(keyRoutes);
  await api.register(attachmentRoutes);
  await api.register(urgentRoutes);
}

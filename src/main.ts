import type { FastifyInstance } from 'fastify';
import { auditRoutes, auditSchemas } from './audit/routes.ts';
import { registerAuthHook } from './identity/auth-hook.ts';
import { identityRoutes, identitySchemas } from './identity/routes.ts';
import { messagingRoutes, messagingSchemas } from './messaging/index.ts';
import { noticeRoutes, noticeSchemas, publicNoticeRoutes } from './notices/index.ts';
import type { Context } from './platform/context.ts';
import { registerEventHub } from './platform/events.ts';
import { createHttpServer, PUBLIC_RATE_LIMIT, registerPlatformPlugins } from './platform/http.ts';
import { opsRoutes } from './platform/ops-routes.ts';
import { importRoutes } from './records/import-routes.ts';
import { recordRoutes } from './records/routes.ts';
import { recordSchemas } from './records/schema.ts';

/**
 * The composition root: the HTTP application built from the capability modules.
 * Each capability adds its routes under /api/v1 here.
 */
export async function buildApp(
  ctx: Context,
  options: { beforeReady?: (app: FastifyInstance) => void | Promise<void> } = {},
): Promise<FastifyInstance> {
  const app = createHttpServer(ctx);
  await registerPlatformPlugins(app);
  registerAuthHook(app);
  // Shared schemas go on the root instance: a plugin that adds its own schemas gets a new
  // schema controller and loses the strict validator compiler set in createHttpServer.
  for (const schema of [
    ...identitySchemas,
    ...auditSchemas,
    ...recordSchemas,
    ...messagingSchemas,
    ...noticeSchemas,
  ])
    app.addSchema(schema);
  await registerEventHub(app);
  // On the root instance, not as an encapsulated plugin: its timing hook must see every
  // route's responses, not only its own (/metrics recorded only /healthz, /readyz, /metrics).
  await opsRoutes(app);
  await app.register(publicNoticeRoutes);
  await app.register(
    async (api) => {
      await api.register(identityRoutes);
      await api.register(auditRoutes);
      await api.register(recordRoutes);
      await api.register(importRoutes);
      await api.register(messagingRoutes);
      await api.register(noticeRoutes);
    },
    { prefix: '/api/v1' },
  );
  app.get(
    '/openapi.json',
    { config: { access: 'public', rateLimit: PUBLIC_RATE_LIMIT }, schema: { hide: true } },
    async () => app.swagger(),
  );
  await app.register((await import('./platform/web.ts')).webRoutes);
  await options.beforeReady?.(app);
  await app.ready();
  return app;
}

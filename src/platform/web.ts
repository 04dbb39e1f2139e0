import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_RATE_LIMIT } from './http.ts';

/** Where `npm run build:web` writes the UI. */
export const DEFAULT_WEB_ROOT = path.resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/** Paths that belong to the server, never to the UI's client-side routes. */
const SERVER_PREFIXES = ['/api', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

function isServerPath(url: string): boolean {
  return SERVER_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

/**
 * Serves the web UI (web/dist) at `/`: hashed assets with a long cache lifetime, and
 * index.html for every other GET outside the API so that deep links such as
 * /agencies/KE-CYBER work on reload. Without a build the API still works and `/` says
 * how to build the UI.
 */
export async function webRoutes(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = options.root ?? DEFAULT_WEB_ROOT;
  const index = path.join(root, 'index.html');
  const built = fs.existsSync(index);
  if (!built) {
    app.log.warn({ root }, 'web UI not built: the API works, the UI does not (run npm run build:web)');
  } else {
    await app.register(fastifyStatic, {
      root,
      serve: false,
      decorateReply: true,
      index: false,
      // Cache headers are set per route below.
      cacheControl: false,
      // The build writes brotli and gzip copies (web/scripts/compress.ts): sent to browsers
      // that accept them, with Vary: accept-encoding; the file itself to others.
      preCompressed: true,
    });
  }

  const routeOptions = {
    config: { access: 'public' as const, rateLimit: PUBLIC_RATE_LIMIT },
    schema: { hide: true },
  };

  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root);

  const notBuilt = (reply: FastifyReply) =>
    reply
      .code(503)
      .header('cache-control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send('The Concord web UI is not built. Run `npm run build:web` (npm start does it), then reload.\n');

  app.get('/assets/*', routeOptions, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!built) return reply.callNotFound();
    const file = (request.params as { '*': string })['*'];
    if (!file || file.includes('..') || !fs.existsSync(path.join(root, 'assets', file))) {
      return reply.callNotFound();
    }
    // Vite names assets by content hash: they never change.
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .sendFile(path.join('assets', file), root);
  });

  app.get('/*', routeOptions, async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0]!;
    if (isServerPath(url)) return reply.callNotFound();
    if (!built) return notBuilt(reply);
    const relative = decodeURIComponent(url).replace(/^\/+/, '');
    // Top-level files from web/public (favicon, robots.txt); everything else is a client route.
    if (relative && !relative.includes('/') && !relative.includes('..') && relative !== 'index.html') {
      const file = path.join(root, relative);
      if (fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.header('cache-control', 'public, max-age=3600').sendFile(relative, root);
      }
    }
    return sendIndex(reply);
  });
}

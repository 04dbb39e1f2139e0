import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { Problem, problems } from '../platform/errors.ts';
import type { StreamCredentials } from '../platform/events.ts';
import { sessionCookieName } from '../platform/http.ts';
import { authenticateApiKey } from './api-keys.ts';
import { authenticateSession, safeEqual } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API key an `Authorization: Bearer …` header carries, if it carries one. */
function bearerKey(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
}

/**
 * Default deny, in one place: every request is authenticated (API key or session cookie)
 * and checked against the permission its route declares before the handler runs. A route
 * that declares nothing is refused.
 */
export function registerAuthHook(app: FastifyInstance): void {
  const cookieName = sessionCookieName(app.ctx.config.publicUrl, app.ctx.config.tlsCert);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const { ctx } = app;
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!request.routeOptions.url) return; // not found: the 404 handler answers
    if (!access) {
      request.log.error({ route: request.routeOptions.url }, 'route without an access declaration');
      throw problems.forbidden('This route declares no permission and is refused.');
    }

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const key = bearerKey(authorization);
      const principal = key ? await authenticateApiKey(ctx, key) : null;
      if (!principal) {
        throw new Problem(
          401,
          'invalid-api-key',
          'Invalid API key',
          'The API key is unknown, revoked or expired.',
        );
      }
      request.principal = { ...principal, requestId: request.id, ip: request.ip };
      request.authMethod = 'api-key';
    } else {
      const token = request.cookies[cookieName];
      if (token) {
        // A read the web UI made on its own (a list refreshed by an event, no key or click
        // for a minute) does not count as the user's activity: the session still idles out.
        const background =
          (request.method === 'GET' || request.method === 'HEAD') &&
          request.headers['x-concord-background'] === '1';
        const authenticated = await authenticateSession(ctx, token, { touch: !background });
        if (authenticated) {
          request.principal = { ...authenticated.principal, requestId: request.id, ip: request.ip };
          request.session = authenticated.session;
          request.authMethod = 'session';
        } else if (access !== 'public') {
          reply.clearCookie(cookieName, { path: '/' });
          throw new Problem(
            401,
            'session-expired',
            'Session expired',
            'Your session has ended. Sign in again.',
          );
        }
      }
    }

    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) throw problems.unauthenticated();
    if (request.session?.mfa_pending && !config.allowMfaPending) {
      throw new Problem(
        403,
        'mfa-enrolment-required',
        'MFA enrolment required',
        'Enrol an authenticator app before continuing.',
      );
    }
    if (request.authMethod === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.session!.csrf_token)) throw problems.csrf();
    }
    if (!principal.permissions.has(access)) {
      await ctx.audit.record({
        principal,
        action: 'access.denied',
        outcome: 'denied',
        details: { method: request.method, route: request.routeOptions.url, permission: access },
      });
      throw problems.forbidden(`This needs the permission ${access}.`);
    }
  });
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  const { config } = app.ctx;
  const secure = Boolean(config.tlsCert) || config.publicUrl.startsWith('https:');
  reply.setCookie(sessionCookieName(config.publicUrl, config.tlsCert), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    // A session cookie (no Max-Age): closing the browser ends it; the server enforces lifetimes.
  });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(app.ctx.config.publicUrl, app.ctx.config.tlsCert), { path: '/' });
}

/**
 * The credentials of a request that stays open (an event stream), to be checked again while
 * it does: the same key or session the request was authenticated with.
 */
export function streamCredentials(app: FastifyInstance, request: FastifyRequest): StreamCredentials {
  const { ctx } = app;
  const bearer = bearerKey(request.headers.authorization);
  if (request.authMethod === 'api-key' && bearer) return () => authenticateApiKey(ctx, bearer);
  const token = request.cookies[sessionCookieName(ctx.config.publicUrl, ctx.config.tlsCert)];
  if (request.authMethod === 'session' && token)
    return async (): Promise<Principal | null> =>
      (await authenticateSession(ctx, token, { touch: false }))?.principal ?? null;
  return async () => null;
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Permission } from '../access/permissions.ts';
import type { Principal } from '../access/principal.ts';
import type { SessionRow } from '../identity/sessions.ts';
import type { Context } from './context.ts';
import { Problem, type ProblemBody, problems } from './errors.ts';
import { ProblemSchema } from './schema.ts';
import { rateLimitStore } from './shared-rate-limit.ts';
import { mayHoldUnstorable, UNSTORABLE_MESSAGE, unstorablePointer } from './storable-text.ts';
import { fieldErrors, validatorCompiler } from './validation.ts';

/** Public routes are rate-limited per client address (health checks stay well inside it). */
export const PUBLIC_RATE_LIMIT = { max: 600, timeWindow: '1 minute' };

/** What a route declares about who may call it: a permission, or that it is public. */
export type RouteAccess = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: the permission it needs, or 'public'. */
    access?: RouteAccess;
    /** Reachable by a session that still has to enrol MFA. */
    allowMfaPending?: boolean;
    /** The media types the body may have, when not JSON (a 415 names them). */
    accepts?: string[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    authMethod: 'session' | 'api-key' | null;
    session: SessionRow | null;
  }
  interface FastifyInstance {
    ctx: Context;
    routeDeclarations: RouteDeclaration[];
  }
}

export interface RouteDeclaration {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export type App = FastifyInstance;

/** Routes that declare no access (the test suite fails on any; such routes are refused). */
export function undeclaredRoutes(declarations: RouteDeclaration[]): string[] {
  return declarations.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Routes added by plugins (interactive docs) that are public by nature. */
const PUBLIC_PLUGIN_PREFIXES = ['/docs'];

export function createHttpServer(ctx: Context): FastifyInstance {
  const { config } = ctx;
  const https =
    config.tlsCert && config.tlsKey
      ? { https: { cert: fs.readFileSync(config.tlsCert), key: fs.readFileSync(config.tlsKey) } }
      : {};
  const app = Fastify({
    ...https,
    loggerInstance: ctx.logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      // randomUUID is pooled and cheap; request ids need uniqueness, not time order.
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // The router refuses some URLs before any route or hook runs (a path parameter that is
    // not percent-encoded UTF-8, or longer than the router allows); they answer in the same
    // problem format as everything else, not Fastify's own JSON. No route means no onSend
    // hooks: the headers a client relies on are set here.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id).header('cache-control', 'no-store');
      return sendProblem(request, reply, toProblem(error, request));
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;

  app.decorate('ctx', ctx);
  app.decorate('routeDeclarations', [] as RouteDeclaration[]);
  app.decorateRequest('principal', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('session', null);
  app.setValidatorCompiler(validatorCompiler);
  // Only JSON bodies: text/plain would otherwise reach handlers as a string.
  app.removeContentTypeParser('text/plain');
  refuseUnstorableText(app);
  lowerCaseIds(app);
  app.addSchema(ProblemSchema);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!route.config?.access && PUBLIC_PLUGIN_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) {
      route.config = { ...route.config, access: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.routeDeclarations.push({ method, url, access: route.config?.access });
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Nothing of the API is kept by a cache; a route may say more (`private, no-store` for a
    // record's photograph), never less.
    if (
      request.url.startsWith('/api/') &&
      !/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''))
    )
      reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError | Problem, request, reply) =>
    sendProblem(request, reply, toProblem(error, request)),
  );
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new Problem(
        404,
        'not-found',
        'Not found',
        `No route for ${request.method} ${request.url.split('?')[0]}.`,
      ),
    ),
  );
  return app;
}

/** Whether text is JSON to a parser that does not look out for prototype keys. */
function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
const prototypeRefusal = () =>
  new Problem(
    400,
    'malformed-body',
    'Malformed request body',
    'The body has a key named __proto__ (or constructor with a prototype), which is refused.',
    { errors: [{ field: '/body', message: 'has a key named __proto__ or constructor.prototype' }] },
  );

/**
 * JSON bodies are parsed as Fastify does, then refused with a 400 naming the field if a
 * string holds a NUL or a lone surrogate (escapes such as "\\u0000" or "\\ud800"), and so
 * are query parameters that do (%00): no column, jsonb document or audit hash can hold
 * them, and without this check they surfaced as 500s from deep inside a write or a lookup.
 */
function refuseUnstorableText(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const refusal = (field: string) => problems.validation([{ field, message: UNSTORABLE_MESSAGE }]);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    parseJson(request, body as string, (error, value) => {
      // The parser refuses keys that would reach an object's prototype: valid JSON, refused
      // on purpose, and the client should be told so rather than "not valid JSON".
      if (error && isPlainJson(body as string)) return done(prototypeRefusal(), undefined);
      const field = !error && mayHoldUnstorable(body as string) ? unstorablePointer(value, '/body') : null;
      if (field) done(refusal(field), undefined);
      else done(error, value);
    }),
  );
  // A callback hook, not an async one: it runs on every request and almost always returns
  // at once, so it should not cost each request a promise.
  app.addHook('preValidation', (request, _reply, done) => {
    // Only an escape can carry such text in a URL.
    const field = request.url.includes('%')
      ? (unstorablePointer(request.query, '/query') ?? unstorablePointer(request.params, '/path'))
      : null;
    done(field ? refusal(field) : undefined);
  });
}

/**
 * Ids in the path and the query in lower case, as the database answers them. PostgreSQL
 * compares UUIDs whatever their case, the code compares strings: /users/<own id in capitals>
 * let an administrator reset their own second factor (the "not yourself" check compared
 * the spellings), and a value sealed under a capitalised id never opened again. Only the
 * fields a route declares as UUIDs: a national system's own reference may be a GUID in
 * capitals, and must be found as it was written.
 */
function lowerCaseIds(app: FastifyInstance): void {
  const uuidFields = (schema: unknown): string[] =>
    Object.entries(
      (schema as { properties?: Record<string, { format?: string }> } | undefined)?.properties ?? {},
    )
      .filter(([, property]) => property.format === 'uuid')
      .map(([name]) => name);
  app.addHook('onRoute', (route) => {
    const fields = {
      params: uuidFields(route.schema?.params),
      query: uuidFields(route.schema?.querystring),
    };
    if (fields.params.length + fields.query.length > 0)
      route.config = { ...(route.config as object), uuidFields: fields } as typeof route.config;
  });
  const lower = (values: unknown, names: string[]) => {
    if (!values || typeof values !== 'object') return;
    const record = values as Record<string, unknown>;
    for (const name of names) {
      const value = record[name];
      if (typeof value === 'string') record[name] = value.toLowerCase();
    }
  };
  app.addHook('preValidation', (request, _reply, done) => {
    const fields = (request.routeOptions.config as { uuidFields?: { params: string[]; query: string[] } })
      .uuidFields;
    if (fields) {
      lower(request.params, fields.params);
      lower(request.query, fields.query);
    }
    done();
  });
}

export function toProblem(error: FastifyError | Problem | Error, request: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  const fe = error as FastifyError;
  if (fe.validation) return problems.validation(fieldErrors(fe.validation as never, fe.validationContext));
  const status = fe.statusCode ?? 500;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'malformed-body', 'Malformed request body', 'The body is not valid JSON.', {
        errors: [{ field: '/body', message: fe.message }],
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(
        413,
        'body-too-large',
        'Request body too large',
        // The route's own limit where it has one (a batch of checks, a message, a chunk).
        `The body exceeds the limit of ${request.routeOptions.bodyLimit ?? request.server.ctx.config.bodyLimitBytes} bytes.`,
      );
    case 'FST_ERR_BAD_URL':
      return problems.validation([{ field: '/path', message: 'is not valid percent-encoded UTF-8' }]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new Problem(
        414,
        'uri-too-long',
        'URI too long',
        'A path parameter is longer than any identifier.',
        {
          errors: [{ field: '/path', message: 'is too long' }],
        },
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      // What the route declares it takes (the OpenAPI `consumes` of a binary upload, say).
      const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
      const accepted = (request.routeOptions.config?.accepts ?? consumes ?? ['application/json']).join(
        ' or ',
      );
      return new Problem(415, 'unsupported-media-type', 'Unsupported media type', `Send ${accepted}.`, {
        errors: [{ field: '/headers/content-type', message: `must be ${accepted}` }],
      });
    }
  }
  if (status === 429) return new Problem(429, 'rate-limited', 'Too many requests', fe.message);
  if (status >= 400 && status < 500) return new Problem(status, 'bad-request', 'Bad request', fe.message);
  request.log.error({ err: error }, 'unhandled error');
  return new Problem(
    500,
    'internal',
    'Internal error',
    `Something went wrong on the server. Quote request id ${request.id}.`,
  );
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  const body: ProblemBody = problem.toBody(request.url.split('?')[0]);
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body);
}

export async function registerPlatformPlugins(app: FastifyInstance): Promise<void> {
  const { config } = app.ctx;
  const secure = Boolean(config.tlsCert) || config.publicUrl.startsWith('https:');
  await app.register(cookie);
  // Helmet computes the security headers once; a hook sends them. (Registered per request,
  // helmet re-parses its CSP directives every time: measurable on the check path.)
  const securityHeaders = staticHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    // Routes that set their own (the interactive docs' CSP) keep theirs.
    for (const [name, value] of securityHeaders) if (!reply.hasHeader(name)) reply.header(name, value);
  });
  await app.register(rateLimit, {
    global: false,
    store: rateLimitStore(app.ctx),
    errorResponseBuilder: (_request, context) =>
      new Problem(
        429,
        'rate-limited',
        'Too many requests',
        `Slow down: try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        {},
        {
          'retry-after': String(Math.ceil(context.ttl / 1000)),
        },
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Concord API',
        version: '1',
        description:
          'International police cooperation against cybercrime. Errors are RFC 9457 problem details ' +
          '(application/problem+json) with a stable `type` URN. Authenticate with the session cookie ' +
          '(sign in at POST /api/v1/auth/login; cookie-authenticated writes send X-CSRF-Token) or ' +
          '`Authorization: Bearer <API key>`.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookieName(config.publicUrl, config.tlsCert),
          },
          apiKey: { type: 'http', scheme: 'bearer', description: 'concord_… API key' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) ?? `def-${i}` },
    // Routes that stream a body of another type (an import file, an attachment's chunk) have
    // no body schema to validate, so the document would show no request body to send: it
    // names their media types here, without changing what the route validates.
    transform: ({ schema, url, route }) => {
      const declared = schema as DocumentedSchema | undefined;
      if (!declared) return { schema: declared as never, url };
      const accepts = (route.config as { accepts?: string[] } | undefined)?.accepts ?? declared.consumes;
      const streamedBody = !declared.body && accepts !== undefined;
      return {
        schema: {
          ...declared,
          ...(streamedBody
            ? {
                consumes: accepts,
                body: {
                  type: 'string',
                  format: 'binary',
                  description: `The body, as ${accepts.join(' or ')}`,
                },
              }
            : {}),
          response: documentedResponses(declared, route, Boolean(declared.body) || streamedBody),
        } as never,
        url,
      };
    },
    // Every error is a problem document, whatever the route's success type.
    transformObject: (document) =>
      'openapiObject' in document
        ? (problemMediaTypes(document.openapiObject as OpenApiDocument) as never)
        : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}

interface DocumentedSchema {
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  consumes?: string[];
  produces?: string[];
  response?: Record<string, unknown>;
}

const PROBLEM = { $ref: 'Problem' };

/**
 * The responses the document shows for a route: those it declares, a stream's type for a
 * route that declares none (server-sent events, files), and the errors any route of its sort
 * can answer — 500 from any; 400 where its input is validated; 401 and 403 where it needs a
 * principal; 429 where a rate limit applies; 413 and 415 where a body is sent.
 */
function documentedResponses(
  declared: DocumentedSchema,
  route: { method: string | string[]; config?: unknown },
  hasBody: boolean,
): Record<string, unknown> {
  const responses: Record<string, unknown> = { ...(declared.response ?? {}) };
  const success = Object.keys(responses).some((code) => code.startsWith('2'));
  if (!success && declared.produces)
    responses[200] = {
      type: 'string',
      format: 'binary',
      description: `A stream, as ${declared.produces.join(' or ')}`,
    };
  const config = route.config as { rateLimit?: unknown; access?: string } | undefined;
  const limited = Boolean(config?.rateLimit);
  const signedIn = config?.access !== undefined && config.access !== 'public';
  const extra: [number, boolean][] = [
    [400, hasBody || Boolean(declared.querystring) || Boolean(declared.params)],
    [401, signedIn],
    [403, signedIn],
    [413, hasBody],
    [415, hasBody],
    [429, limited],
    [500, true],
  ];
  for (const [code, applies] of extra) if (applies && !responses[code]) responses[code] = PROBLEM;
  return responses;
}

interface OpenApiDocument {
  paths?: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
}

/** Error responses as `application/problem+json` (RFC 9457), as the server sends them. */
function problemMediaTypes(document: OpenApiDocument): OpenApiDocument {
  for (const operations of Object.values(document.paths ?? {}))
    for (const operation of Object.values(operations))
      for (const [code, response] of Object.entries(operation.responses ?? {})) {
        if (!/^[45]/.test(code) || !response.content) continue;
        const [first] = Object.values(response.content) as { schema?: unknown }[];
        response.content = { 'application/problem+json': { schema: first?.schema } };
      }
  return document;
}

/** Runs helmet once against a recording response and keeps the headers it set. */
function staticHeaders(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as never, response as never, () => {});
  return [...headers];
}

export function sessionCookieName(publicUrl: string, tlsCert?: string): string {
  // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and path=/.
  return tlsCert || publicUrl.startsWith('https:') ? '__Host-concord_session' : 'concord_session';
}

import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_RATE_LIMIT } from '../platform/http.ts';
import { errorResponses, StringEnum } from '../platform/schema.ts';
import type { ExtractType } from './extract.ts';
import {
  extractDetail,
  extractImage,
  extractImages,
  listExtracts,
  MAX_PER_PAGE,
  type PublicQuery,
} from './public.ts';
import { signingJwks } from './signing.ts';

/**
 * The public notices API, without sign-in, rate-limited per address. Unknown query
 * parameters are ignored (as existing clients send some), known ones are checked: a bad
 * value is a 400 naming it.
 */
const Country = Type.String({ pattern: '^[A-Za-z]{2}$' });
const common = {
  forename: Type.Optional(Type.String({ maxLength: 100 })),
  name: Type.Optional(Type.String({ maxLength: 100 })),
  nationality: Type.Optional(Country),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Starts at 1' })),
  resultPerPage: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, description: `At most ${MAX_PER_PAGE}` }),
  ),
};
const PersonQuery = Type.Object(
  {
    ...common,
    ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    sexId: Type.Optional(StringEnum(['', 'F', 'M', 'U'])),
    freeText: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);
const RedQuery = Type.Object(
  { ...PersonQuery.properties, arrestWarrantCountryId: Type.Optional(Country) },
  { additionalProperties: true },
);
const UnQuery = Type.Object(
  {
    ...common,
    unReference: Type.Optional(Type.String({ maxLength: 40 })),
    freeText: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);
const Id = Type.Object({ id: Type.String({ maxLength: 20, description: 'e.g. 2026-10001' }) });
const Picture = Type.Object({
  id: Type.String({ maxLength: 20 }),
  pictureId: Type.String({ maxLength: 20 }),
});
const Hal = Type.Object(
  {},
  { additionalProperties: true, description: 'HAL JSON, as the public notices API' },
);

/** JSON with an ETag: a client that sends it back gets 304. */
function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply
    .type('application/json; charset=utf-8')
    .serializer((x) => x as string)
    .send(json);
}

function known(query: Record<string, unknown>): PublicQuery {
  const out: Record<string, unknown> = {};
  for (const key of [
    'forename',
    'name',
    'nationality',
    'ageMin',
    'ageMax',
    'sexId',
    'arrestWarrantCountryId',
    'freeText',
    'unReference',
    'page',
    'resultPerPage',
  ])
    if (query[key] !== undefined && query[key] !== '') out[key] = query[key];
  if (typeof out.nationality === 'string') out.nationality = out.nationality.toUpperCase();
  if (typeof out.arrestWarrantCountryId === 'string')
    out.arrestWarrantCountryId = out.arrestWarrantCountryId.toUpperCase();
  return out as PublicQuery;
}

export async function publicNoticeRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  const base = ctx.config.publicUrl.replace(/\/$/, '');
  const config = { access: 'public' as const, rateLimit: PUBLIC_RATE_LIMIT };
  // Public data, for any site to show: a newspaper's or an NGO's page calls the API and
  // embeds the photographs from the reader's browser (the rest of Concord is same-origin
  // only). No credentials are read here, so any origin may. An answer without its own
  // caching rule — a 404 for a notice withdrawn, a 429 — is not kept by caches: a CDN
  // that kept a 404 would hide a notice published again.
  app.addHook('onSend', async (_request, reply) => {
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-expose-headers', 'ETag')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // A revalidation (If-None-Match) from another site's page is preflighted.
  app.options('/notices/v1/*', { config, schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match')
      .header('access-control-max-age', '86400')
      .send(),
  );
  const collections: [ExtractType, string, object][] = [
    ['red', '/notices/v1/red', RedQuery],
    ['yellow', '/notices/v1/yellow', PersonQuery],
    ['un', '/notices/v1/un/persons', UnQuery],
  ];
  for (const [type, path, querystring] of collections) {
    const tags = ['public notices'];
    app.get(
      path,
      {
        config,
        schema: {
          tags,
          summary: `Public extracts of ${type === 'un' ? 'UN Security Council Special' : type} notices`,
          querystring,
          response: { 200: Hal, ...errorResponses(400, 429) },
        },
      },
      async (request, reply) =>
        sendJson(
          request,
          reply,
          await listExtracts(ctx, type, known(request.query as Record<string, unknown>), base),
        ),
    );
    app.get(
      `${path}/:id`,
      {
        config,
        schema: {
          tags,
          summary: 'One public extract',
          params: Id,
          response: { 200: Hal, ...errorResponses(404, 429) },
        },
      },
      async (request, reply) =>
        sendJson(request, reply, await extractDetail(ctx, type, (request.params as { id: string }).id, base)),
    );
    app.get(
      `${path}/:id/images`,
      {
        config,
        schema: {
          tags,
          summary: 'The extract’s images',
          params: Id,
          response: { 200: Hal, ...errorResponses(404, 429) },
        },
      },
      async (request, reply) =>
        sendJson(request, reply, await extractImages(ctx, type, (request.params as { id: string }).id, base)),
    );
    app.get(
      `${path}/:id/images/:pictureId`,
      {
        config,
        schema: {
          tags,
          summary: 'One image (JPEG or PNG)',
          params: Picture,
          produces: ['image/jpeg', 'image/png'],
        },
      },
      async (request, reply) => {
        const { id, pictureId } = request.params as { id: string; pictureId: string };
        const image = await extractImage(ctx, type, id, pictureId);
        reply.header('etag', image.etag).header('cache-control', 'public, max-age=0, must-revalidate');
        if (request.headers['if-none-match'] === image.etag) return reply.code(304).send();
        return reply.type(image.contentType).send(image.bytes);
      },
    );
  }
}

/** The notice-signing public keys, for national systems that verify notices offline. */
export async function noticeKeyRoutes(api: FastifyInstance): Promise<void> {
  api.get(
    '/notices/keys',
    {
      config: { access: 'public', rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['notices'],
        summary: 'The secretariat’s notice-signing keys (JWKS), active and retired',
        description:
          'Verify a notice’s detached JWS (EdDSA) over the RFC 8785 canonical JSON of GET /notices/{id}/signed’s payload.',
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) }) },
      },
    },
    async () => signingJwks(api.ctx.db),
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { AgencyCode, errorResponses, Limit, Page, StringEnum, Text, Uuid } from '../platform/schema.ts';
import { agencyKeys, keyDirectory, type PublishKeys, publishKeys, revokeKey } from './keys.ts';
import { AgencyKeysSchema, KeysPublish, WebhookCreate } from './schema.ts';
import { createWebhook, disableWebhook, listDeliveries, listWebhooks, retryDelivery } from './webhooks.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;
const IdParam = Type.Object({ id: Uuid }, { additionalProperties: false });

/** The key directory, and each agency's delivery settings (webhooks, dead letters). */
export async function keyRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;

  app.get(
    '/keys',
    {
      config: { access: 'messages:read' },
      schema: {
        tags: ['keys'],
        summary: 'The key directory: every agency’s signing and encryption keys, their custody and state',
        querystring: Type.Object(
          {
            agency: Type.Optional(AgencyCode),
            status: Type.Optional(StringEnum(['active', 'retired', 'revoked'])),
            limit: Type.Optional(Limit),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Type.Ref('AgencyKey')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => keyDirectory(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/agencies/:code/keys',
    {
      config: { access: 'messages:read' },
      schema: {
        tags: ['keys'],
        summary: 'One agency’s keys in every state, its custody, and its active public keys as a JWK Set',
        params: Type.Object({ code: AgencyCode }, { additionalProperties: false }),
        response: { 200: AgencyKeysSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => agencyKeys(ctx, principalOf(request), (request.params as { code: string }).code),
  );

  app.post(
    '/keys',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['keys'],
        summary:
          'Publish my agency’s new keys: self-held (send the public JWKs) or server-held (made here); the previous ones retire',
        description:
          'Rotation and change of custody in one: the previous active keys are retired (kept to verify and decrypt what they served). destroyServerKeys erases earlier server-held private keys, after which their messages cannot be read through the web UI.',
        body: KeysPublish,
        response: { 201: AgencyKeysSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await publishKeys(ctx, principalOf(request), request.body as PublishKeys)),
  );

  app.post(
    '/keys/:kid/revoke',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['keys'],
        summary: 'Revoke a key (compromise, loss): nothing is encrypted to it or signed with it again',
        params: Type.Object(
          { kid: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) },
          { additionalProperties: false },
        ),
        body: Type.Object(
          { reason: Text({ minLength: 3, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: { 200: AgencyKeysSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      revokeKey(
        ctx,
        principalOf(request),
        (request.params as { kid: string }).kid,
        (request.body as { reason: string }).reason,
      ),
  );

  // ---- webhooks -----------------------------------------------------------------------

  app.get(
    '/webhooks',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['delivery'],
        summary: 'My agency’s webhook endpoints',
        querystring: Type.Object({ agency: Type.Optional(AgencyCode) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('Webhook')) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => listWebhooks(ctx, principalOf(request), (request.query as { agency?: string }).agency),
  );

  app.post(
    '/webhooks',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['delivery'],
        summary: 'Add a webhook endpoint for my agency’s system; the signing secret is shown once',
        description:
          'Deliveries are POSTed as JSON {type, timestamp, data}, signed as in the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature: v1,<HMAC-SHA256>), retried with backoff for about a day, then kept as dead letters.',
        body: WebhookCreate,
        response: {
          201: Type.Object({
            webhook: Type.Ref('Webhook'),
            secret: Type.String({ description: 'whsec_…, shown once' }),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWebhook(ctx, principalOf(request), request.body as never)),
  );

  app.delete(
    '/webhooks/:id',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['delivery'],
        summary: 'Disable a webhook endpoint (what still waited for it becomes dead letters)',
        params: IdParam,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await disableWebhook(ctx, principalOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/webhook-deliveries',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['delivery'],
        summary: 'Webhook deliveries of my agency; status=dead is the dead-letter list',
        querystring: Type.Object(
          {
            agency: Type.Optional(AgencyCode),
            status: Type.Optional(StringEnum(['pending', 'delivered', 'dead'])),
            limit: Type.Optional(Limit),
            cursor: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Type.Ref('WebhookDelivery')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listDeliveries(ctx, principalOf(request), request.query as never),
  );

  app.post(
    '/webhook-deliveries/:id/retry',
    {
      config: { access: 'messaging:manage' },
      schema: {
        tags: ['delivery'],
        summary: 'Try a dead letter again now',
        params: IdParam,
        response: { 200: Type.Ref('WebhookDelivery'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => retryDelivery(ctx, principalOf(request), (request.params as { id: string }).id),
  );
}

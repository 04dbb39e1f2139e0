import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AgencyCode, DateTime, errorResponses, Limit, Page, StringEnum, Uuid } from '../platform/schema.ts';
import { type AuditQuery, getAuditEntry, queryAudit } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AuditEntrySchema = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the whole log (across chains)' }),
    chain: Type.Union([Uuid, Type.Null()], {
      description: "The writer's (server process's) hash chain; null: the original single chain",
    }),
    position: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Position in its chain, from 1; null in the original chain, where seq is the position',
    }),
    id: Uuid,
    at: DateTime,
    principalType: StringEnum(['user', 'api-key', 'system', 'anonymous']),
    principalId: Nullable(Type.String()),
    principalName: Nullable(Type.String()),
    agency: Nullable(Type.String()),
    action: Type.String({ description: 'What was done: auth.login, user.create, api-key.revoke, …' }),
    objectType: Nullable(Type.String()),
    objectId: Nullable(Type.String()),
    objectAgency: Nullable(Type.String({ description: 'The agency owning the object acted upon' })),
    outcome: StringEnum(['success', 'failure', 'denied']),
    requestId: Nullable(Type.String()),
    queryFingerprint: Nullable(Type.String()),
    resultCount: Nullable(Type.Integer()),
    details: Nullable(Type.Object({}, { additionalProperties: true })),
    hash: Type.String(),
  },
  { $id: 'AuditEntry' },
);

const AuditQuerySchema = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    principal: Type.Optional(Type.String({ maxLength: 200, description: 'User or key id, or username' })),
    action: Type.Optional(
      Type.String({
        maxLength: 100,
        pattern: '^[a-z0-9.-]+\\*?$',
        description: 'Exact action, or a prefix ending in *',
      }),
    ),
    objectType: Type.Optional(Type.String({ maxLength: 50 })),
    objectId: Type.Optional(Type.String({ maxLength: 200 })),
    agency: Type.Optional(AgencyCode),
    outcome: Type.Optional(StringEnum(['success', 'failure', 'denied'])),
    cursor: Type.Optional(Type.String({ maxLength: 30 })),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const auditSchemas = [AuditEntrySchema];

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Who did what, when: the audit log, newest first',
        description:
          'Network auditors see everything; an agency’s admins and auditors see what their agency did and what was done to its data.',
        querystring: AuditQuerySchema,
        response: { 200: Page(Type.Ref('AuditEntry')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => queryAudit(app.ctx, request.principal!, request.query as AuditQuery),
  );
  app.get(
    '/audit/:id',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'One audit entry',
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Ref('AuditEntry'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getAuditEntry(app.ctx, request.principal!, (request.params as { id: string }).id),
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UrgentAction } from '../../access/messaging.ts';
import type { Principal } from '../../access/principal.ts';
import { CountryCode, errorResponses, Page, Uuid } from '../../platform/schema.ts';
import { nudgeEvents } from '../nudge.ts';
import { urgentDashboard } from './dashboard.ts';
import {
  getContactPoint,
  listContactPoints,
  putContactPoint,
  putUrgentSettings,
  readUrgentSettings,
} from './directory.ts';
import {
  ContactPointUpdate,
  DashboardSchema,
  UrgentActionBody,
  UrgentCreate,
  UrgentListQuery,
  type UrgentSettings,
  UrgentSettingsBody,
} from './schema.ts';
import { actOnUrgentRequest, createUrgentRequest, getUrgentRequest, listUrgentRequests } from './service.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;
const IdParam = Type.Object({ id: Uuid }, { additionalProperties: false });
const tags = ['24/7 network'];

const ACTIONS: { action: UrgentAction; summary: string }[] = [
  { action: 'acknowledge', summary: 'Acknowledge receipt (stops the acknowledgement clock)' },
  { action: 'start', summary: 'Start executing' },
  {
    action: 'execute',
    summary: 'Executed: say what was preserved or disclosed (preservation: kept at least 60 days)',
  },
  { action: 'refuse', summary: 'Refuse, with the grounds' },
  {
    action: 'renew',
    summary: 'Renew a preservation (by the network’s preservation period, or until a date)',
  },
];

export async function urgentRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;

  app.get(
    '/contact-points',
    {
      config: { access: 'urgent:read' },
      schema: {
        tags,
        summary: 'The 24/7 directory: each country’s point of contact, languages, hours and legal powers',
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('ContactPoint')) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => listContactPoints(ctx, principalOf(request)),
  );

  const CountryParam = Type.Object({ country: CountryCode }, { additionalProperties: false });
  app.get(
    '/contact-points/:country',
    {
      config: { access: 'urgent:read' },
      schema: {
        tags,
        summary: 'One country’s 24/7 point of contact',
        params: CountryParam,
        response: { 200: Type.Ref('ContactPoint'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      getContactPoint(ctx, principalOf(request), (request.params as { country: string }).country),
  );

  app.put(
    '/contact-points/:country',
    {
      config: { access: 'urgent:manage' },
      schema: {
        tags,
        summary: 'Keep my country’s 24/7 entry (its bureau only)',
        params: CountryParam,
        body: ContactPointUpdate,
        response: { 200: Type.Ref('ContactPoint'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      putContactPoint(
        ctx,
        principalOf(request),
        (request.params as { country: string }).country,
        request.body as never,
      ),
  );

  app.get(
    '/urgent-settings',
    {
      config: { access: 'urgent:read' },
      schema: {
        tags,
        summary: 'The network’s deadlines per request type',
        response: { 200: Type.Ref('UrgentSettings'), ...errorResponses(401, 403) },
      },
    },
    async (request) => readUrgentSettings(ctx, principalOf(request)),
  );

  app.put(
    '/urgent-settings',
    {
      config: { access: 'urgent:manage' },
      schema: {
        tags,
        summary: 'Set the network’s deadlines (secretariat); requests already sent keep theirs',
        body: UrgentSettingsBody,
        response: { 200: Type.Ref('UrgentSettings'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => putUrgentSettings(ctx, principalOf(request), request.body as UrgentSettings),
  );

  app.post(
    '/urgent-requests',
    {
      config: { access: 'urgent:write' },
      schema: {
        tags,
        summary: 'Send an urgent request to a country’s 24/7 point of contact; its clocks start',
        body: UrgentCreate,
        response: { 201: Type.Ref('UrgentRequest'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await createUrgentRequest(ctx, principalOf(request), request.body as never);
      nudgeEvents(app);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/urgent-requests',
    {
      config: { access: 'urgent:read' },
      schema: {
        tags,
        summary: 'The urgent requests my agency sent (outgoing) or received (incoming), newest first',
        querystring: UrgentListQuery,
        response: { 200: Page(Type.Ref('UrgentRequest')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listUrgentRequests(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/urgent-requests/dashboard',
    {
      config: { access: 'urgent:read' },
      schema: {
        tags,
        summary: 'Open requests by age, response times per country (median, 90th percentile), overdue items',
        querystring: Type.Object(
          { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 730, default: 90 })) },
          { additionalProperties: false },
        ),
        response: { 200: DashboardSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => urgentDashboard(ctx, principalOf(request), request.query as { days?: number }),
  );

  app.get(
    '/urgent-requests/:id',
    {
      config: { access: 'urgent:read' },
      schema: {
        tags,
        summary: 'One urgent request with its timeline (its content is in the thread’s messages)',
        params: IdParam,
        response: { 200: Type.Ref('UrgentRequest'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getUrgentRequest(ctx, principalOf(request), (request.params as { id: string }).id),
  );

  for (const { action, summary } of ACTIONS) {
    app.post(
      `/urgent-requests/:id/${action}`,
      {
        config: { access: 'urgent:write' },
        schema: {
          tags,
          summary,
          description:
            'Server-held: the note goes to the requester as an encrypted reply in the request’s thread. Self-held: send the reply yourself and give its messageId.',
          params: IdParam,
          body: UrgentActionBody,
          response: { 200: Type.Ref('UrgentRequest'), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const result = await actOnUrgentRequest(
          ctx,
          principalOf(request),
          (request.params as { id: string }).id,
          action,
          request.body as never,
        );
        nudgeEvents(app);
        return result;
      },
    );
  }
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { errorResponses, Page, Text } from '../platform/schema.ts';
import { sharedLimit } from '../platform/shared-rate-limit.ts';
import { createAgency, getAgency, listAgencies, updateAgency } from './agencies.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { clearSessionCookie, setSessionCookie } from './auth-hook.ts';
import { login, logout } from './login.ts';
import { agencyDto, userDto } from './mappers.ts';
import { confirmMfaEnrolment, startMfaEnrolment } from './mfa.ts';
import {
  AgencyCreate,
  AgencyListQuery,
  AgencySchema,
  AgencyUpdate,
  ApiKeyCreate,
  ApiKeyCreated,
  ApiKeySchema,
  CodeParam,
  IdParam,
  Locale,
  LoginRequest,
  MeResponse,
  MfaEnrolBody,
  MfaEnrolResponse,
  OtpBody,
  Password,
  PasswordChange,
  SessionInfo,
  SessionSchema,
  UserCreate,
  UserListQuery,
  UserSchema,
  UserUpdate,
} from './schema.ts';
import { idleMs, listSessions, revokeSession } from './sessions.ts';
import {
  changeOwnPassword,
  createUser,
  getUser,
  listUsers,
  resetUserMfa,
  resetUserPassword,
  updateOwnProfile,
  updateUser,
} from './users.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;

/** Shared schemas referenced by $id; added at the root (see main.ts). */
export const identitySchemas = [AgencySchema, UserSchema, ApiKeySchema, SessionInfo];

export async function identityRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;

  const idleSeconds = () => Math.floor(idleMs(ctx) / 1000);

  // ---- sign-in -------------------------------------------------------------------
  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: sharedLimit(20, '1 minute') },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username, password and (when enrolled) a TOTP code',
        description:
          'Sets the HttpOnly session cookie. Cookie-authenticated writes must then send the returned ' +
          'csrfToken as X-CSRF-Token. Failed attempts are throttled per username and then locked.',
        security: [],
        body: LoginRequest,
        response: { 200: Type.Ref('SessionInfo'), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body as { username: string; password: string; otp?: string };
      const result = await login(ctx, {
        ...body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      setSessionCookie(app, reply, result.token);
      return {
        user: userDto(result.user),
        agency: agencyDto(result.agency),
        roles: result.principal.roles,
        permissions: [...result.principal.permissions],
        csrfToken: result.session.csrf_token,
        mfaEnrolmentRequired: result.session.mfa_pending,
        expiresAt: result.session.expires_at.toISOString(),
        idleTimeoutSeconds: idleSeconds(),
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'self', allowMfaPending: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends this session)',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await logout(ctx, principalOf(request));
      clearSessionCookie(app, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'self', allowMfaPending: true },
      schema: {
        tags: ['auth'],
        summary: 'Who am I: user or API key, agency, roles, permissions',
        response: { 200: MeResponse, ...errorResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const agency = agencyDto(
        await ctx.db
          .selectFrom('agencies')
          .selectAll()
          .where('code', '=', principal.agency.code)
          .executeTakeFirstOrThrow(),
      );
      const user =
        principal.type === 'user'
          ? userDto(
              await ctx.db
                .selectFrom('users')
                .selectAll()
                .where('id', '=', principal.id)
                .executeTakeFirstOrThrow(),
            )
          : null;
      const session = request.session;
      return {
        principalType: principal.type === 'api-key' ? 'api-key' : 'user',
        user,
        apiKey: principal.type === 'api-key' ? { id: principal.id, name: principal.name } : null,
        agency,
        roles: principal.roles,
        permissions: [...principal.permissions],
        csrfToken: session?.csrf_token ?? null,
        mfaEnrolmentRequired: session?.mfa_pending ?? false,
        session: session
          ? {
              id: session.id,
              expiresAt: session.expires_at.toISOString(),
              idleExpiresAt: new Date(session.last_seen_at.getTime() + idleMs(ctx)).toISOString(),
              idleTimeoutSeconds: idleSeconds(),
            }
          : null,
      };
    },
  );

  app.patch(
    '/me',
    {
      config: { access: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Change my display name or interface language',
        body: Type.Object(
          {
            displayName: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
            locale: Type.Optional(Type.Union([Locale, Type.Null()])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Ref('User'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => updateOwnProfile(ctx, principalOf(request), request.body as never),
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'self', rateLimit: sharedLimit(10, '1 minute') },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (ends my other sessions)',
        body: PasswordChange,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const body = request.body as { currentPassword: string; newPassword: string };
      await changeOwnPassword(ctx, principalOf(request), body.currentPassword, body.newPassword);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/mfa/enrol',
    {
      // It checks the current password: a stolen session must not guess it at leisure.
      config: { access: 'self', allowMfaPending: true, rateLimit: sharedLimit(10, '1 minute') },
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: returns the secret, otpauth URI and QR code',
        body: MfaEnrolBody,
        response: { 200: MfaEnrolResponse, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) =>
      startMfaEnrolment(
        ctx,
        principalOf(request),
        (request.body as { currentPassword?: string } | null)?.currentPassword,
      ),
  );

  app.post(
    '/auth/mfa/verify',
    {
      config: { access: 'self', allowMfaPending: true, rateLimit: sharedLimit(10, '1 minute') },
      schema: {
        tags: ['auth'],
        summary: 'Confirm TOTP enrolment with a first code',
        body: OtpBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      await confirmMfaEnrolment(ctx, principalOf(request), (request.body as { otp: string }).otp);
      return reply.code(204).send();
    },
  );

  // ---- sessions ------------------------------------------------------------------
  app.get(
    '/sessions',
    {
      config: { access: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'My active sessions',
        response: { 200: Type.Object({ items: Type.Array(SessionSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await listSessions(ctx, principalOf(request)) }),
  );

  app.delete(
    '/sessions/:id',
    {
      config: { access: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my sessions',
        params: IdParam,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeSession(ctx, principalOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  // ---- agencies ------------------------------------------------------------------
  app.get(
    '/agencies',
    {
      config: { access: 'agencies:read' },
      schema: {
        tags: ['agencies'],
        summary: 'List and search agencies',
        querystring: AgencyListQuery,
        response: { 200: Page(Type.Ref('Agency')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listAgencies(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/agencies/:code',
    {
      config: { access: 'agencies:read' },
      schema: {
        tags: ['agencies'],
        summary: 'One agency',
        params: CodeParam,
        response: { 200: Type.Ref('Agency'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getAgency(ctx, principalOf(request), (request.params as { code: string }).code),
  );

  app.post(
    '/agencies',
    {
      config: { access: 'agencies:create' },
      schema: {
        tags: ['agencies'],
        summary: 'Create an agency: agency admins create units under their bureau; network admins anything',
        body: AgencyCreate,
        response: { 201: Type.Ref('Agency'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAgency(ctx, principalOf(request), request.body as never)),
  );

  app.patch(
    '/agencies/:code',
    {
      config: { access: 'agencies:manage' },
      schema: {
        tags: ['agencies'],
        summary: 'Rename, suspend or reactivate an agency',
        params: CodeParam,
        body: AgencyUpdate,
        response: { 200: Type.Ref('Agency'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateAgency(
        ctx,
        principalOf(request),
        (request.params as { code: string }).code,
        request.body as never,
      ),
  );

  // ---- users ---------------------------------------------------------------------
  app.get(
    '/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags: ['users'],
        summary: 'Users I may see (my agency; all for network staff)',
        querystring: UserListQuery,
        response: { 200: Page(Type.Ref('User')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listUsers(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'users:read' },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: IdParam,
        response: { 200: Type.Ref('User'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getUser(ctx, principalOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user in my agency (network admins: any agency)',
        body: UserCreate,
        response: { 201: Type.Ref('User'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUser(ctx, principalOf(request), request.body as never)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Change roles, status (disable) or details of a user',
        params: IdParam,
        body: UserUpdate,
        response: { 200: Type.Ref('User'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateUser(ctx, principalOf(request), (request.params as { id: string }).id, request.body as never),
  );

  app.post(
    '/users/:id/mfa/reset',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Reset a user’s MFA: they enrol again at next sign-in',
        params: IdParam,
        response: { 200: Type.Ref('User'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => resetUserMfa(ctx, principalOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Set a new password for a user (ends their sessions, clears lockout)',
        params: IdParam,
        body: Type.Object({ password: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await resetUserPassword(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        (request.body as { password: string }).password,
      );
      return reply.code(204).send();
    },
  );

  // ---- API keys ------------------------------------------------------------------
  app.get(
    '/api-keys',
    {
      config: { access: 'api-keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'API keys of my agency',
        querystring: Type.Object(
          { agency: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('ApiKey')) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      items: await listApiKeys(ctx, principalOf(request), (request.query as { agency?: string }).agency),
    }),
  );

  app.post(
    '/api-keys',
    {
      config: { access: 'api-keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key for a machine; the key is shown once',
        description: 'Permissions default to the creator’s own and can only narrow them.',
        body: ApiKeyCreate,
        response: { 201: ApiKeyCreated, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiKey(ctx, principalOf(request), request.body as never)),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { access: 'api-keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        params: IdParam,
        response: { 200: Type.Ref('ApiKey'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => revokeApiKey(ctx, principalOf(request), (request.params as { id: string }).id),
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { ownAndUnitCodes } from '../identity/agencies.ts';
import { streamCredentials } from '../identity/auth-hook.ts';
import { type FieldError, problems } from '../platform/errors.ts';
import { restrictEvents } from '../platform/events.ts';
import { errorResponses, Text, Uuid } from '../platform/schema.ts';
import { schemaErrors } from '../platform/validation.ts';
import { freeSearch } from './free-search.ts';
import { listHitNotifications, markHitNotificationRead, markHitNotificationsRead } from './notifications.ts';
import { searchPersons } from './persons.ts';
import { type PhotoBytes, readRecordPhoto, readUpload, uploadPhoto } from './photos.ts';
import {
  HitNotificationSchema,
  IdentifierBatchOutline,
  IdentifierQuery,
  IdentifierSearchQuery,
  IdentifierSearchRequest,
  PersonSearchRequest,
  PhotoUpload,
  RecordCreate,
  RecordListQuery,
  RecordPage,
  RecordUpdate,
  RecordVersionSchema,
} from './schema.ts';
import { type InvalidQueries, searchIdentifiers } from './search.ts';
import {
  createRecord,
  deleteRecord,
  extendRecord,
  getRecord,
  listOwnRecords,
  recordHistory,
  updateRecord,
} from './service.ts';
import { listSharedRecords } from './shared.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;

/**
 * A photograph's bytes: for the reader's eyes only (no cache keeps them, not even the
 * browser's), drawn in the page rather than downloaded, and never read as anything but the
 * image type it was checked to be.
 */
function sendPhoto(reply: FastifyReply, photo: PhotoBytes) {
  return reply
    .type(photo.contentType)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .send(photo.bytes);
}

// Who searched our records, and which of them are due for review: for those who read them.
restrictEvents('hit-notification', 'hit-notifications:read');
restrictEvents('record.', 'records:read');
const IdParam = Type.Object({ id: Uuid }, { additionalProperties: false });

/**
 * The identifier batch's validation, attached rather than thrown by Fastify: a failure is
 * thrown as it would have been, unless the caller asked for `?invalid=report` and the batch
 * itself is sound — then each query malformed in shape is named for its own outcome.
 */
function readIdentifierBatch(request: FastifyRequest): {
  invalid: InvalidQueries;
  malformed?: Map<number, FieldError[]>;
} {
  const failure = request.validationError;
  if (!failure) return { invalid: (request.query as { invalid?: InvalidQueries }).invalid ?? 'reject' };
  // Fastify stops at the body's errors before it reads the query string: read it here.
  const queryErrors = schemaErrors(IdentifierSearchQuery, request.query, '/query');
  if (queryErrors.length > 0) throw problems.validation(queryErrors);
  const body = request.body as { queries?: unknown[] };
  if (
    (failure as { validationContext?: string }).validationContext !== 'body' ||
    (request.query as { invalid?: string }).invalid !== 'report' ||
    schemaErrors(IdentifierBatchOutline, body, '/body').length > 0
  )
    throw failure;
  const malformed = new Map<number, FieldError[]>();
  body.queries!.forEach((query, i) => {
    const errors = schemaErrors(IdentifierQuery, query, `/body/queries/${i}`);
    if (errors.length > 0) malformed.set(i, errors);
  });
  return { invalid: 'report', malformed };
}

export async function recordRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;

  app.post(
    '/records',
    {
      config: { access: 'records:write' },
      schema: {
        tags: ['records'],
        summary: 'Record an item in a police database, owned by my agency',
        description:
          'The data is validated against the kind’s schema; identifiers are normalised into search keys. Warnings (e.g. a VIN check digit) do not stop the write.',
        body: RecordCreate,
        response: { 201: Type.Ref('Record'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRecord(ctx, principalOf(request), request.body as never)),
  );

  app.get(
    '/records',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'My agency’s records, or (scope=shared) those other agencies marked for it',
        querystring: RecordListQuery,
        response: { 200: RecordPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const query = request.query as RecordListQuery;
      if (query.scope === 'shared') return listSharedRecords(ctx, principalOf(request), query);
      if (query.updatedSince !== undefined)
        throw problems.invalidField('/query/updatedSince', 'applies with scope=shared');
      return listOwnRecords(ctx, principalOf(request), query);
    },
  );

  app.get(
    '/records/:id',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'One record, if its owner’s policy lets me see it',
        params: IdParam,
        response: { 200: Type.Ref('Record'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getRecord(ctx, principalOf(request), (request.params as { id: string }).id),
  );

  app.patch(
    '/records/:id',
    {
      config: { access: 'records:write' },
      schema: {
        tags: ['records'],
        summary:
          'Correct a record, change its policy or mute its hit notifications (owner only; a new version)',
        params: IdParam,
        body: RecordUpdate,
        response: { 200: Type.Ref('Record'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateRecord(ctx, principalOf(request), (request.params as { id: string }).id, request.body as never),
  );

  app.delete(
    '/records/:id',
    {
      config: { access: 'records:write' },
      schema: {
        tags: ['records'],
        summary: 'Delete a record (owner only): it stops answering searches; the act is kept in its history',
        params: IdParam,
        querystring: Type.Object(
          { reason: Text({ minLength: 3, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Record'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      deleteRecord(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        (request.query as { reason: string }).reason,
      ),
  );

  app.post(
    '/records/:id/extend',
    {
      config: { access: 'records:write' },
      schema: {
        tags: ['records'],
        summary: 'Confirm the record is still needed: move its review date (restores a lapsed record)',
        params: IdParam,
        body: Type.Object(
          {
            reason: Text({ minLength: 3, maxLength: 1000 }),
            until: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Record'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const body = request.body as { reason: string; until?: string };
      return extendRecord(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        body.reason,
        body.until,
      );
    },
  );

  app.post(
    '/records/photos',
    {
      config: { access: 'records:write' },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags: ['records'],
        summary: 'Upload a photograph for a record (JPEG or PNG, base64, at most 2 MiB)',
        description:
          'Stored without its metadata (EXIF, GPS, XMP, comments). Name the answered id in a person’s `data.photos` or a work of art’s `data.images` within a day: the write that names it puts it on the record; until then only its uploader reads it (`GET /records/photos/{photoId}`), and after a day unnamed it is removed. An uploader may have 50 waiting at once (409 `too-many-photos-waiting` after): a system loading many persons uploads 50, imports the lines naming them, and goes on.',
        body: PhotoUpload,
        response: { 201: Type.Ref('RecordPhoto'), ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await uploadPhoto(ctx, principalOf(request), request.body as never)),
  );

  app.get(
    '/records/photos/:photoId',
    {
      config: { access: 'records:write' },
      schema: {
        tags: ['records'],
        summary: 'A photograph I uploaded that no record names yet',
        params: Type.Object({ photoId: Uuid }, { additionalProperties: false }),
        produces: ['image/jpeg', 'image/png'],
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) =>
      sendPhoto(
        reply,
        await readUpload(ctx, principalOf(request), (request.params as { photoId: string }).photoId),
      ),
  );

  app.get(
    '/records/:id/photos/:photoId',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'A record’s photograph, if its owner’s policy lets me see the record',
        description:
          'To those who read the whole record; anyone else is told it does not exist (404). Audited as a read of the record.',
        params: Type.Object({ id: Uuid, photoId: Uuid }, { additionalProperties: false }),
        produces: ['image/jpeg', 'image/png'],
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const { id, photoId } = request.params as { id: string; photoId: string };
      return sendPhoto(reply, await readRecordPhoto(ctx, principalOf(request), id, photoId));
    },
  );

  app.get(
    '/records/:id/history',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['records'],
        summary: 'Versions of a record (owner only)',
        params: IdParam,
        response: {
          200: Type.Object({ items: Type.Array(RecordVersionSchema) }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => ({
      items: await recordHistory(ctx, principalOf(request), (request.params as { id: string }).id),
    }),
  );

  app.post(
    '/search/identifiers',
    {
      config: { access: 'records:read' },
      bodyLimit: 4 * 1024 * 1024,
      // With ?invalid=report a query malformed in shape is that query's outcome, not the batch's.
      attachValidation: true,
      schema: {
        tags: ['search'],
        summary: 'Hit/no-hit checks of up to 10,000 identifiers',
        description:
          'One result per query, in order: hit (the records I may see), restricted-hit (a record exists that I may not see: its owner and a hit reference to quote), or no-hit. Every hit notifies the owner. A query that cannot be read fails the whole batch with a 400 naming it, unless `?invalid=report` asks for it to be answered as `invalid` while the others are checked.',
        querystring: IdentifierSearchQuery,
        body: IdentifierSearchRequest,
        response: {
          200: Type.Object({ results: Type.Array(Type.Ref('SearchResult')) }),
          ...errorResponses(400, 401, 403, 413),
        },
      },
    },
    async (request) => {
      const { invalid, malformed } = readIdentifierBatch(request);
      return searchIdentifiers(ctx, principalOf(request), (request.body as { queries: never[] }).queries, {
        invalid,
        malformed,
      });
    },
  );

  app.post(
    '/search/persons',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['search'],
        summary: 'Find persons by name across scripts, spellings and transliterations',
        description:
          'Ranked candidates with a calibrated score (0–1), a band (strong ≥ 0.82, possible ≥ 0.62, weak) and an explanation an officer can read. A person the caller may not see but whose owner allows hit-only answers is a restricted-hit (owner and hit reference); one the caller may not see at all is left out. Strong and possible matches notify the owner; every search is audited.',
        body: PersonSearchRequest,
        response: {
          200: Type.Ref('PersonSearchResult'),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => searchPersons(ctx, principalOf(request), request.body as PersonSearchRequest),
  );

  app.get(
    '/search',
    {
      config: { access: 'records:read' },
      schema: {
        tags: ['search'],
        summary: 'Free search: recognises what was typed (document, IBAN, wallet, IP, a name…) and checks it',
        querystring: Type.Object(
          { q: Type.String({ minLength: 2, maxLength: 2048 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            interpretations: Type.Array(Type.Object({ scheme: Type.String(), value: Type.String() })),
            results: Type.Array(Type.Ref('SearchResult')),
            persons: Type.Optional(Type.Ref('PersonSearchResult')),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => freeSearch(ctx, principalOf(request), (request.query as { q: string }).q),
  );

  app.get(
    '/hit-notifications',
    {
      config: { access: 'hit-notifications:read' },
      schema: {
        tags: ['search'],
        summary: 'Hits on my agency’s records: who searched, when, which record, with what outcome',
        querystring: Type.Object(
          {
            unread: Type.Optional(Type.Boolean()),
            recordId: Type.Optional(
              Type.String({
                format: 'uuid',
                description: 'Only the notifications of this record (one of mine)',
              }),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            cursor: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(HitNotificationSchema),
            unread: Type.Integer({
              description:
                'Unread notifications of my agency (a bureau: and its units), counted up to 10,000',
            }),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => listHitNotifications(ctx, principalOf(request), request.query as never),
  );

  app.post(
    '/hit-notifications/read',
    {
      config: { access: 'hit-notifications:read' },
      schema: {
        tags: ['search'],
        summary: 'Mark my agency’s unread hit notifications read, up to the newest one the reader has seen',
        body: Type.Object(
          {
            upTo: Type.String({
              format: 'uuid',
              description:
                'The newest notification seen (the first of the list): it and all older unread ones are marked; newer ones stay unread',
            }),
            recordId: Type.Optional(
              Type.String({ format: 'uuid', description: 'Only this record’s notifications' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ marked: Type.Integer({ minimum: 0 }) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      marked: await markHitNotificationsRead(
        ctx,
        principalOf(request),
        request.body as { upTo: string; recordId?: string },
      ),
    }),
  );

  app.post(
    '/hit-notifications/:id/read',
    {
      config: { access: 'hit-notifications:read' },
      schema: {
        tags: ['search'],
        summary: 'Mark a hit notification read',
        params: IdParam,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await markHitNotificationRead(ctx, principalOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/events',
    {
      // Open to every principal: each event type reaches only those holding its own
      // permission (platform/events.ts), so a network administrator hears of urgent requests
      // without reading hit notifications.
      config: { access: 'self' },
      schema: {
        tags: ['search'],
        summary:
          'Server-sent events for my agency (hit notifications, review reminders, messages, notices, 24/7 requests — each to those who may read it); resumes with Last-Event-ID',
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      await app.events.subscribe(
        request,
        reply,
        await ownAndUnitCodes(ctx, principalOf(request)),
        streamCredentials(app, request),
      );
    },
  );
}

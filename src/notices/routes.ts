import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { problems } from '../platform/errors.ts';
import { errorResponses, Page, Uuid } from '../platform/schema.ts';
import { addImage, readImage, removeImage } from './images.ts';
import { renderNoticePdf } from './pdf.ts';
import { publicPreview } from './public-preview.ts';
import { signedPayload } from './publication.ts';
import {
  CancelBody,
  DecisionBody,
  DiffusionReviewBody,
  ExtendBody,
  HistoryEntry,
  ImageUpload,
  NoticeCreate,
  NoticeListQuery,
  NoticeSearchBody,
  NoticeUpdate,
  ProtectedPersonBody,
  ReasonBody,
} from './schema.ts';
import { searchNotices } from './search.ts';
import {
  createNotice,
  getNotice,
  listNotices,
  noticeHistory,
  noticesOfRecord,
  updateNotice,
} from './service.ts';
import {
  addProtectedPerson,
  listProtectedPersons,
  noticeStatistics,
  removeProtectedPerson,
} from './statistics.ts';
import { imagesOf, loadVisible } from './store.ts';
import { CANCEL_REASONS, NOTICE_TYPES, REFUSAL_GROUNDS } from './types.ts';
import {
  cancelNotice,
  circulateDiffusion,
  decide,
  extendNotice,
  reinstateNotice,
  removePublicExtract,
  reviewDiffusion,
  startReview,
  submitNotice,
  suspendNotice,
} from './workflow.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;
const IdParam = Type.Object({ id: Uuid }, { additionalProperties: false });
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
const NoticeRef = Type.Ref('Notice');
const tags = ['notices'];

export async function noticeRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;

  app.get(
    '/notice-types',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary:
          'The notice types: purpose, fields (required, translatable), subject, validity, who may request, public extract, checklist',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({}, { additionalProperties: true })),
            refusalGrounds: Type.Array(Type.String()),
            cancelReasons: Type.Array(Type.String()),
          }),
        },
      },
    },
    async () => ({
      items: Object.values(NOTICE_TYPES),
      refusalGrounds: [...REFUSAL_GROUNDS],
      cancelReasons: [...CANCEL_REASONS],
    }),
  );

  app.post(
    '/notices',
    {
      config: { access: 'notices:request' },
      schema: {
        tags,
        summary: 'Start a notice request (a draft) for my agency',
        body: NoticeCreate,
        response: { 201: NoticeRef, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createNotice(ctx, principalOf(request), 'notice', request.body as never)),
  );

  app.post(
    '/diffusions',
    {
      config: { access: 'notices:request' },
      schema: {
        tags: ['diffusions'],
        summary:
          'Start a diffusion (a draft) to chosen members: audience {visibility: "allow", countries: [...]}, or all',
        body: NoticeCreate,
        response: { 201: NoticeRef, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createNotice(ctx, principalOf(request), 'diffusion', request.body as never)),
  );

  app.get(
    '/notices',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'Notices and diffusions: mine, the review queue, or in force for me',
        querystring: NoticeListQuery,
        response: { 200: Page(NoticeRef), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listNotices(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/diffusions',
    {
      config: { access: 'notices:read' },
      schema: {
        tags: ['diffusions'],
        summary: 'Diffusions (the notices list with kind=diffusion)',
        querystring: NoticeListQuery,
        response: { 200: Page(NoticeRef), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      listNotices(ctx, principalOf(request), { ...(request.query as object), kind: 'diffusion' }),
  );

  app.post(
    '/notices/search',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'Find notices in force by the subject’s name (any script, spelling, transliteration)',
        body: NoticeSearchBody,
        response: {
          200: Type.Object({
            query: Type.Object({}, { additionalProperties: true }),
            candidates: Type.Array(
              Type.Object({
                score: Type.Number(),
                band: Type.String(),
                explanation: Type.Object({}, { additionalProperties: true }),
                notice: NoticeRef,
              }),
            ),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => searchNotices(ctx, principalOf(request), request.body as never),
  );

  app.get(
    '/notices/statistics',
    {
      config: { access: 'notices:review' },
      schema: {
        tags,
        summary:
          'Requested, published, returned, refused, cancelled per type and refusal grounds, in a period (default: the last year)',
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => noticeStatistics(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/notices/by-record/:id',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'Notices whose subject (or asset) is this record — e.g. after a document check hit',
        params: IdParam,
        response: { 200: Type.Object({ items: Type.Array(NoticeRef) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => noticesOfRecord(ctx, principalOf(request), idOf(request)),
  );

  app.get(
    '/notices/protected-persons',
    {
      config: { access: 'notices:review' },
      schema: {
        tags,
        summary: 'Recognised refugees the automatic checks look for',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => listProtectedPersons(ctx, principalOf(request)),
  );
  app.post(
    '/notices/protected-persons',
    {
      config: { access: 'notices:review' },
      schema: {
        tags,
        summary: 'Add a recognised refugee to the list',
        body: ProtectedPersonBody,
        response: { 201: Type.Object({}, { additionalProperties: true }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addProtectedPerson(ctx, principalOf(request), request.body as never)),
  );
  app.delete(
    '/notices/protected-persons/:id',
    {
      config: { access: 'notices:review' },
      schema: {
        tags,
        summary: 'Remove a person from the list',
        params: IdParam,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeProtectedPerson(ctx, principalOf(request), idOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/notices/:id',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'One notice or diffusion, as I may see it',
        params: IdParam,
        response: { 200: NoticeRef, ...errorResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request) => getNotice(ctx, principalOf(request), idOf(request)),
  );
  app.get(
    '/diffusions/:id',
    {
      config: { access: 'notices:read' },
      schema: {
        tags: ['diffusions'],
        summary: 'One diffusion',
        params: IdParam,
        response: { 200: NoticeRef, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getNotice(ctx, principalOf(request), idOf(request)),
  );

  app.patch(
    '/notices/:id',
    {
      config: { access: 'notices:request' },
      schema: {
        tags,
        summary: 'Edit a draft or a returned request (requester)',
        params: IdParam,
        body: NoticeUpdate,
        response: { 200: NoticeRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateNotice(ctx, principalOf(request), idOf(request), request.body as never),
  );

  app.get(
    '/notices/:id/history',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'Every transition: who, when, why',
        params: IdParam,
        response: { 200: Type.Object({ items: Type.Array(HistoryEntry) }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => ({ items: await noticeHistory(ctx, principalOf(request), idOf(request)) }),
  );

  const simple = (
    path: string,
    access: 'notices:request' | 'notices:review' | 'notices:read',
    summary: string,
    body: object | undefined,
    run: (principal: Principal, id: string, body: never) => Promise<unknown>,
    tag = tags,
  ) =>
    app.post(
      path,
      {
        config: { access },
        schema: {
          tags: tag,
          summary,
          params: IdParam,
          ...(body ? { body } : {}),
          response: { 200: NoticeRef, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => run(principalOf(request), idOf(request), request.body as never),
    );
  simple(
    '/notices/:id/submit',
    'notices:request',
    'Submit the request for compliance review (runs the automatic checks)',
    undefined,
    (p, id) => submitNotice(ctx, p, id),
  );
  simple(
    '/notices/:id/start-review',
    'notices:review',
    'Take a submitted request for review',
    undefined,
    (p, id) => startReview(ctx, p, id),
  );
  simple(
    '/notices/:id/review',
    'notices:review',
    'Decide: publish (checklist confirmed), return for more information, or refuse with grounds',
    DecisionBody,
    (p, id, b) => decide(ctx, p, id, b),
  );
  simple(
    '/notices/:id/extend',
    'notices:read',
    'Extend a published notice (requester or secretariat; re-signed)',
    ExtendBody,
    (p, id, b) => extendNotice(ctx, p, id, b),
  );
  simple(
    '/notices/:id/suspend',
    'notices:review',
    'Suspend a published notice (secretariat)',
    ReasonBody,
    (p, id, b: { reason: string }) => suspendNotice(ctx, p, id, b.reason),
  );
  simple(
    '/notices/:id/reinstate',
    'notices:review',
    'Reinstate a suspended notice (secretariat)',
    ReasonBody,
    (p, id, b: { reason: string }) => reinstateNotice(ctx, p, id, b.reason),
  );
  simple(
    '/notices/:id/cancel',
    'notices:read',
    'Cancel: person located, warrant withdrawn, owner’s request… (requester); compliance (secretariat). Removes the public extract at once.',
    CancelBody,
    (p, id, b) => cancelNotice(ctx, p, id, b),
  );
  simple(
    '/notices/:id/remove-public-extract',
    'notices:read',
    'Take a notice off the public website, keeping it in force for the members (requester or secretariat, with a reason); it does not go public again',
    ReasonBody,
    (p, id, b: { reason: string }) => removePublicExtract(ctx, p, id, b.reason),
  );
  simple(
    '/diffusions/:id/circulate',
    'notices:request',
    'Send the diffusion: in force at once, reviewed afterwards',
    undefined,
    (p, id) => circulateDiffusion(ctx, p, id),
    ['diffusions'],
  );
  simple(
    '/diffusions/:id/review',
    'notices:review',
    'Review a circulated diffusion: confirm (once), or withdraw with grounds (also after confirming)',
    DiffusionReviewBody,
    (p, id, b) => reviewDiffusion(ctx, p, id, b),
    ['diffusions'],
  );

  app.get(
    '/notices/:id/public-preview',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'What the public sees of this notice: its public extract, now or once published',
        description:
          'The fields the public notices API (/notices/v1/…) serves for it, built by the same code. 409 no-public-extract when it has none, with a `reason` for the requester and the secretariat: diffusion, type, consent, audience, refused, not-in-force or no-subject.',
        params: IdParam,
        response: { 200: Type.Ref('NoticePublicPreview'), ...errorResponses(400, 401, 403, 404, 409, 410) },
      },
    },
    async (request) => publicPreview(ctx, principalOf(request), idOf(request)),
  );

  app.get(
    '/notices/:id/signed',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'The signed payload and its detached JWS, for offline verification',
        params: IdParam,
        response: {
          200: Type.Object({
            payload: Type.Object({}, { additionalProperties: true }),
            jws: Type.String(),
            kid: Type.String(),
            keys: Type.String(),
          }),
          ...errorResponses(400, 401, 404, 409),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { row } = await loadVisible(ctx, principal, idOf(request), 'notice.signed');
      if (!row.signature || !row.signed_kid || !row.published_at || !row.valid_until)
        throw problems.conflict('This notice has not been signed: it was never in force.');
      const images = (await imagesOf(ctx.db, [row.id])).get(row.id) ?? [];
      await ctx.audit.record({
        principal,
        action: 'notice.signed',
        outcome: 'success',
        objectType: 'notice',
        objectId: row.id,
        objectAgency: row.requester_agency,
      });
      return {
        payload: signedPayload(row, images, row.published_at, row.valid_until),
        jws: row.signature,
        kid: row.signed_kid,
        keys: `${ctx.config.publicUrl}/api/v1/notices/keys`,
      };
    },
  );

  app.get(
    '/notices/:id/pdf',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'The notice as a PDF, in the printed layout',
        params: IdParam,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const notice = await getNotice(ctx, principal, idOf(request));
      const first = notice.images[0];
      const photo = first ? await readImage(ctx, principal, notice.id, first.pictureId) : null;
      const pdf = await renderNoticePdf(
        notice,
        photo && { bytes: photo.bytes, contentType: photo.contentType },
        principal.name,
        ctx.clock.now(),
      );
      await ctx.audit.record({
        principal,
        action: 'notice.print',
        outcome: 'success',
        objectType: 'notice',
        objectId: notice.id,
        objectAgency: notice.requester,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="notice-${notice.reference.replace('/', '-')}.pdf"`)
        .send(pdf);
    },
  );

  app.post(
    '/notices/:id/images',
    {
      config: { access: 'notices:request' },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Add a photograph (JPEG or PNG, base64, at most 2 MiB) to a draft or returned request',
        params: IdParam,
        body: ImageUpload,
        response: { 200: NoticeRef, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => addImage(ctx, principalOf(request), idOf(request), request.body as never),
  );
  app.get(
    '/notices/:id/images/:pictureId',
    {
      config: { access: 'notices:read' },
      schema: {
        tags,
        summary: 'A photograph',
        params: Type.Object({ id: Uuid, pictureId: Type.String({ pattern: '^\\d{1,12}$' }) }),
        produces: ['image/jpeg', 'image/png'],
      },
    },
    async (request, reply) => {
      const { id, pictureId } = request.params as { id: string; pictureId: string };
      const image = await readImage(ctx, principalOf(request), id, pictureId);
      return reply.type(image.contentType).send(image.bytes);
    },
  );
  app.delete(
    '/notices/:id/images/:pictureId',
    {
      config: { access: 'notices:request' },
      schema: {
        tags,
        summary: 'Remove a photograph from a draft or returned request',
        params: Type.Object({ id: Uuid, pictureId: Type.String({ pattern: '^\\d{1,12}$' }) }),
        response: { 200: NoticeRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id, pictureId } = request.params as { id: string; pictureId: string };
      return removeImage(ctx, principalOf(request), id, pictureId);
    },
  );
}

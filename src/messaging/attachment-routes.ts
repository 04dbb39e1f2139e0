import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { base64url } from 'jose';
import type { Principal } from '../access/principal.ts';
import { problems } from '../platform/errors.ts';
import { AgencyCode, errorResponses, Uuid } from '../platform/schema.ts';
import { chunkCompact, createUpload, deleteUpload, uploadChunk, uploadStatus } from './attachments.ts';
import { decryptChunk } from './envelope.ts';
import { openOwnCopy } from './read.ts';
import { AttachmentCreate, MAX_CHUNK } from './schema.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;
const tags = ['attachments'];
/** A chunk's compact JWE is base64url (4/3) plus its header. */
const CHUNK_BODY_LIMIT = Math.ceil((MAX_CHUNK * 4) / 3) + 64 * 1024;
const ChunkParams = Type.Object(
  { id: Uuid, index: Type.Integer({ minimum: 0, maximum: 10_000_000 }) },
  { additionalProperties: false },
);
const DownloadParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });

/** RFC 6266 filename: an ASCII fallback and the exact name in UTF-8. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Attachments travel in chunks: uploaded one request each (resumable: send the missing
 * ones), stored encrypted, and streamed out one chunk at a time — never the whole file in
 * memory on either side.
 */
export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  app.addContentTypeParser(
    ['application/octet-stream', 'application/jose'],
    { parseAs: 'buffer', bodyLimit: CHUNK_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/attachments',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Start an upload: its size and chunk size are fixed now (default 4 MiB chunks)',
        description:
          'Server-held uploaders give name and contentType (sealed until the message is sent, then encrypted into it) and upload plaintext chunks; self-held uploaders give neither and upload each chunk as a compact JWE (dir, A256GCM, protected header att = upload id, idx = chunk index) under the attachment key they put in the message’s content.',
        body: AttachmentCreate,
        response: { 201: Type.Ref('AttachmentUpload'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUpload(ctx, principalOf(request), request.body as never)),
  );

  app.get(
    '/attachments/:id',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'An upload’s progress: which chunks are still missing (to resume)',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Ref('AttachmentUpload'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => uploadStatus(ctx, principalOf(request), (request.params as { id: string }).id),
  );

  app.put(
    '/attachments/:id/chunks/:index',
    {
      config: { access: 'messages:send' },
      bodyLimit: CHUNK_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Upload one chunk (again, to replace it): application/octet-stream, or application/jose for self-held uploaders',
        params: ChunkParams,
        consumes: ['application/octet-stream', 'application/jose'],
        response: {
          200: Type.Object({
            id: Uuid,
            index: Type.Integer(),
            received: Type.Integer(),
            chunks: Type.Integer(),
            complete: Type.Boolean(),
          }),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const { id, index } = request.params as { id: string; index: number };
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (!Buffer.isBuffer(request.body)) throw problems.invalidField('/body', 'send the chunk’s bytes');
      return uploadChunk(ctx, principalOf(request), id, index, request.body, type);
    },
  );

  app.delete(
    '/attachments/:id',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Abandon an upload not yet sent',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteUpload(ctx, principalOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/messages/:id/attachments/:attachmentId',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary: 'Download an attachment, decrypted (server-held mailboxes), streamed chunk by chunk',
        params: DownloadParams,
        querystring: Type.Object({ mailbox: Type.Optional(AgencyCode) }, { additionalProperties: false }),
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id, attachmentId } = request.params as { id: string; attachmentId: string };
      const copy = await openOwnCopy(ctx, principal, id, (request.query as { mailbox?: string }).mailbox);
      const attachment = copy?.content?.attachments.find((a) => a.id === attachmentId);
      await ctx.audit.record({
        principal,
        action: 'message.attachment.download',
        outcome: attachment ? 'success' : 'denied',
        objectType: 'attachment',
        objectId: attachmentId,
        objectAgency: copy?.message.from_agency,
        details: { message: id },
      });
      if (!copy) throw problems.notFound('message');
      if (!attachment) {
        if (copy.custody === 'self')
          throw problems.invalidField(
            '/path/attachmentId',
            'your agency holds its own keys: download the chunks and decrypt them in its system',
          );
        throw problems.notFound('attachment');
      }
      if (copy.verification.status === 'invalid')
        throw problems.conflict('The message failed verification: its attachment is not served as genuine.');
      const key = base64url.decode(attachment.key);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(attachment.size),
        'content-disposition': contentDisposition(attachment.name),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'x-request-id': request.id,
      });
      try {
        for (let index = 0; index < attachment.chunks; index++) {
          const compact = await chunkCompact(ctx, attachmentId, index);
          if (!compact) throw new Error(`chunk ${index} missing`);
          const plain = await decryptChunk(key, compact, attachmentId, index);
          if (!reply.raw.write(plain)) await new Promise((resolve) => reply.raw.once('drain', resolve));
        }
        reply.raw.end();
      } catch (error) {
        // Headers are gone: cut the connection so that the client sees a short file, not a whole one.
        request.log.error({ err: error, attachment: attachmentId }, 'attachment stream failed');
        reply.raw.destroy();
      }
    },
  );

  app.get(
    '/messages/:id/attachments/:attachmentId/chunks/:index',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary: 'One chunk of an attachment as its compact JWE (self-held agencies decrypt it themselves)',
        params: Type.Object(
          { id: Uuid, attachmentId: Uuid, index: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object({ mailbox: Type.Optional(AgencyCode) }, { additionalProperties: false }),
        produces: ['application/jose'],
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id, attachmentId, index } = request.params as {
        id: string;
        attachmentId: string;
        index: number;
      };
      const copy = await openOwnCopy(ctx, principal, id, (request.query as { mailbox?: string }).mailbox);
      const linked =
        copy &&
        (await ctx.db
          .selectFrom('message_attachments')
          .select('attachment_id')
          .where('message_id', '=', id)
          .where('attachment_id', '=', attachmentId)
          .executeTakeFirst());
      await ctx.audit.record({
        principal,
        action: 'message.attachment.chunk-download',
        outcome: linked ? 'success' : 'denied',
        objectType: 'attachment',
        objectId: attachmentId,
        objectAgency: copy?.message.from_agency,
        details: { message: id, index },
      });
      if (!linked) throw problems.notFound('attachment');
      const compact = await chunkCompact(ctx, attachmentId, index);
      if (!compact) throw problems.notFound('chunk');
      return reply.type('application/jose').send(compact);
    },
  );
}

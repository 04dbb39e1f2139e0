import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.ts';
import { streamCredentials } from '../identity/auth-hook.ts';
import { problems } from '../platform/errors.ts';
import { AgencyCode, errorResponses, Page, StringEnum, Uuid } from '../platform/schema.ts';
import { sentDto } from './copies.ts';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts.ts';
import {
  decideForwardPermission,
  forwardMessage,
  listForwardPermissions,
  requestForwardPermission,
} from './forward.ts';
import { createGroup, deleteGroup, listGroups, updateGroup } from './groups.ts';
import { mailboxCodes } from './mailbox.ts';
import { nudgeEvents } from './nudge.ts';
import { prepareRecipients } from './prepare.ts';
import {
  ackDeliveries,
  getMessage,
  getThread,
  listMessages,
  pendingDeliveries,
  replyDefaults,
  sentView,
} from './read.ts';
import { createReceipt } from './receipts.ts';
import {
  DraftBody,
  ForwardBody,
  ForwardRequestCreate,
  GroupCode,
  GroupCreate,
  GroupUpdate,
  MessageListQuery,
  MessageSend,
  PreparedRecipients,
  ReceiptCreate,
  RecipientsPrepare,
} from './schema.ts';
import { type Envelope, sendAsServer, sendEnvelope } from './send.ts';

const principalOf = (request: FastifyRequest): Principal => request.principal!;
const IdParam = Type.Object({ id: Uuid }, { additionalProperties: false });
const MailboxQuery = Type.Object({ mailbox: Type.Optional(AgencyCode) }, { additionalProperties: false });
const tags = ['messages'];

/** The plain fields a self-held sender must put inside its signed, encrypted envelope instead. */
const PLAIN_FIELDS = [
  'to',
  'groups',
  'subject',
  'body',
  'priority',
  'handling',
  'handlingNote',
  'tlp',
  'evaluation',
  'threadId',
  'inReplyTo',
  'references',
  'caseRef',
  'attachments',
  'draftId',
] as const;

export async function messageRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;

  app.post(
    '/messages',
    {
      config: { access: 'messages:send' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Send a message (or a reply: inReplyTo) to agencies and groups',
        description:
          'Server-held senders send the plain fields; the server encrypts them for every recipient agency (JWE, one entry each, and one for the sender) and signs the header with the sender agency’s key. Self-held senders send only `envelope` (header, JWE, detached JWS) made by their own system; the server checks it against the key directory and stores it without being able to read it. Sending the same envelope again answers the stored message (200).',
        body: MessageSend,
        response: {
          200: Type.Ref('Message'),
          201: Type.Ref('Message'),
          ...errorResponses(400, 401, 403, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as MessageSend;
      const principal = principalOf(request);
      if (body.envelope) {
        const extra = PLAIN_FIELDS.find((f) => body[f] !== undefined);
        if (extra)
          throw problems.invalidField(
            `/body/${extra}`,
            'with an envelope, everything is in the signed header or the encrypted content',
          );
        const { message, repeated } = await sendEnvelope(ctx, principal, body.envelope as Envelope);
        nudgeEvents(app);
        return reply
          .code(repeated ? 200 : 201)
          .send(repeated ? await sentView(ctx, message) : sentDto(message, null));
      }
      // A reply may leave out the subject and the recipients: those of what it answers.
      const replying =
        body.inReplyTo && (body.subject === undefined || (body.to === undefined && body.groups === undefined))
          ? await replyDefaults(ctx, principal, body.inReplyTo)
          : {};
      const subject = body.subject ?? replying.subject;
      if (subject === undefined) throw problems.invalidField('/body/subject', 'is required');
      const to = body.to ?? (body.groups === undefined ? replying.to : undefined);
      const { message, content } = await sendAsServer(ctx, principal, {
        ...body,
        ...(to ? { to } : {}),
        subject,
        body: body.body ?? '',
        references: body.references as never,
      });
      nudgeEvents(app);
      return reply.code(201).send(sentDto(message, content));
    },
  );

  app.post(
    '/messages/recipients',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary:
          'Resolve recipients and groups to agencies and their current encryption keys (before encrypting)',
        description:
          'Self-held senders call this first: it expands groups, makes server-held keys for agencies that have none yet, and answers each recipient’s active encryption key (JWK) and the sender’s.',
        body: RecipientsPrepare,
        response: { 200: PreparedRecipients, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      prepareRecipients(ctx, principalOf(request), request.body as { to?: string[]; groups?: string[] }),
  );

  app.get(
    '/messages',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary: 'My agency’s inbox or sent messages, newest first; search, filters',
        description:
          'q searches subject, body, case reference and attachment names of server-held mailboxes, decrypting as it goes (up to 1,000 messages per page; continue with nextCursor). Self-held mailboxes are searched in the agency’s own system.',
        querystring: MessageListQuery,
        response: { 200: Page(Type.Ref('Message')), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listMessages(ctx, principalOf(request), request.query as never),
  );

  app.get(
    '/messages/events',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary:
          'Server-sent events for my mailboxes (message.received, message.receipt, forward.*, urgent.*); resumes with Last-Event-ID',
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      await app.events.subscribe(
        request,
        reply,
        await mailboxCodes(ctx, principalOf(request)),
        streamCredentials(app, request),
      );
    },
  );

  app.get(
    '/messages/:id',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary: 'One message: decrypted for server-held mailboxes, always with its verification result',
        description:
          'Opening a received message in a server-held mailbox signs the delivered and read receipts for the agency. envelope=true adds the signed header, signature and this mailbox’s JWE entry (always present for self-held mailboxes).',
        params: IdParam,
        querystring: Type.Object(
          { mailbox: Type.Optional(AgencyCode), envelope: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Message'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const query = request.query as { mailbox?: string; envelope?: boolean };
      return getMessage(ctx, principalOf(request), (request.params as { id: string }).id, query);
    },
  );

  app.get(
    '/threads/:id',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary: 'A thread as my mailboxes hold it, oldest first (reading it signs read receipts)',
        params: IdParam,
        querystring: MailboxQuery,
        response: {
          200: Type.Object({ threadId: Uuid, items: Type.Array(Type.Ref('Message')) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      getThread(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        (request.query as { mailbox?: string }).mailbox,
      ),
  );

  app.post(
    '/messages/:id/receipts',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary: 'Acknowledge a received message: delivered, read or answered (signed by my agency)',
        params: IdParam,
        body: ReceiptCreate,
        response: {
          200: Type.Object({
            messageId: Uuid,
            agency: AgencyCode,
            kind: Type.String(),
            at: Type.String({ format: 'date-time' }),
            created: Type.Boolean({ description: 'false: this receipt was given before' }),
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      createReceipt(ctx, principalOf(request), (request.params as { id: string }).id, request.body as never),
  );

  app.get(
    '/deliveries',
    {
      config: { access: 'messages:read' },
      schema: {
        tags: ['delivery'],
        summary:
          'Polling: messages my agency’s system has not yet acknowledged taking, oldest first, as envelopes',
        querystring: Type.Object(
          {
            mailbox: Type.Optional(AgencyCode),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('MessageEnvelope')) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => pendingDeliveries(ctx, principalOf(request), request.query as never),
  );

  app.post(
    '/deliveries/ack',
    {
      config: { access: 'messages:read' },
      schema: {
        tags: ['delivery'],
        summary: 'Acknowledge taking messages from the delivery queue (after storing them)',
        body: Type.Object(
          {
            ids: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }),
            mailbox: Type.Optional(AgencyCode),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ acknowledged: Type.Integer() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const body = request.body as { ids: string[]; mailbox?: string };
      return ackDeliveries(ctx, principalOf(request), body.ids, body.mailbox);
    },
  );

  // ---- forwarding ---------------------------------------------------------------------

  app.post(
    '/messages/:id/forward',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary:
          'Forward a message (server-held): refused for TLP:RED, outside the organisation for AMBER+STRICT, and without the originator’s permission for H2/H3',
        params: IdParam,
        body: ForwardBody,
        response: { 201: Type.Ref('Message'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const message = await forwardMessage(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        request.body as never,
      );
      nudgeEvents(app);
      return reply.code(201).send(message);
    },
  );

  app.post(
    '/messages/:id/forward-requests',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Ask the originator for permission to forward a message to named agencies',
        description:
          'Asked again for the same targets while a request is pending, answers that request (200) instead of making another (201).',
        params: IdParam,
        body: ForwardRequestCreate,
        response: {
          200: Type.Ref('ForwardPermission'),
          201: Type.Ref('ForwardPermission'),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { permission, created } = await requestForwardPermission(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        request.body as never,
      );
      return reply.code(created ? 201 : 200).send(permission);
    },
  );

  app.get(
    '/forward-requests',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary:
          'Requests to forward: those about my agency’s messages (incoming) and those it made (outgoing)',
        querystring: Type.Object(
          {
            role: Type.Optional(StringEnum(['incoming', 'outgoing'])),
            status: Type.Optional(StringEnum(['pending', 'granted', 'denied'])),
            messageId: Type.Optional({
              ...Uuid,
              description: 'Requests about this message, and about forwards of it that carry its restriction',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('ForwardPermission')) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => listForwardPermissions(ctx, principalOf(request), request.query as never),
  );

  app.post(
    '/forward-requests/:id/decision',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Grant or deny a request to forward my agency’s message',
        params: IdParam,
        body: Type.Object({ grant: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Ref('ForwardPermission'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      decideForwardPermission(
        ctx,
        principalOf(request),
        (request.params as { id: string }).id,
        (request.body as { grant: boolean }).grant,
      ),
  );

  // ---- groups -------------------------------------------------------------------------

  app.get(
    '/message-groups',
    {
      config: { access: 'messages:read' },
      schema: {
        tags,
        summary:
          'Groups I can address: built-in (all bureaus, continents) and lists my agency keeps or is on',
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('MessageGroup')) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => listGroups(ctx, principalOf(request)),
  );

  app.post(
    '/message-groups',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Keep an address list (e.g. the participants of an operation)',
        body: GroupCreate,
        response: { 201: Type.Ref('MessageGroup'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createGroup(ctx, principalOf(request), request.body as never)),
  );

  const CodeParam = Type.Object({ code: GroupCode }, { additionalProperties: false });
  app.patch(
    '/message-groups/:code',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Rename a list or change its members (its owner only)',
        params: CodeParam,
        body: GroupUpdate,
        response: { 200: Type.Ref('MessageGroup'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      updateGroup(
        ctx,
        principalOf(request),
        (request.params as { code: string }).code,
        request.body as never,
      ),
  );

  app.delete(
    '/message-groups/:code',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Delete a list (its owner only); messages already sent keep their recipients',
        params: CodeParam,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteGroup(ctx, principalOf(request), (request.params as { code: string }).code);
      return reply.code(204).send();
    },
  );

  // ---- drafts -------------------------------------------------------------------------

  app.get(
    '/drafts',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'My drafts (sealed at rest), most recently changed first',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Draft')) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => listDrafts(ctx, principalOf(request)),
  );

  app.post(
    '/drafts',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Save a draft',
        body: DraftBody,
        response: { 201: Type.Ref('Draft'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await saveDraft(ctx, principalOf(request), request.body as never)),
  );

  app.get(
    '/drafts/:id',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'One of my drafts',
        params: IdParam,
        response: { 200: Type.Ref('Draft'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getDraft(ctx, principalOf(request), (request.params as { id: string }).id),
  );

  app.put(
    '/drafts/:id',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Replace a draft',
        params: IdParam,
        body: DraftBody,
        response: { 200: Type.Ref('Draft'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      saveDraft(ctx, principalOf(request), request.body as never, (request.params as { id: string }).id),
  );

  app.delete(
    '/drafts/:id',
    {
      config: { access: 'messages:send' },
      schema: {
        tags,
        summary: 'Discard a draft',
        params: IdParam,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteDraft(ctx, principalOf(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
}

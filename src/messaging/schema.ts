import { type Static, Type } from '@sinclair/typebox';
import { AgencyCode, DateTime, Limit, StringEnum, Text, Uuid } from '../platform/schema.ts';

/** The messaging API's contract. Shared schemas are published in OpenAPI by $id. */

export const PRIORITIES = ['routine', 'urgent', 'flash'] as const;
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const REFERENCE_TYPES = ['record', 'hit', 'notice', 'case', 'message', 'urgent-request'] as const;

const Priority = StringEnum(PRIORITIES, {
  description: 'routine, urgent or flash (life at risk, minutes count)',
});
const Handling = StringEnum(HANDLING_CODES, {
  description:
    'H0 crime prevention only; H1 not in judicial proceedings without permission; H2 no dissemination without permission; H3 other restrictions (handlingNote)',
});
const Tlp = StringEnum(TLP_LEVELS, { description: 'TLP 2.0' });
const Evaluation = Type.String({
  pattern: '^[ABCX][1-4]$',
  description: 'Source reliability (A/B/C/X) and information accuracy (1–4), e.g. B2',
});
export const GroupCode = Type.String({
  pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$',
  maxLength: 60,
  description: 'A group: ALL-BUREAUS, REGION-AFRICA, or an address list such as OP-TRIDENT',
});
const Recipients = Type.Array(AgencyCode, { maxItems: 300, uniqueItems: true });
const Groups = Type.Array(GroupCode, { maxItems: 20, uniqueItems: true });
const Base64url = Type.String({ pattern: '^[A-Za-z0-9_-]*$' });

/** Request bodies inline their schemas (the strict body validator resolves no shared $ref); answers use $id. */
export const ReferenceBody = Type.Object(
  {
    type: StringEnum(REFERENCE_TYPES),
    id: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Record id, hit reference, notice number, …',
    }),
    label: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export const ReferenceSchema = { ...ReferenceBody, $id: 'MessageReference' };

const Jwk = Type.Object({}, { additionalProperties: true, description: 'A JSON Web Key (RFC 7517)' });

export const GeneralJweSchema = Type.Object(
  {
    protected: Base64url,
    iv: Base64url,
    ciphertext: Base64url,
    tag: Base64url,
    recipients: Type.Array(
      Type.Object(
        {
          header: Type.Object({}, { additionalProperties: true }),
          encrypted_key: Base64url,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 301 },
    ),
  },
  {
    additionalProperties: false,
    description: 'RFC 7516 general JSON serialization: A256GCM, one ECDH-ES+A256KW entry per agency',
  },
);

export const FlattenedJweSchema = Type.Object(
  {
    protected: Base64url,
    iv: Base64url,
    ciphertext: Base64url,
    tag: Base64url,
    header: Type.Object({}, { additionalProperties: true }),
    encrypted_key: Base64url,
  },
  { $id: 'FlattenedJwe', description: 'RFC 7516 flattened JSON serialization: one agency’s entry' },
);

export const SignedHeaderBody = Type.Object(
  {
    v: Type.Literal(1),
    id: Uuid,
    from: AgencyCode,
    to: Recipients,
    groups: Groups,
    threadId: Uuid,
    inReplyTo: Type.Union([Uuid, Type.Null()]),
    forwardOf: Type.Union([Uuid, Type.Null()]),
    priority: Priority,
    handling: Handling,
    handlingNote: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
    tlp: Tlp,
    evaluation: Type.Union([Evaluation, Type.Null()]),
    attachments: Type.Array(
      Type.Object(
        { id: Uuid, size: Type.Integer({ minimum: 0 }), chunks: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    recipients: Type.Record(Type.String(), Type.String(), {
      description:
        'Agency code → kid of the encryption key its JWE entry is for (the sender’s own copy included)',
    }),
    jwe: Base64url,
  },
  {
    additionalProperties: false,
    description:
      'The routing metadata the sender signs (RFC 8785 canonical JSON), with the SHA-256 of the JWE’s protected header, IV, ciphertext and tag',
  },
);
export const SignedHeaderSchema = { ...SignedHeaderBody, $id: 'SignedHeader' };

export const MessageSend = Type.Object(
  {
    to: Type.Optional(Recipients),
    groups: Type.Optional(Groups),
    subject: Type.Optional(
      Text({
        minLength: 1,
        maxLength: 300,
        description: 'Required, except in a reply (inReplyTo): then "Re: " and the subject answered',
      }),
    ),
    body: Type.Optional(Type.String({ maxLength: 100_000 })),
    priority: Type.Optional(Priority),
    handling: Type.Optional(Handling),
    handlingNote: Type.Optional(Type.String({ maxLength: 1000 })),
    tlp: Type.Optional(Tlp),
    evaluation: Type.Optional(Evaluation),
    threadId: Type.Optional(Uuid),
    inReplyTo: Type.Optional({
      ...Uuid,
      description:
        'The message answered (in one of my mailboxes): the reply joins its thread, keeps its markings unless given, and — without to and groups — goes to its sender (or, answering my own message, to its recipients)',
    }),
    references: Type.Optional(Type.Array(ReferenceBody, { maxItems: 50 })),
    caseRef: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    attachments: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    draftId: Type.Optional(Uuid),
    envelope: Type.Optional(
      Type.Object(
        {
          header: SignedHeaderBody,
          jwe: GeneralJweSchema,
          signature: Type.String({
            maxLength: 1000,
            description: 'Compact JWS, detached payload: header..signature',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type MessageSend = Static<typeof MessageSend>;

const ContentAttachment = Type.Object({
  id: Uuid,
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.Optional(Type.String()),
});

export const MessageContentSchema = Type.Object(
  {
    subject: Type.String(),
    body: Type.String(),
    references: Type.Array(Type.Ref('MessageReference')),
    caseRef: Type.Union([Type.String(), Type.Null()]),
    attachments: Type.Array(ContentAttachment),
    form: Type.Optional(
      Type.Object({ type: Type.String(), fields: Type.Record(Type.String(), Type.String()) }),
    ),
    forwarded: Type.Optional(
      Type.Object(
        {
          id: Uuid,
          reference: Type.String(),
          from: AgencyCode,
          sentAt: DateTime,
          subject: Type.String(),
          body: Type.String(),
          references: Type.Array(Type.Ref('MessageReference')),
          caseRef: Type.Union([Type.String(), Type.Null()]),
          handling: Handling,
          tlp: Tlp,
          verification: Type.String(),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { $id: 'MessageContent', description: 'The decrypted content (server-held mailboxes only)' },
);

export const VERIFICATION_STATUSES = ['valid', 'invalid', 'unverifiable'] as const;

export const VerificationSchema = Type.Object(
  {
    status: StringEnum(VERIFICATION_STATUSES, {
      description:
        'valid: signed by the sender agency’s key and consistent; invalid: a check failed (see problems); unverifiable: the content could not be checked here (self-held mailbox: verify in your system)',
    }),
    signer: Type.Union([Type.Object({ agency: AgencyCode, kid: Type.String() }), Type.Null()]),
    keyStatus: Type.Union([StringEnum(['active', 'retired', 'revoked']), Type.Null()]),
    problems: Type.Array(Type.String(), { description: 'What failed, in words: never hidden' }),
    warnings: Type.Array(Type.String(), { description: 'e.g. the signing key was revoked after sending' }),
  },
  { $id: 'MessageVerification' },
);

const RecipientState = Type.Object({
  agency: AgencyCode,
  deliveredAt: Type.Union([DateTime, Type.Null()]),
  readAt: Type.Union([DateTime, Type.Null()]),
  answeredAt: Type.Union([DateTime, Type.Null()]),
  fetchedAt: Type.Union([DateTime, Type.Null()], {
    description: 'Taken by the agency’s system from the delivery queue',
  }),
  receipts: Type.Array(
    Type.Object({
      kind: StringEnum(['delivered', 'read', 'answered']),
      at: DateTime,
      by: Type.String(),
      valid: Type.Boolean({
        description: 'The receipt’s signature verifies under the recipient agency’s key',
      }),
    }),
  ),
});

export const MessageSchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String({ description: 'Quote it: MSG-KE-2026-000042' }),
    threadId: Uuid,
    inReplyTo: Type.Union([Uuid, Type.Null()]),
    forwardOf: Type.Union([Uuid, Type.Null()]),
    from: AgencyCode,
    sentBy: Type.String(),
    to: Type.Array(AgencyCode),
    groups: Type.Array(Type.String()),
    priority: Priority,
    handling: Handling,
    handlingNote: Type.Union([Type.String(), Type.Null()]),
    tlp: Tlp,
    evaluation: Type.Union([Type.String(), Type.Null()]),
    sentAt: DateTime,
    size: Type.Integer({ description: 'Ciphertext bytes' }),
    attachments: Type.Array(Type.Object({ id: Uuid, size: Type.Integer(), chunks: Type.Integer() })),
    urgentRequestId: Type.Union([Uuid, Type.Null()]),
    box: StringEnum(['inbox', 'sent']),
    mailbox: AgencyCode,
    custody: Type.Union([StringEnum(['self', 'server']), Type.Null()], {
      description: 'The mailbox agency’s key custody: server-held mailboxes are decrypted here',
    }),
    deliveredAt: Type.Union([DateTime, Type.Null()]),
    readAt: Type.Union([DateTime, Type.Null()]),
    answeredAt: Type.Union([DateTime, Type.Null()]),
    content: Type.Union([Type.Ref('MessageContent'), Type.Null()]),
    verification: Type.Ref('MessageVerification'),
    envelope: Type.Optional(
      Type.Object({
        header: Type.Ref('SignedHeader'),
        signature: Type.String(),
        jwe: Type.Ref('FlattenedJwe'),
      }),
    ),
    recipients: Type.Optional(
      Type.Array(RecipientState, { description: 'The sender’s view: who has and has not acted' }),
    ),
  },
  { $id: 'Message' },
);

export const MessageListQuery = Type.Object(
  {
    box: Type.Optional(StringEnum(['inbox', 'sent'], { default: 'inbox' })),
    mailbox: Type.Optional(AgencyCode),
    q: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 200,
        description:
          'Words in subject, body or case reference (server-held mailboxes: decrypted as searched)',
      }),
    ),
    from: Type.Optional(AgencyCode),
    priority: Type.Optional(Priority),
    handling: Type.Optional(Handling),
    unread: Type.Optional(Type.Boolean()),
    threadId: Type.Optional(Uuid),
    since: Type.Optional(DateTime),
    until: Type.Optional(DateTime),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type MessageListQuery = Static<typeof MessageListQuery>;

export const EnvelopeSchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    mailbox: AgencyCode,
    sentAt: DateTime,
    sentBy: Type.String(),
    urgentRequestId: Type.Union([Uuid, Type.Null()]),
    header: Type.Ref('SignedHeader'),
    signature: Type.String(),
    jwe: Type.Ref('FlattenedJwe'),
  },
  {
    $id: 'MessageEnvelope',
    description: 'A message as its recipient agency’s system receives it: verify, then decrypt',
  },
);

export const ReceiptCreate = Type.Object(
  {
    kind: StringEnum(['delivered', 'read', 'answered']),
    jws: Type.Optional(
      Type.String({
        maxLength: 4000,
        description:
          'Self-held agencies: the receipt as a compact JWS signed by the agency; server-held: omit, the server signs',
      }),
    ),
    mailbox: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);

export const RecipientsPrepare = Type.Object(
  { to: Type.Optional(Recipients), groups: Type.Optional(Groups) },
  { additionalProperties: false },
);

export const PreparedRecipients = Type.Object({
  sender: Type.Object({
    agency: AgencyCode,
    custody: Type.Union([StringEnum(['self', 'server']), Type.Null()]),
    signingKid: Type.Union([Type.String(), Type.Null()]),
    encryption: Type.Union([Type.Object({ kid: Type.String(), jwk: Jwk }), Type.Null()]),
  }),
  recipients: Type.Array(
    Type.Object({
      agency: AgencyCode,
      name: Type.String(),
      custody: StringEnum(['self', 'server']),
      kid: Type.String(),
      jwk: Jwk,
    }),
  ),
  groups: Type.Array(Type.Object({ code: Type.String(), members: Type.Array(AgencyCode) })),
});

// ---- keys -----------------------------------------------------------------------------

export const AgencyKeySchema = Type.Object(
  {
    kid: Type.String({ description: 'RFC 7638 thumbprint' }),
    agency: AgencyCode,
    use: StringEnum(['sig', 'enc']),
    custody: StringEnum(['self', 'server']),
    jwk: Jwk,
    status: StringEnum(['active', 'retired', 'revoked']),
    createdAt: DateTime,
    retiredAt: Type.Union([DateTime, Type.Null()]),
    revokedAt: Type.Union([DateTime, Type.Null()]),
    revocationReason: Type.Union([Type.String(), Type.Null()]),
    privateKeyHeld: Type.Boolean({ description: 'The server still holds the private key (server custody)' }),
  },
  { $id: 'AgencyKey' },
);

export const AgencyKeysSchema = Type.Object({
  agency: AgencyCode,
  custody: Type.Union([StringEnum(['self', 'server']), Type.Null()]),
  keys: Type.Array(Type.Ref('AgencyKey')),
  jwks: Type.Object({ keys: Type.Array(Jwk) }, { description: 'The active public keys (RFC 7517 JWK Set)' }),
});

export const KeysPublish = Type.Object(
  {
    agency: Type.Optional(AgencyCode),
    custody: StringEnum(['self', 'server']),
    signing: Type.Optional(Jwk),
    encryption: Type.Optional(Jwk),
    destroyServerKeys: Type.Optional(
      Type.Boolean({
        description: 'Erase earlier server-held private keys: their messages become unreadable here',
      }),
    ),
  },
  { additionalProperties: false },
);

// ---- attachments ----------------------------------------------------------------------

export const MIN_CHUNK = 64 * 1024;
export const MAX_CHUNK = 16 * 1024 * 1024;
export const DEFAULT_CHUNK = 4 * 1024 * 1024;

export const AttachmentCreate = Type.Object(
  {
    size: Type.Integer({ minimum: 0 }),
    chunkSize: Type.Optional(Type.Integer({ minimum: MIN_CHUNK, maximum: MAX_CHUNK })),
    name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, description: 'Server-held uploaders only' }),
    ),
    contentType: Type.Optional(Type.String({ minLength: 3, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const AttachmentUploadSchema = Type.Object(
  {
    id: Uuid,
    custody: StringEnum(['self', 'server']),
    size: Type.Integer(),
    chunkSize: Type.Integer(),
    chunks: Type.Integer(),
    received: Type.Integer({ description: 'Chunks stored so far' }),
    missing: Type.Array(Type.Integer(), { description: 'The first 1,000 chunk indexes still to upload' }),
    status: StringEnum(['uploading', 'sent']),
    createdAt: DateTime,
  },
  { $id: 'AttachmentUpload' },
);

// ---- drafts, groups, forwarding -------------------------------------------------------

export const DraftBody = Type.Object(
  {
    to: Type.Optional(Recipients),
    groups: Type.Optional(Groups),
    subject: Type.Optional(Type.String({ maxLength: 300 })),
    body: Type.Optional(Type.String({ maxLength: 100_000 })),
    priority: Type.Optional(Priority),
    handling: Type.Optional(Handling),
    handlingNote: Type.Optional(Type.String({ maxLength: 1000 })),
    tlp: Type.Optional(Tlp),
    evaluation: Type.Optional(Evaluation),
    inReplyTo: Type.Optional(Uuid),
    references: Type.Optional(Type.Array(ReferenceBody, { maxItems: 50 })),
    caseRef: Type.Optional(Type.String({ maxLength: 100 })),
    attachments: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;
const DraftBodySchema = { ...DraftBody, $id: 'DraftBody' };

export const DraftSchema = Type.Object(
  { id: Uuid, draft: Type.Ref('DraftBody'), createdAt: DateTime, updatedAt: DateTime },
  { $id: 'Draft' },
);

export const GroupSchema = Type.Object(
  {
    code: GroupCode,
    name: Type.String(),
    kind: StringEnum(['built-in', 'list']),
    owner: Type.Union([AgencyCode, Type.Null()]),
    members: Type.Array(AgencyCode),
  },
  { $id: 'MessageGroup' },
);

export const GroupCreate = Type.Object(
  {
    code: GroupCode,
    name: Text({ minLength: 2, maxLength: 200 }),
    members: Type.Array(AgencyCode, { minItems: 1, maxItems: 300, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const GroupUpdate = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 2, maxLength: 200 })),
    members: Type.Optional(Type.Array(AgencyCode, { minItems: 1, maxItems: 300, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ForwardBody = Type.Object(
  {
    to: Type.Optional(Recipients),
    groups: Type.Optional(Groups),
    note: Type.Optional(
      Type.String({ maxLength: 20_000, description: 'Your words above the forwarded message' }),
    ),
    priority: Type.Optional(Priority),
    handling: Type.Optional({
      ...Handling,
      description:
        'Stricter than the original’s to restrict the forward further (then your agency decides on passing it on); never lower',
    }),
    handlingNote: Type.Optional(Type.String({ maxLength: 1000, description: 'The restriction, with H3' })),
    tlp: Type.Optional({ ...Tlp, description: 'The original’s TLP or stricter' }),
    mailbox: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);

export const ForwardRequestCreate = Type.Object(
  {
    to: Type.Array(AgencyCode, { minItems: 1, maxItems: 300, uniqueItems: true }),
    mailbox: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);

export const ForwardPermissionSchema = Type.Object(
  {
    id: Uuid,
    messageId: Uuid,
    messageReference: Type.String(),
    sourceMessageId: Type.String({
      format: 'uuid',
      description:
        'The message of the deciding agency (`owner`) whose H2/H3 restriction this request is about: the message itself, or — when it is a forward — the earlier message the restriction came from',
    }),
    sourceReference: Type.String(),
    owner: AgencyCode,
    requester: AgencyCode,
    requestedBy: Type.String(),
    targets: Type.Array(AgencyCode),
    status: StringEnum(['pending', 'granted', 'denied']),
    createdAt: DateTime,
    decidedBy: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([DateTime, Type.Null()]),
  },
  {
    $id: 'ForwardPermission',
    description:
      'A request to pass on an H2/H3 message; `owner` decides: the agency that put the restriction on the information',
  },
);

// ---- webhooks -------------------------------------------------------------------------

export const WebhookSchema = Type.Object(
  {
    id: Uuid,
    agency: AgencyCode,
    url: Type.String(),
    status: StringEnum(['active', 'disabled']),
    createdBy: Type.String(),
    createdAt: DateTime,
  },
  { $id: 'Webhook' },
);

export const WebhookCreate = Type.Object(
  {
    url: Type.String({
      format: 'uri',
      maxLength: 2000,
      description:
        'https://… to a public address (or a network the operator allows with CONCORD_WEBHOOK_NETWORKS), judged again at every delivery; http:// only to this machine, where allowed',
    }),
    agency: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);

export const WebhookDeliverySchema = Type.Object(
  {
    id: Uuid,
    webhookId: Uuid,
    agency: AgencyCode,
    eventType: Type.String(),
    status: StringEnum(['pending', 'delivered', 'dead']),
    attempts: Type.Integer(),
    nextAttemptAt: DateTime,
    lastStatus: Type.Union([Type.Integer(), Type.Null()]),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    deliveredAt: Type.Union([DateTime, Type.Null()]),
  },
  { $id: 'WebhookDelivery' },
);

export const messagingSchemas = [
  ReferenceSchema,
  SignedHeaderSchema,
  FlattenedJweSchema,
  MessageContentSchema,
  VerificationSchema,
  MessageSchema,
  EnvelopeSchema,
  AgencyKeySchema,
  AttachmentUploadSchema,
  DraftBodySchema,
  DraftSchema,
  GroupSchema,
  ForwardPermissionSchema,
  WebhookSchema,
  WebhookDeliverySchema,
];

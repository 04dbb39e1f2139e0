-- Secure messaging between agencies. The server keeps ciphertext and the routing metadata it
-- needs (sender, recipients, markings, times, sizes); subjects, bodies, references and
-- attachment contents are only ever stored encrypted (see docs/messaging.md).

-- The key directory: every agency's Ed25519 signing and X25519 encryption keys as JWKs.
-- kid is the RFC 7638 thumbprint. Server-held private keys are sealed under the
-- key-encryption key from configuration; self-held ones never reach the server.
CREATE TABLE agency_keys (
  kid               text PRIMARY KEY,
  agency_code       text NOT NULL REFERENCES agencies (code),
  use               text NOT NULL CHECK (use IN ('sig', 'enc')),
  custody           text NOT NULL CHECK (custody IN ('self', 'server')),
  public_jwk        jsonb NOT NULL,
  private_sealed    text,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'revoked')),
  created_at        timestamptz NOT NULL,
  created_by        text NOT NULL,
  retired_at        timestamptz,
  revoked_at        timestamptz,
  revocation_reason text
);
-- One active key per agency and use: rotation retires the previous one in the same transaction.
CREATE UNIQUE INDEX agency_keys_one_active ON agency_keys (agency_code, use) WHERE status = 'active';
CREATE INDEX agency_keys_agency ON agency_keys (agency_code, created_at);

-- Address lists kept by an agency (the participants of an operation, a working group).
-- Built-in groups (all bureaus, continents) are computed, not stored.
CREATE TABLE message_groups (
  code         text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
  name         text NOT NULL,
  owner_agency text NOT NULL REFERENCES agencies (code),
  members      text[] NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);

-- A message: routing metadata in columns, the signed header as signed, and the shared parts
-- of its JWE (general JSON serialization); each recipient's entry is in message_recipients.
CREATE TABLE messages (
  id                 uuid PRIMARY KEY,
  reference          text NOT NULL UNIQUE,
  thread_id          uuid NOT NULL,
  in_reply_to        uuid,
  forward_of         uuid,
  forward_permission uuid,
  from_agency        text NOT NULL REFERENCES agencies (code),
  sent_by            text NOT NULL,
  priority           text NOT NULL CHECK (priority IN ('routine', 'urgent', 'flash')),
  handling           text NOT NULL CHECK (handling IN ('H0', 'H1', 'H2', 'H3')),
  handling_note      text,
  tlp                text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  evaluation         text CHECK (evaluation ~ '^[ABCX][1-4]$'),
  groups             text[] NOT NULL DEFAULT '{}',
  recipients         text[] NOT NULL,
  header             jsonb NOT NULL,
  signature          text NOT NULL,
  signer_kid         text NOT NULL REFERENCES agency_keys (kid),
  jwe_protected      text NOT NULL,
  jwe_iv             text NOT NULL,
  jwe_ciphertext     bytea NOT NULL,
  jwe_tag            text NOT NULL,
  size               integer NOT NULL,
  attachment_count   integer NOT NULL DEFAULT 0,
  attachment_bytes   bigint NOT NULL DEFAULT 0,
  urgent_request_id  uuid,
  sent_at            timestamptz NOT NULL
);
CREATE INDEX messages_sent ON messages (from_agency, id DESC);
CREATE INDEX messages_thread ON messages (thread_id, id);

-- Each addressee's copy (role 'to') and the sender's own (role 'self'): the JWE recipient
-- entry, and what the agency has done with it.
CREATE TABLE message_recipients (
  message_id    uuid NOT NULL REFERENCES messages (id),
  agency        text NOT NULL REFERENCES agencies (code),
  role          text NOT NULL CHECK (role IN ('to', 'self')),
  kid           text NOT NULL REFERENCES agency_keys (kid),
  header        jsonb NOT NULL,
  encrypted_key text NOT NULL,
  -- Set when the agency's system took the message from the delivery queue (polling).
  fetched_at    timestamptz,
  delivered_at  timestamptz,
  read_at       timestamptz,
  answered_at   timestamptz,
  PRIMARY KEY (message_id, agency)
);
CREATE INDEX message_recipients_box ON message_recipients (agency, role, message_id DESC);
CREATE INDEX message_recipients_pending ON message_recipients (agency, message_id)
  WHERE fetched_at IS NULL AND role = 'to';

-- Delivered, read and answered receipts: compact JWS signed by the recipient agency.
CREATE TABLE message_receipts (
  message_id uuid NOT NULL REFERENCES messages (id),
  agency     text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('delivered', 'read', 'answered')),
  at         timestamptz NOT NULL,
  kid        text NOT NULL REFERENCES agency_keys (kid),
  jws        text NOT NULL,
  by_name    text NOT NULL,
  PRIMARY KEY (message_id, agency, kind)
);

-- Per sender agency and year: the number in a message reference (KE/2026/000042).
CREATE TABLE message_counters (
  agency text NOT NULL,
  year   integer NOT NULL,
  n      integer NOT NULL,
  PRIMARY KEY (agency, year)
);

-- Attachments are uploaded in chunks before the message is sent; each chunk is a JWE
-- (dir, A256GCM) under the attachment's own key, which travels inside the message's JWE.
-- For a server-held uploader, name, type and key wait sealed under the KEK until sent.
CREATE TABLE attachments (
  id          uuid PRIMARY KEY,
  agency      text NOT NULL REFERENCES agencies (code),
  created_by  text NOT NULL,
  custody     text NOT NULL CHECK (custody IN ('self', 'server')),
  size        bigint NOT NULL,
  chunk_size  integer NOT NULL,
  chunks      integer NOT NULL,
  sealed_meta text,
  status      text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'sent')),
  created_at  timestamptz NOT NULL,
  sent_at     timestamptz
);
CREATE INDEX attachments_unsent ON attachments (created_at) WHERE status = 'uploading';

CREATE TABLE attachment_chunks (
  attachment_id uuid NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
  idx           integer NOT NULL,
  protected     text NOT NULL,
  iv            text NOT NULL,
  ciphertext    bytea NOT NULL,
  tag           text NOT NULL,
  PRIMARY KEY (attachment_id, idx)
);

-- A forward carries its original's attachments by reference: the chunks are stored once.
CREATE TABLE message_attachments (
  message_id    uuid NOT NULL REFERENCES messages (id),
  attachment_id uuid NOT NULL REFERENCES attachments (id),
  position      integer NOT NULL,
  PRIMARY KEY (message_id, attachment_id)
);
CREATE INDEX message_attachments_attachment ON message_attachments (attachment_id);

-- Drafts of web users: the whole draft sealed under the KEK (never plaintext at rest).
CREATE TABLE message_drafts (
  id         uuid PRIMARY KEY,
  agency     text NOT NULL REFERENCES agencies (code),
  user_id    uuid NOT NULL REFERENCES users (id),
  sealed     text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX message_drafts_user ON message_drafts (user_id, updated_at DESC);

-- H2/H3 messages are forwarded only with the originator's permission, asked and recorded here.
CREATE TABLE forward_permissions (
  id              uuid PRIMARY KEY,
  message_id      uuid NOT NULL REFERENCES messages (id),
  owner_agency    text NOT NULL,
  requester       text NOT NULL,
  requested_by    text NOT NULL,
  targets         text[] NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'denied')),
  created_at      timestamptz NOT NULL,
  decided_by      text,
  decided_at      timestamptz
);
CREATE INDEX forward_permissions_owner ON forward_permissions (owner_agency, status, created_at DESC);
CREATE INDEX forward_permissions_message ON forward_permissions (message_id);

-- National systems' webhook endpoints; the signing secret is sealed under the KEK.
CREATE TABLE webhooks (
  id            uuid PRIMARY KEY,
  agency        text NOT NULL REFERENCES agencies (code),
  url           text NOT NULL,
  secret_sealed text NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX webhooks_agency ON webhooks (agency) WHERE status = 'active';

-- One row per event and endpoint, written in the transaction that caused the event:
-- retried with backoff, then kept as a dead letter until retried by hand.
CREATE TABLE webhook_deliveries (
  id              uuid PRIMARY KEY,
  webhook_id      uuid NOT NULL REFERENCES webhooks (id),
  agency          text NOT NULL,
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_status     integer,
  last_error      text,
  created_at      timestamptz NOT NULL,
  delivered_at    timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_agency ON webhook_deliveries (agency, status, created_at DESC);

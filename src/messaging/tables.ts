import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely's view of the messaging tables (migrations 0020 and 0021), merged into the
 * platform's `Tables` so that every query is typed. Keep in step with migrations/.
 */
type Timestamp = ColumnType<Date, Date, Date>;
type Json = ColumnType<unknown, object, object>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface AgencyKeyTable {
  kid: string;
  agency_code: string;
  use: 'sig' | 'enc';
  custody: 'self' | 'server';
  public_jwk: Json;
  private_sealed: string | null;
  status: Generated<'active' | 'retired' | 'revoked'>;
  created_at: Timestamp;
  created_by: string;
  retired_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revocation_reason: string | null;
}

export interface MessageGroupTable {
  code: string;
  name: string;
  owner_agency: string;
  members: string[];
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessageTable {
  id: string;
  reference: string;
  thread_id: string;
  in_reply_to: string | null;
  forward_of: string | null;
  forward_permission: string | null;
  from_agency: string;
  sent_by: string;
  priority: string;
  handling: string;
  handling_note: string | null;
  tlp: string;
  evaluation: string | null;
  groups: string[];
  recipients: string[];
  header: Json;
  signature: string;
  signer_kid: string;
  jwe_protected: string;
  jwe_iv: string;
  jwe_ciphertext: Bytes;
  jwe_tag: string;
  size: number;
  attachment_count: number;
  attachment_bytes: ColumnType<string | number | bigint, number, number>;
  urgent_request_id: string | null;
  sent_at: Timestamp;
}

export interface MessageRecipientTable {
  message_id: string;
  agency: string;
  role: 'to' | 'self';
  kid: string;
  header: Json;
  encrypted_key: string;
  /** The message's, so that a mailbox's urgent and flash copies have an index of their own. */
  priority: Generated<'routine' | 'urgent' | 'flash'>;
  fetched_at: Timestamp | null;
  delivered_at: Timestamp | null;
  read_at: Timestamp | null;
  answered_at: Timestamp | null;
}

export interface MessageReceiptTable {
  message_id: string;
  agency: string;
  kind: 'delivered' | 'read' | 'answered';
  at: Timestamp;
  kid: string;
  jws: string;
  by_name: string;
}

export interface MessageCounterTable {
  agency: string;
  year: number;
  n: number;
}

export interface AttachmentTable {
  id: string;
  agency: string;
  created_by: string;
  /** "user:<id>" or "api-key:<id>": whose the upload is until it is sent (null before 0028). */
  uploaded_by: string | null;
  custody: 'self' | 'server';
  size: ColumnType<string | number | bigint, number, number>;
  chunk_size: number;
  chunks: number;
  sealed_meta: string | null;
  status: Generated<'uploading' | 'sent'>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface AttachmentChunkTable {
  attachment_id: string;
  idx: number;
  protected: string;
  iv: string;
  ciphertext: Bytes;
  tag: string;
}

export interface MessageAttachmentTable {
  message_id: string;
  attachment_id: string;
  position: number;
}

export interface MessageDraftTable {
  id: string;
  agency: string;
  user_id: string;
  sealed: string;
  /** The uploads the draft lists, kept from the purge of unsent uploads. */
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ForwardPermissionTable {
  id: string;
  message_id: string;
  /** The decider's own message whose restriction the request is about (null: message_id). */
  source_message_id: string | null;
  owner_agency: string;
  requester: string;
  requested_by: string;
  targets: string[];
  status: Generated<'pending' | 'granted' | 'denied'>;
  created_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface WebhookTable {
  id: string;
  agency: string;
  url: string;
  secret_sealed: string;
  status: Generated<'active' | 'disabled'>;
  created_by: string;
  created_at: Timestamp;
}

export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  agency: string;
  event_type: string;
  payload: Json;
  status: Generated<'pending' | 'delivered' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface ContactPointTable {
  country: string;
  agency_code: string;
  unit_name: string;
  phone: string;
  email: string | null;
  languages: string[];
  hours: string;
  powers: string[];
  on_call_name: string | null;
  on_call_phone: string | null;
  notes: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface UrgentRequestTable {
  id: string;
  reference: string;
  type: string;
  from_agency: string;
  to_agency: string;
  to_country: string;
  status: string;
  message_id: string;
  thread_id: string;
  created_by: string;
  created_at: Timestamp;
  ack_due_at: Timestamp;
  complete_due_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  started_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  preserved_until: Timestamp | null;
  renewals: Generated<number>;
  ack_reminded_at: Timestamp | null;
  ack_escalated_at: Timestamp | null;
  complete_reminded_at: Timestamp | null;
  complete_escalated_at: Timestamp | null;
  lapse_reminded_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface UrgentRequestEventTable {
  id: string;
  request_id: string;
  at: Timestamp;
  action: string;
  agency: string | null;
  actor: string;
  message_id: string | null;
  details: ColumnType<unknown, object | null, object | null> | null;
}

export interface UrgentCounterTable {
  scope: string;
  n: number;
}

declare module '../platform/db-schema.ts' {
  interface Tables {
    agency_keys: AgencyKeyTable;
    message_groups: MessageGroupTable;
    messages: MessageTable;
    message_recipients: MessageRecipientTable;
    message_receipts: MessageReceiptTable;
    message_counters: MessageCounterTable;
    attachments: AttachmentTable;
    attachment_chunks: AttachmentChunkTable;
    message_attachments: MessageAttachmentTable;
    message_drafts: MessageDraftTable;
    forward_permissions: ForwardPermissionTable;
    webhooks: WebhookTable;
    webhook_deliveries: WebhookDeliveryTable;
    contact_points: ContactPointTable;
    urgent_requests: UrgentRequestTable;
    urgent_request_events: UrgentRequestEventTable;
    urgent_counters: UrgentCounterTable;
  }
}

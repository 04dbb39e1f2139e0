import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables. Keep in step with migrations/. */
type Timestamp = ColumnType<Date, Date, Date>;
/** int8 arrives as a string from postgres.js and a number/bigint from PGlite: normalise with Number(). */
type BigIntColumn = ColumnType<string | number | bigint, number | string, number | string>;

export interface AgencyTable {
  code: string;
  name: string;
  kind: string;
  country: string | null;
  parent_code: string | null;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  agency_code: string;
  roles: string[];
  password_hash: string;
  password_changed_at: Timestamp;
  status: Generated<string>;
  mfa_required: Generated<boolean>;
  mfa_enabled: Generated<boolean>;
  mfa_secret: string | null;
  mfa_last_step: BigIntColumn | null;
  is_demo: Generated<boolean>;
  locale: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoginThrottleTable {
  username_key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
  /** Held by a sign-in being checked (another process's attempts wait); see identity/login.ts. */
  attempt_until: Timestamp | null;
}

/** A shared rate limit's current window for one route and client (platform/shared-rate-limit.ts). */
export interface RateLimitWindowTable {
  key: string;
  started_at: Timestamp;
  hits: number;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: string;
  agency_code: string;
  name: string;
  prefix: string;
  secret_hash: string;
  permissions: string[];
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  seq: BigIntColumn;
  id: string;
  at: Timestamp;
  principal_type: string;
  principal_id: string | null;
  principal_name: string | null;
  agency_code: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  object_agency: string | null;
  outcome: string;
  request_id: string | null;
  query_fingerprint: string | null;
  result_count: number | null;
  details: ColumnType<unknown, object | null, object | null> | null;
  prev_hash: string;
  hash: string;
  /** The writer's chain (null: entries of the original single chain, before 0008). */
  chain: string | null;
  position: BigIntColumn | null;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, object, object>;
}

export interface RecordTable {
  id: string;
  kind: string;
  owner_agency: string;
  data: ColumnType<unknown, object, object>;
  summary: string;
  policy: ColumnType<unknown, object, object>;
  status: Generated<string>;
  version: number;
  review_at: Timestamp;
  review_notified_at: Timestamp | null;
  ended_at: Timestamp | null;
  notifications_muted: Generated<boolean>;
  /** The keys written to record_identifiers, "scheme:value": how a correction or the purge finds them. */
  search_keys: ColumnType<string[], string[] | undefined, string[]>;
  /** A person's prepared names for scoring (names library), null for other kinds. */
  person_match: ColumnType<unknown, object | null | undefined, object | null>;
  /** The owner's own reference for the record (its national system's id), unique per owner. */
  external_ref: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface RecordVersionTable {
  record_id: string;
  version: number;
  action: string;
  data: ColumnType<unknown, object | null, object | null> | null;
  policy: ColumnType<unknown, object | null, object | null> | null;
  reason: string | null;
  changed_by: string;
  changed_at: Timestamp;
}

/** A record that left an allow list's feed, and the policy it was shared under (migration 0042). */
export interface RecordFeedExitTable {
  record_id: string;
  owner_agency: string;
  kind: string;
  policy: ColumnType<unknown, object, object>;
  exited_at: Timestamp;
}

/** A record's photograph, or an upload not yet on a record (migration 0043). */
export interface RecordPhotoTable {
  id: string;
  /** The uploader's agency. */
  agency: string;
  /** "user:<id>" or "api-key:<id>": whose the upload is until it is on a record. */
  uploaded_by: string;
  /** The record it is on; null while it waits to be named by one. */
  record_id: string | null;
  content_type: 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
  size: number;
  width: number;
  height: number;
  sha256: string;
  created_at: Timestamp;
}

export interface RecordIdentifierTable {
  scheme: string;
  value: string;
  country: Generated<string>;
  record_id: string;
}

export interface RecordIpRangeTable {
  range: string;
  record_id: string;
}

export interface HitNotificationTable {
  id: string;
  record_id: string;
  owner_agency: string;
  searcher_agency: string;
  searcher_id: string | null;
  searcher_name: string | null;
  outcome: string;
  scheme: string;
  at: Timestamp;
  read_at: Timestamp | null;
}

export interface OutboxTable {
  seq: ColumnType<string | number | bigint, never, never>;
  id: string;
  type: string;
  agency: string | null;
  payload: ColumnType<unknown, object, object>;
  created_at: Timestamp;
}

export interface Tables {
  agencies: AgencyTable;
  users: UserTable;
  login_throttle: LoginThrottleTable;
  rate_limit_windows: RateLimitWindowTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  records: RecordTable;
  record_versions: RecordVersionTable;
  record_feed_exits: RecordFeedExitTable;
  record_photos: RecordPhotoTable;
  record_identifiers: RecordIdentifierTable;
  record_ip_ranges: RecordIpRangeTable;
  hit_notifications: HitNotificationTable;
  outbox: OutboxTable;
}

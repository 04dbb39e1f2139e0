import type { ColumnType } from 'kysely';

/**
 * Kysely's view of the notices tables (migration 0040), merged into the platform's `Tables`
 * so that every query is typed. Keep in step with migrations/.
 */
type Timestamp = ColumnType<Date, Date, Date>;
type Json = ColumnType<unknown, object, object>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface NoticeTable {
  id: string;
  reference: string;
  kind: 'notice' | 'diffusion';
  type: string;
  status: string;
  requester_agency: string;
  created_by: string;
  created_by_name: string;
  summary: string;
  subject_record_id: string | null;
  asset_record_ids: ColumnType<string[], string[] | undefined, string[]>;
  language: string;
  data: Json;
  translations: Json;
  audience: Json;
  public_consent: boolean;
  /** Taken off the public website while in force (remove-public-extract): never public again. */
  public_extract_removed_at: Timestamp | null;
  subject: ColumnType<unknown, object | null | undefined, object | null> | null;
  assets: ColumnType<unknown, object | null | undefined, object | null> | null;
  findings: Json;
  review: ColumnType<unknown, object | null | undefined, object | null> | null;
  reviewer: string | null;
  review_due_at: Timestamp | null;
  valid_until: Timestamp | null;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  ended_at: Timestamp | null;
  signature: string | null;
  signed_kid: string | null;
  version: ColumnType<number, number | undefined, number>;
  person_match: ColumnType<unknown, object | null | undefined, object | null> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NoticeEventTable {
  id: string;
  notice_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string;
  actor_name: string;
  agency: string;
  reason: string | null;
  grounds: ColumnType<string[], string[] | undefined, string[]>;
  details: ColumnType<unknown, object | null | undefined, object | null> | null;
}

export interface NoticeNameKeyTable {
  key: string;
  notice_id: string;
}

export interface NoticeImageTable {
  id: string;
  notice_id: string;
  picture_id: string;
  content_type: 'image/jpeg' | 'image/png';
  bytes: Bytes;
  size: number;
  sha256: string;
  caption: string | null;
  position: number;
  created_by: string;
  created_at: Timestamp;
}

export interface NoticeSigningKeyTable {
  kid: string;
  public_jwk: Json;
  private_sealed: string | null;
  status: ColumnType<'active' | 'retired', 'active' | 'retired' | undefined, 'active' | 'retired'>;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface PublicExtractTable {
  notice_id: string;
  type: 'red' | 'yellow' | 'un';
  entity_id: string;
  forename: string;
  name: string;
  search_text: string;
  nationalities: string[];
  warrant_countries: string[];
  sex_id: string | null;
  birth_year: number | null;
  birth_date: string | null;
  listing: Json;
  detail: Json;
  picture_ids: string[];
  published_at: Timestamp;
}

export interface ProtectedPersonTable {
  id: string;
  name: string;
  date_of_birth: string | null;
  nationality: string | null;
  status: 'refugee' | 'asylum-seeker';
  against_country: string | null;
  recognised_by: string;
  note: string | null;
  person_match: Json;
  keys: string[];
  created_by: string;
  created_at: Timestamp;
}

export interface NoticeCounterTable {
  year: number;
  n: number;
}

declare module '../platform/db-schema.ts' {
  interface Tables {
    notices: NoticeTable;
    notice_events: NoticeEventTable;
    notice_name_keys: NoticeNameKeyTable;
    notice_images: NoticeImageTable;
    notice_signing_keys: NoticeSigningKeyTable;
    public_extracts: PublicExtractTable;
    notice_counters: NoticeCounterTable;
    protected_persons: ProtectedPersonTable;
  }
}

-- Police databases: owner-controlled records, their search keys, versions and hit notifications.

CREATE TABLE records (
  id                  uuid PRIMARY KEY,
  kind                text NOT NULL,
  owner_agency        text NOT NULL REFERENCES agencies (code),
  data                jsonb NOT NULL,
  summary             text NOT NULL,
  -- The owner's access policy (see src/access/records.ts).
  policy              jsonb NOT NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lapsed', 'deleted')),
  version             integer NOT NULL,
  review_at           timestamptz NOT NULL,
  review_notified_at  timestamptz,
  ended_at            timestamptz,
  notifications_muted boolean NOT NULL DEFAULT false,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_by          text NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX records_owner ON records (owner_agency, kind, id);
CREATE INDEX records_review ON records (review_at) WHERE status = 'active';
CREATE INDEX records_ended ON records (ended_at) WHERE status <> 'active';

-- Every change is a new version; a deletion is a recorded act.
CREATE TABLE record_versions (
  record_id  uuid NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  action     text NOT NULL,
  data       jsonb,
  policy     jsonb,
  reason     text,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (record_id, version)
);

-- Exact identifiers, normalised on write: a check is one index probe.
CREATE TABLE record_identifiers (
  scheme    text NOT NULL,
  value     text NOT NULL,
  country   text NOT NULL DEFAULT '',
  record_id uuid NOT NULL REFERENCES records (id) ON DELETE CASCADE
);
CREATE INDEX record_identifiers_key ON record_identifiers (scheme, value);
CREATE INDEX record_identifiers_record ON record_identifiers (record_id);

-- IP ranges (CIDR) answer checks of any address inside them.
CREATE TABLE record_ip_ranges (
  range     cidr NOT NULL,
  record_id uuid NOT NULL REFERENCES records (id) ON DELETE CASCADE
);
CREATE INDEX record_ip_ranges_range ON record_ip_ranges USING gist (range inet_ops);
CREATE INDEX record_ip_ranges_record ON record_ip_ranges (record_id);

CREATE TABLE hit_notifications (
  id              uuid PRIMARY KEY,
  record_id       uuid NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  owner_agency    text NOT NULL,
  searcher_agency text NOT NULL,
  searcher_id     text,
  searcher_name   text,
  outcome         text NOT NULL CHECK (outcome IN ('hit', 'restricted-hit', 'hidden')),
  scheme          text NOT NULL,
  at              timestamptz NOT NULL,
  read_at         timestamptz
);
CREATE INDEX hit_notifications_owner ON hit_notifications (owner_agency, id);

-- Events others must hear about, written in the same transaction as the change.
CREATE TABLE outbox (
  seq        bigserial PRIMARY KEY,
  id         uuid NOT NULL,
  type       text NOT NULL,
  agency     text,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX outbox_agency ON outbox (agency, seq);

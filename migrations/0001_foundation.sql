-- Foundation: agencies, users, sessions, API keys, sign-in throttling, audit log.

CREATE TABLE agencies (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('secretariat', 'bureau', 'unit', 'international-organisation', 'partner')),
  country     char(2),
  parent_code text REFERENCES agencies (code),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX agencies_parent ON agencies (parent_code);
CREATE INDEX agencies_country ON agencies (country);

CREATE TABLE users (
  id                  uuid PRIMARY KEY,
  username            text NOT NULL UNIQUE,
  display_name        text NOT NULL,
  email               text,
  agency_code         text NOT NULL REFERENCES agencies (code),
  roles               text[] NOT NULL,
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  mfa_required        boolean NOT NULL DEFAULT true,
  mfa_enabled         boolean NOT NULL DEFAULT false,
  mfa_secret          text,
  mfa_last_step       bigint,
  is_demo             boolean NOT NULL DEFAULT false,
  locale              text,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX users_agency ON users (agency_code);

-- Failed sign-ins are counted per submitted username, whether or not it exists,
-- so that throttling and lockout reveal nothing about which accounts exist.
CREATE TABLE login_throttle (
  username_key    text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until    timestamptz
);

CREATE TABLE sessions (
  id           uuid PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  user_id      uuid NOT NULL REFERENCES users (id),
  csrf_token   text NOT NULL,
  mfa_pending  boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
  id           uuid PRIMARY KEY,
  agency_code  text NOT NULL REFERENCES agencies (code),
  name         text NOT NULL,
  prefix       text NOT NULL UNIQUE,
  secret_hash  text NOT NULL,
  permissions  text[] NOT NULL,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_keys_agency ON api_keys (agency_code);

-- Append-only, hash-chained. seq gives the chain order; each hash covers the previous one.
CREATE TABLE audit_log (
  seq               bigint PRIMARY KEY,
  id                uuid NOT NULL UNIQUE,
  at                timestamptz NOT NULL,
  principal_type    text NOT NULL,
  principal_id      text,
  principal_name    text,
  agency_code       text,
  action            text NOT NULL,
  object_type       text,
  object_id         text,
  object_agency     text,
  outcome           text NOT NULL,
  request_id        text,
  query_fingerprint text,
  result_count      integer,
  details           jsonb,
  prev_hash         text NOT NULL,
  hash              text NOT NULL
);
CREATE INDEX audit_agency ON audit_log (agency_code, seq);
CREATE INDEX audit_object_agency ON audit_log (object_agency, seq);
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_action ON audit_log (action, seq);
CREATE INDEX audit_principal ON audit_log (principal_id, seq);

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Notices and diffusions: requests for cooperation published to all members after the
-- secretariat's compliance review (notices) or sent by a bureau straight to chosen members
-- and reviewed afterwards (diffusions). A notice's subject is a person record (for Silver,
-- asset records) read through the records service; what was reviewed and published is kept
-- here as a snapshot, signed by the secretariat's notice-signing key.

CREATE TABLE notice_counters (
  year integer PRIMARY KEY,
  n    integer NOT NULL
);

CREATE TABLE notices (
  id                uuid PRIMARY KEY,
  reference         text NOT NULL UNIQUE,
  kind              text NOT NULL CHECK (kind IN ('notice', 'diffusion')),
  type              text NOT NULL CHECK (type IN ('red', 'yellow', 'blue', 'black', 'green', 'orange',
                      'purple', 'silver', 'un')),
  status            text NOT NULL CHECK (status IN ('draft', 'submitted', 'under-review', 'returned',
                      'refused', 'published', 'suspended', 'cancelled', 'expired', 'circulated',
                      'withdrawn')),
  requester_agency  text NOT NULL REFERENCES agencies (code),
  created_by        text NOT NULL,
  created_by_name   text NOT NULL,
  summary           text NOT NULL DEFAULT '',
  subject_record_id uuid,
  asset_record_ids  uuid[] NOT NULL DEFAULT '{}',
  language          text NOT NULL DEFAULT 'en',
  data              jsonb NOT NULL,
  translations      jsonb NOT NULL DEFAULT '{}',
  -- Who receives it: a notice goes to every member unless the requester excludes some;
  -- a diffusion to the members it names (or all). Same shape as a record's policy.
  audience          jsonb NOT NULL,
  public_consent    boolean NOT NULL DEFAULT false,
  -- What the review saw and what was published: the subject's data as it was then.
  subject           jsonb,
  assets            jsonb,
  findings          jsonb NOT NULL DEFAULT '[]',
  review            jsonb,
  reviewer          text,
  review_due_at     timestamptz,
  valid_until       timestamptz,
  submitted_at      timestamptz,
  published_at      timestamptz,
  ended_at          timestamptz,
  signature         text,
  signed_kid        text,
  version           integer NOT NULL DEFAULT 1,
  person_match      jsonb,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);

CREATE INDEX notices_requester ON notices (requester_agency, id DESC);
CREATE INDEX notices_status ON notices (status, id DESC);
CREATE INDEX notices_subject ON notices (subject_record_id) WHERE subject_record_id IS NOT NULL;
CREATE INDEX notices_assets ON notices USING gin (asset_record_ids);
CREATE INDEX notices_expiry ON notices (valid_until) WHERE status IN ('published', 'circulated');

-- Every transition, with who and why: the notice's history.
CREATE TABLE notice_events (
  id          uuid PRIMARY KEY,
  notice_id   uuid NOT NULL REFERENCES notices (id),
  at          timestamptz NOT NULL,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  agency      text NOT NULL,
  reason      text,
  grounds     text[] NOT NULL DEFAULT '{}',
  details     jsonb
);
CREATE INDEX notice_events_notice ON notice_events (notice_id, at);
CREATE INDEX notice_events_action ON notice_events (action, at);

-- Name search over published notices and circulated diffusions: blocking keys of the
-- subject as published (names library), probed like records' name keys.
CREATE TABLE notice_name_keys (
  key       text NOT NULL,
  notice_id uuid NOT NULL REFERENCES notices (id) ON DELETE CASCADE
);
CREATE INDEX notice_name_keys_key ON notice_name_keys (key, notice_id);
CREATE INDEX notice_name_keys_notice ON notice_name_keys (notice_id);

-- Photographs of a notice's subject: small images kept in the database.
CREATE TABLE notice_images (
  id           uuid PRIMARY KEY,
  notice_id    uuid NOT NULL REFERENCES notices (id),
  picture_id   text NOT NULL UNIQUE,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  bytes        bytea NOT NULL,
  size         integer NOT NULL,
  sha256       text NOT NULL,
  caption      text,
  position     integer NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX notice_images_notice ON notice_images (notice_id, position);

-- The secretariat's notice-signing keys (Ed25519). Private halves sealed under the KEK.
CREATE TABLE notice_signing_keys (
  kid            text PRIMARY KEY,
  public_jwk     jsonb NOT NULL,
  private_sealed text,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at     timestamptz NOT NULL,
  retired_at     timestamptz
);
CREATE UNIQUE INDEX notice_signing_keys_active ON notice_signing_keys (status) WHERE status = 'active';

-- Public extracts: what the public may read of a published Red, Yellow or UN notice whose
-- requester consented, already shaped for the public notices API. Removed when the notice
-- stops being in force.
CREATE TABLE public_extracts (
  notice_id      uuid PRIMARY KEY REFERENCES notices (id),
  type           text NOT NULL CHECK (type IN ('red', 'yellow', 'un')),
  entity_id      text NOT NULL UNIQUE,
  forename       text NOT NULL DEFAULT '',
  name           text NOT NULL DEFAULT '',
  search_text    text NOT NULL DEFAULT '',
  nationalities  text[] NOT NULL DEFAULT '{}',
  warrant_countries text[] NOT NULL DEFAULT '{}',
  sex_id         text,
  birth_year     integer,
  birth_date     date,
  listing        jsonb NOT NULL,
  detail         jsonb NOT NULL,
  picture_ids    text[] NOT NULL DEFAULT '{}',
  published_at   timestamptz NOT NULL
);
CREATE INDEX public_extracts_type ON public_extracts (type, published_at DESC, entity_id);

-- Persons whose refugee (or asylum) status a member recognised, kept by the secretariat:
-- a request about one of them from the country they fled is flagged for the reviewer.
-- Found by the names library's blocking keys (GIN), scored in TypeScript.
CREATE TABLE protected_persons (
  id              uuid PRIMARY KEY,
  name            text NOT NULL,
  date_of_birth   text,
  nationality     char(2),
  status          text NOT NULL CHECK (status IN ('refugee', 'asylum-seeker')),
  against_country char(2),
  recognised_by   char(2) NOT NULL,
  note            text,
  person_match    jsonb NOT NULL,
  keys            text[] NOT NULL,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX protected_persons_keys ON protected_persons USING gin (keys);

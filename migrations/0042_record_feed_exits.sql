-- A record leaving what was shared with an agency — deleted, lapsed, or its allow list or
-- markings changed — is told to the feed that listed it (`GET /records?scope=shared&
-- updatedSince=`, answer's `removed`): a partner or a national system keeping a copy of what
-- was marked for it learns what to drop, rather than keeping a withdrawn indicator for ever.
-- One row per such change, with the policy under which the record was shared: a reader is
-- told only of records that policy let it see (src/records/shared.ts). Indexed on the lists
-- as migration 0015 indexes the records'. Kept as long as ended records are
-- (CONCORD_RECORD_PURGE_DAYS). A new table: nothing else waits while it is made.
CREATE TABLE record_feed_exits (
  record_id uuid NOT NULL,
  owner_agency text NOT NULL,
  kind text NOT NULL,
  policy jsonb NOT NULL,
  exited_at timestamptz NOT NULL
);
CREATE INDEX record_feed_exits_agencies ON record_feed_exits USING gin ((policy -> 'agencies'));
CREATE INDEX record_feed_exits_countries ON record_feed_exits USING gin ((policy -> 'countries'));
CREATE INDEX record_feed_exits_time ON record_feed_exits (exited_at);

-- Photographs of records: a person's photos (`data.photos`), a work of art's images
-- (`data.images`). Uploaded first by an officer or key of the owner's side
-- (`POST /records/photos`), stored without their metadata (src/platform/images.ts) and
-- bound to a record — `record_id` set — in the transaction that writes the record naming
-- them. Until then an upload is its uploader's alone (`uploaded_by`: "user:<id>" or
-- "api-key:<id>", as migration 0028 keeps message uploads') and is purged after a day by
-- the records lifecycle job; bound, it is read under the record's policy and purged with it.
-- Small images in the database, as notices keep theirs (notice_images). No foreign key to
-- records, as none of records' children have one (migration 0003). A new table: nothing
-- else waits while it is made.
CREATE TABLE record_photos (
  id            uuid PRIMARY KEY,
  agency        text NOT NULL,
  uploaded_by   text NOT NULL,
  record_id     uuid,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  bytes         bytea NOT NULL,
  size          integer NOT NULL,
  width         integer NOT NULL,
  height        integer NOT NULL,
  sha256        text NOT NULL,
  created_at    timestamptz NOT NULL
);
-- A record's photographs (its reads, updates and purge).
CREATE INDEX record_photos_record ON record_photos (record_id) WHERE record_id IS NOT NULL;
-- Uploads not yet on a record: an uploader's count (the limit on waiting uploads) and the
-- day-old ones the lifecycle job purges.
CREATE INDEX record_photos_waiting ON record_photos (uploaded_by) WHERE record_id IS NULL;
CREATE INDEX record_photos_waiting_since ON record_photos (created_at) WHERE record_id IS NULL;

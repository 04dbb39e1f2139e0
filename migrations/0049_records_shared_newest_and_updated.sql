-- "Shared with us" (GET /records?scope=shared) found a reader's records from the allow lists'
-- GIN indexes (0015), which return every record naming the reader, in no order: a reader
-- named in many records (a country in many country lists, a partner fed every day) had them
-- all read and sorted for each page and each feed poll — about 1 s for 78,000 among
-- 2,000,000 records, 0.4 s for a feed's poll. The newest allow-list records are now read
-- first, newest first, and a feed's poll reads the allow-list records updated since its last
-- one; the lists' indexes serve what these leave (src/records/shared.ts).
-- `policy ? 'visibility'`, always true of an allow-list policy, is stated by those two reads
-- alone: without it the lists' lookup could use these indexes too, and PostgreSQL, which
-- cannot tell how few records name a reader, chose to walk every allow-list record through
-- them (68 ms at 20,000, where the lists' indexes take 0.5 ms).
-- Only allow-list records enter these indexes. Building them reads the records table twice
-- while writes to it wait (a few seconds per million records here); reads go on.
CREATE INDEX records_shared_newest ON records (id)
  WHERE status = 'active' AND policy ->> 'visibility' = 'allow' AND policy ? 'visibility';
CREATE INDEX records_shared_updated ON records (updated_at)
  WHERE status = 'active' AND policy ->> 'visibility' = 'allow' AND policy ? 'visibility';

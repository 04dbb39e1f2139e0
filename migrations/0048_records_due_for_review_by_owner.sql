-- An agency's records due for review (GET /records?reviewDue=true, the web's review queue)
-- were found from records_review (review_at) for every owner at once. PostgreSQL either
-- intersected the whole network's due records with the agency's (7-15 ms at 2,000,000
-- records, growing with the network) or, expecting the agency's due records among the
-- newest, walked the whole table newest first: 6.5 s for an agency with 20 due under a plan
-- kept without the date's value, 8-12 s for a bureau with its units under its own custom
-- plan (bench/growing-tables.ts). The new index leads with the owner and carries the id and
-- kind, so a page reads only the owner's due entries and sorts their ids without visiting the
-- table. The hourly review job reads it owner by owner. Building it holds writes to records
-- back (about 3 s per 2,000,000 records here) while reads go on; the old index is dropped
-- after it, which needs the table to itself only for a moment.
CREATE INDEX records_due_for_review ON records (owner_agency, review_at) INCLUDE (id, kind)
  WHERE status = 'active';
DROP INDEX records_review;

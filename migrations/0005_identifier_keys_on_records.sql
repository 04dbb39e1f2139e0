-- Imports write tens of thousands of records a second, and every index they maintain is a
-- random write per row. Two indexes served only the rare paths that remove a record's keys
-- (a correction, the purge), so those paths now find the keys another way:
--
-- 1. A record carries its search keys ("scheme:value", as written to record_identifiers),
--    so a correction or the purge removes exactly the rows it wrote through the probe index
--    (scheme, value), whatever the normalisers do by then. The index on record_id goes.
ALTER TABLE records ADD COLUMN search_keys text[] NOT NULL DEFAULT '{}';
UPDATE records r SET search_keys = k.keys
FROM (
  SELECT record_id, array_agg(scheme || ':' || value) AS keys FROM record_identifiers GROUP BY record_id
) k
WHERE k.record_id = r.id;
DROP INDEX record_identifiers_record;

-- 2. An imported record's first version is the record itself until its content first
--    changes: imports no longer write a version row at all (history shows version 1 from the
--    record; a correction writes it out first). Earlier imports' content-less rows stay valid.

-- A queried range (203.0.113.0/24) finds the addresses recorded inside it, not only the
-- recorded ranges holding it (src/records/search.ts, matched `inside-range`). A recorded
-- address is an exact key in record_identifiers (scheme 'ip', its canonical text), found by
-- the btree for an address query; "which recorded addresses lie in this range" needs an
-- index that orders them as addresses. This one reads those same rows as inet: built here
-- from every address already recorded, and kept right by whatever writes and removes a
-- record's keys (creation, import, correction, deletion, purge) with no code of its own.
-- Partial, so the imports of documents, plates and names' keys do not maintain it: only
-- an IP address's row costs an entry. Ranges stay in record_ip_ranges (GiST, migration
-- 0002), whose entries a range query reads the same way.
-- The expression cannot fail on another scheme's value: when a bitmap heap scan outgrows
-- work_mem it keeps whole pages, not rows, and rechecks the indexed expression on every row
-- of those pages — passport numbers and name keys too, which `value::inet` would reject
-- (invalid input syntax for type inet). The search uses exactly this expression.
CREATE INDEX record_identifiers_ip ON record_identifiers
  USING gist ((CASE WHEN scheme = 'ip' THEN value::inet END) inet_ops) WHERE scheme = 'ip';

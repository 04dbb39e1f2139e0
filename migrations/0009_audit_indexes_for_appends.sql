-- Every identifier check appends an audit entry, and every index on audit_log is paid by
-- every check: seven b-trees, ~37 µs of PostgreSQL per entry in a batch of 24. Two of them
-- cost more than they serve.
-- 1. `at` grows with `seq` (entries are appended as they happen; writers differ by
--    milliseconds at most): a BRIN index finds a time range by block ranges, and
--    appending to it costs next to nothing, where the b-tree took a leaf insert per entry.
DROP INDEX audit_at;
CREATE INDEX audit_at ON audit_log USING brin (at);
-- 2. Most entries (searches, sign-ins) touch no agency's object, so object_agency is null:
--    the index that finds what was done to an agency's data needs only the others. Queries
--    say `object_agency IN (…)`, which implies NOT NULL, so the partial index serves them.
DROP INDEX audit_object_agency;
CREATE INDEX audit_object_agency ON audit_log (object_agency, seq) WHERE object_agency IS NOT NULL;

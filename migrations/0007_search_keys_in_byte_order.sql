-- The probe index, rebuilt once for two reasons.
--
-- 1. Search keys compare as bytes. Every import writes several entries per record into it and
--    every check and name search descends it; under a libc collation such as C.UTF-8 (the
--    usual initdb default) each comparison goes through strcoll and PostgreSQL gives up
--    abbreviated keys, under "C" it is a memcmp. Keys are normalised text matched only for
--    equality, and UTF-8 byte order is code point order, so nothing a user sees changes.
--
-- 2. record_id becomes a key column (it was only included). Removing a record's keys (a
--    correction, a deletion, the purge, the names reindex) names (scheme, value, record_id):
--    with record_id outside the key, PostgreSQL had to visit every record sharing the key —
--    hundreds of thousands for a common name's key among ten million persons, a minute per
--    deletion. Within one key, entries now come in record id order: UUIDv7, the order records
--    were written, as before.
DROP INDEX record_identifiers_probe;
ALTER TABLE record_identifiers
  ALTER COLUMN scheme TYPE text COLLATE "C",
  ALTER COLUMN value TYPE text COLLATE "C",
  ALTER COLUMN country TYPE text COLLATE "C";
CREATE INDEX record_identifiers_probe ON record_identifiers (scheme, value, record_id) INCLUDE (country);

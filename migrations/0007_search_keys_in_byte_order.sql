-- Search keys compare as bytes. Every import writes several index entries per record into
-- record_identifiers_probe, and every check and name search descends it; under a libc
-- collation such as C.UTF-8 (the usual initdb default) each comparison goes through strcoll
-- and PostgreSQL gives up abbreviated keys, under "C" it is a memcmp. Keys are normalised
-- ASCII or NFC text matched only for equality, and UTF-8 byte order is code point order, so
-- nothing a user sees changes. The index is rebuilt.
ALTER TABLE record_identifiers
  ALTER COLUMN scheme TYPE text COLLATE "C",
  ALTER COLUMN value TYPE text COLLATE "C",
  ALTER COLUMN country TYPE text COLLATE "C";

-- One audit hash chain per writer (server process) instead of one for all. With a single
-- chain every batch needs the chain's head, so several processes took turns under an
-- advisory lock and two served fewer checks than one. Now each writer starts a chain of
-- its own (`chain`, a UUIDv7) and numbers its entries in it (`position`, from 1); an entry's
-- hash covers its chain, position and the previous entry's hash in that chain. `seq` only
-- orders the log across chains and comes from a sequence. Entries written before this
-- migration keep chain and position null and stay verifiable as the original single chain.
ALTER TABLE audit_log ADD COLUMN chain uuid;
ALTER TABLE audit_log ADD COLUMN position bigint;
CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq;
SELECT setval('audit_log_seq', coalesce(max(seq), 0) + 1, false) FROM audit_log;
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq');

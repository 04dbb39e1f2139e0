-- Person-name matching (src/names, src/records/person-names.ts). A person record keeps its
-- prepared names, so that a search scores candidates without parsing them again; its name
-- blocking keys live in record_identifiers under the scheme 'name', beside every other
-- search key. Persons recorded before this migration are prepared by the reindex job.
ALTER TABLE records ADD COLUMN person_match jsonb;

-- A national system that sends its records to Concord keeps its own identifier for each (a
-- case file, a row of its stolen-documents register). With it, the same file imported twice
-- updates the records it made instead of making them again, and the system finds a record by
-- its own reference. One record per reference per owning agency, among records not deleted (a
-- deleted record's reference may be given to a new record).
ALTER TABLE records ADD COLUMN external_ref text;
CREATE UNIQUE INDEX records_external_ref ON records (owner_agency, external_ref)
  WHERE external_ref IS NOT NULL AND status <> 'deleted';

-- "What has been shared with us": the active records whose owners named an agency (or its
-- country) in an allow list — a private partner's feed of what is marked for it, a bureau's
-- list of what a member sent it alone. Indexed on the lists themselves, among allow-list
-- policies only (most records are for every member, and stay out of these indexes). Reads
-- the records table once; writes to it wait meanwhile.
CREATE INDEX records_shared_agencies ON records USING gin ((policy -> 'agencies'))
  WHERE status = 'active' AND policy ->> 'visibility' = 'allow';
CREATE INDEX records_shared_countries ON records USING gin ((policy -> 'countries'))
  WHERE status = 'active' AND policy ->> 'visibility' = 'allow';

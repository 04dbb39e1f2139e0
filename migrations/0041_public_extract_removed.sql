-- A notice taken off the public website while it stays in force for the members
-- (remove-public-extract) says so, rather than reading as one whose requester never consented.
-- A nullable column: added without rewriting the table.
ALTER TABLE notices ADD COLUMN public_extract_removed_at timestamptz;

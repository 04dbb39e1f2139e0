-- The expiry job (every minute, src/notices/workflow.ts) takes published, suspended and
-- circulated notices past their validity; the index of notices that can expire left out the
-- suspended ones, so its predicate was never implied and the job read every notice in those
-- statuses along notices_status each minute. The index now holds all three. Notices are few
-- beside records and messages: building it holds their writes back for a moment.
DROP INDEX notices_expiry;
CREATE INDEX notices_expiry ON notices (valid_until) WHERE status IN ('published', 'suspended', 'circulated');

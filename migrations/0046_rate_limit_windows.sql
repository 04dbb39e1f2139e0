-- Rate limits that guard credentials (sign-in, password and MFA checks per client address)
-- counted where every server process sees them (src/platform/shared-rate-limit.ts): counted
-- in each process's memory, CONCORD_WORKERS=N let an address try N times the limit. One row
-- per route and client, keyed by a digest (no address is stored); rows whose window ended
-- over an hour ago are purged by the identity housekeeping job. A new table: nothing waits.
CREATE TABLE rate_limit_windows (
  key text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  hits integer NOT NULL
);
CREATE INDEX rate_limit_windows_started ON rate_limit_windows (started_at);

-- A sign-in being checked holds its username until it ends (or, if its process died, until
-- this time): server processes sharing the database then check one attempt per username at
-- a time, as each process already did for itself, so a burst of guesses spread over several
-- processes cannot pass the throttle before any of them has been counted.
ALTER TABLE login_throttle ADD COLUMN attempt_until timestamptz;

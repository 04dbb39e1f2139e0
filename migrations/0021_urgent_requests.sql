-- The 24/7 network: each country's point of contact for urgent cybercrime requests, and the
-- urgent requests with their clocks. A request's content (facts, data to preserve, what was
-- preserved, grounds for refusal) travels as encrypted messages in its thread; these tables
-- hold only the workflow: who, what kind, which state, and when.

CREATE TABLE contact_points (
  country       char(2) PRIMARY KEY,
  agency_code   text NOT NULL REFERENCES agencies (code),
  unit_name     text NOT NULL,
  phone         text NOT NULL,
  email         text,
  languages     text[] NOT NULL,
  hours         text NOT NULL,
  powers        text[] NOT NULL,
  on_call_name  text,
  on_call_phone text,
  notes         text,
  updated_by    text NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE TABLE urgent_requests (
  id                    uuid PRIMARY KEY,
  reference             text NOT NULL UNIQUE,
  type                  text NOT NULL CHECK (type IN ('preservation', 'traffic-data', 'emergency-disclosure',
                          'locate-suspect', 'technical-advice')),
  from_agency           text NOT NULL REFERENCES agencies (code),
  to_agency             text NOT NULL REFERENCES agencies (code),
  to_country            char(2) NOT NULL,
  status                text NOT NULL CHECK (status IN ('sent', 'acknowledged', 'in-progress', 'executed',
                          'refused', 'expired')),
  message_id            uuid NOT NULL REFERENCES messages (id),
  thread_id             uuid NOT NULL,
  created_by            text NOT NULL,
  created_at            timestamptz NOT NULL,
  ack_due_at            timestamptz NOT NULL,
  complete_due_at       timestamptz NOT NULL,
  acknowledged_at       timestamptz,
  acknowledged_by       text,
  started_at            timestamptz,
  closed_at             timestamptz,
  closed_by             text,
  preserved_until       timestamptz,
  renewals              integer NOT NULL DEFAULT 0,
  ack_reminded_at       timestamptz,
  ack_escalated_at      timestamptz,
  complete_reminded_at  timestamptz,
  complete_escalated_at timestamptz,
  lapse_reminded_at     timestamptz,
  updated_at            timestamptz NOT NULL
);
CREATE INDEX urgent_requests_to ON urgent_requests (to_agency, created_at DESC);
CREATE INDEX urgent_requests_from ON urgent_requests (from_agency, created_at DESC);
CREATE INDEX urgent_requests_open ON urgent_requests (status, ack_due_at)
  WHERE status IN ('sent', 'acknowledged', 'in-progress');
CREATE INDEX urgent_requests_preserved ON urgent_requests (preserved_until)
  WHERE status = 'executed' AND preserved_until IS NOT NULL;
CREATE INDEX urgent_requests_thread ON urgent_requests (thread_id);

-- What happened to a request, in order: the timeline shown to both sides.
CREATE TABLE urgent_request_events (
  id         uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES urgent_requests (id),
  at         timestamptz NOT NULL,
  action     text NOT NULL,
  agency     text,
  actor      text NOT NULL,
  message_id uuid,
  details    jsonb
);
CREATE INDEX urgent_request_events_request ON urgent_request_events (request_id, at);

-- Per request type prefix, requesting country and year: PR-KE-2026-0007.
CREATE TABLE urgent_counters (
  scope text PRIMARY KEY,
  n     integer NOT NULL
);

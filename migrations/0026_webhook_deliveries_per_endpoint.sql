-- Webhook deliveries were claimed oldest first across all endpoints, fifty a round: a national
-- system down for a day built a backlog of due retries that every other agency's deliveries
-- queued behind. Each round now takes a share per endpoint (src/messaging/webhooks.ts), read
-- from this index.
CREATE INDEX webhook_deliveries_due_per_webhook ON webhook_deliveries (webhook_id, next_attempt_at)
  WHERE status = 'pending';

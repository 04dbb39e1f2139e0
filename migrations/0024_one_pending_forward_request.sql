-- Asking the originator twice for the same forwarding (a second click, a retried request)
-- made two pending requests, both in the originator's queue and in the thread. One pending
-- request per message, requesting agency and set of targets (kept sorted): the repeat answers
-- the one pending. Repeats already made carry no decision and go, the first one stays.
UPDATE forward_permissions SET targets = ARRAY(SELECT unnest(targets) ORDER BY 1)
  WHERE targets <> ARRAY(SELECT unnest(targets) ORDER BY 1);
DELETE FROM forward_permissions p
  WHERE p.status = 'pending' AND EXISTS (
    SELECT 1 FROM forward_permissions q
    WHERE q.status = 'pending' AND q.message_id = p.message_id AND q.requester = p.requester
      AND q.targets = p.targets AND (q.created_at, q.id) < (p.created_at, p.id));
CREATE UNIQUE INDEX forward_permissions_pending ON forward_permissions (message_id, requester, targets)
  WHERE status = 'pending';

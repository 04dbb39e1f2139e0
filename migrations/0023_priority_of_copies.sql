-- "Flash only" (or "urgent only") in an inbox read the mailbox's copies newest first until it
-- had a page of them: in an inbox with none, all of its copies (1.3 s for a bureau with
-- 800,000 messages, growing with every message) — the filter a 24/7 desk uses most. The copy
-- now carries its message's priority (routing metadata, like the message's own), and the
-- urgent and flash copies are indexed by mailbox; routine ones, the many, need no index.
ALTER TABLE message_recipients ADD COLUMN priority text NOT NULL DEFAULT 'routine'
  CHECK (priority IN ('routine', 'urgent', 'flash'));
UPDATE message_recipients r SET priority = m.priority
  FROM messages m WHERE m.id = r.message_id AND m.priority <> 'routine';
CREATE INDEX message_recipients_priority ON message_recipients (agency, priority, message_id DESC)
  WHERE role = 'to' AND priority <> 'routine';

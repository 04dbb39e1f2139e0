-- "Unread only" in an inbox read the mailbox's copies newest first until it had a page of
-- unread ones: in an inbox where everything has been read, all of them (0.4 s for a bureau
-- with 800,000 messages, growing with every message). The unread copies, by mailbox.
CREATE INDEX message_recipients_unread ON message_recipients (agency, message_id DESC)
  WHERE read_at IS NULL AND role = 'to';

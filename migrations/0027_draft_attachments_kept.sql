-- An upload not sent within seven days is purged (src/messaging/attachments.ts). A draft that
-- lists it was not considered — the draft is sealed — so a draft kept a week lost its
-- attachments. A draft now keeps the ids of the uploads it lists beside its sealed content
-- (ids, not content), and the purge leaves those alone. Drafts saved before keep none until
-- they are saved again.
ALTER TABLE message_drafts ADD COLUMN attachment_ids uuid[] NOT NULL DEFAULT '{}';

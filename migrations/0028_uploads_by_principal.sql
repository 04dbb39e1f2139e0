-- An unsent upload is its uploader's (src/messaging/attachments.ts). `created_by` is a name —
-- a username, or an API key's name, which anyone who makes keys may choose — so the uploader
-- is kept as what identifies it: "user:<id>" or "api-key:<id>". Uploads made before have none
-- and stay their agency's until they are sent or purged (seven days). A nullable column: no
-- rewrite.
ALTER TABLE attachments ADD COLUMN uploaded_by text;

-- A forward of a forward asked its permission of the agency that forwarded it, and that
-- agency could pass its own forward on freely: H2 information, forwarded once with the
-- originator's permission, could then go anywhere. The permission is now asked of the agency
-- that put the restriction on the information (src/messaging/forward-rules.ts) about the
-- message of its own that carries it: that message is kept with the request, so that the
-- agency deciding sees what it is asked about. Requests made before keep their message
-- (decided under the rule of their time); one about a forward now needs asking again.
ALTER TABLE forward_permissions ADD COLUMN source_message_id uuid REFERENCES messages (id);

-- A forward of a forward asked its permission of the agency that forwarded it, and that
-- agency could pass its own forward on freely: H2 information, forwarded once with the
-- originator's permission, could then go anywhere. The permission is now asked of the agency
-- that put the restriction on the information (src/messaging/forward-rules.ts) about the
-- message of its own that carries it: that message is kept with the request, so that the
-- agency deciding sees what it is asked about. Requests made before keep their message
-- (decided under the rule of their time); one about a forward now needs asking again.
ALTER TABLE forward_permissions ADD COLUMN source_message_id uuid REFERENCES messages (id);

-- One pending request per message, requester, targets and deciding agency: a request made
-- before this rule, pending with the forwarder, must not stand in the way of asking the agency
-- that decides now (its grant would not count).
DROP INDEX forward_permissions_pending;
CREATE UNIQUE INDEX forward_permissions_pending
  ON forward_permissions (message_id, requester, targets, owner_agency) WHERE status = 'pending';
-- The requests about forwards of a message, listed on the message's page.
CREATE INDEX forward_permissions_source ON forward_permissions (source_message_id)
  WHERE source_message_id IS NOT NULL;

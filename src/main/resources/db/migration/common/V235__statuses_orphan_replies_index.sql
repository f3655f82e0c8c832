-- Every remote status stored looks for replies that arrived before it (statuses.in_reply_to_uri, parent not yet
-- known) to thread them under it. Without an index that was a scan of the whole statuses table inside the write
-- transaction of each inbound Create (the federation bench's profile: the largest single cost of storing one).
-- Only the waiting replies are indexed: once adopted (in_reply_to_id set) a row leaves the index.
CREATE INDEX statuses_orphan_replies_idx ON statuses (in_reply_to_uri)
    WHERE in_reply_to_id IS NULL AND in_reply_to_uri IS NOT NULL;

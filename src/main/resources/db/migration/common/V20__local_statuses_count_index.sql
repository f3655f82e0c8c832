-- The instance document and NodeInfo count the statuses posted here; this partial index keeps that count off the
-- remote statuses (the bulk of the table on a federating server).
CREATE INDEX statuses_local_live_idx ON statuses (id) WHERE local = TRUE AND deleted_at IS NULL;

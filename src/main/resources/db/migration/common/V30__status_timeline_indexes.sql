-- Indexes the status, home-feed and notification queries page through.

-- Indexes on reblog_of_id cover boosts only. A full one also matches "reblog_of_id IS NULL" (every original status),
-- and without statistics SQLite's planner then prefers it to the public-timeline partial indexes and sorts the whole
-- table. So the initial boost index is rebuilt as a partial one.
DROP INDEX statuses_reblog_idx;
CREATE INDEX statuses_reblog_idx ON statuses (reblog_of_id, account_id) WHERE reblog_of_id IS NOT NULL;

-- "reblogged_by" pages through a status's boosts by the boost's id.
CREATE INDEX statuses_reblog_of_id_idx ON statuses (reblog_of_id, id) WHERE reblog_of_id IS NOT NULL;

-- Fan-out skips a boost when the reader's feed already holds the boosted status or another boost of it; unique, so
-- that two boosts fanned out at the same moment (concurrent jobs on PostgreSQL) cannot both get in.
CREATE UNIQUE INDEX home_feed_reblog_idx ON home_feed (account_id, reblog_of_id) WHERE reblog_of_id IS NOT NULL;

-- The notification list filtered by actor ("account_id") pages by id within one actor.
CREATE INDEX notifications_from_idx ON notifications (account_id, from_account_id, id);

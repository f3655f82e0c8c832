-- Ids of remote statuses deleted by their authors (or deleted before they arrived: Deletes can overtake Creates).
-- A Create for one of them is refused. Kept a week, like the inbox's seen activity ids.
CREATE TABLE status_tombstones (
    uri        TEXT PRIMARY KEY,
    deleted_at BIGINT NOT NULL
);
CREATE INDEX status_tombstones_deleted_idx ON status_tombstones (deleted_at);

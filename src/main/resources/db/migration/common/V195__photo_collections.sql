-- Collections (issue 11), as Pixelfed has them: a named, ordered set of one's own posts. Who sees the collection is
-- its visibility (public, unlisted, private = followers); who sees each post in it stays VisibilityPolicy's rule.
CREATE TABLE collections (
    id          BIGINT PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    visibility  TEXT NOT NULL,      -- public | unlisted | private
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX collections_account_idx ON collections (account_id, id);
CREATE TABLE collection_items (
    collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    status_id     BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,  -- 0, 1, 2 … in the owner's order
    PRIMARY KEY (collection_id, status_id)
);
CREATE INDEX collection_items_order_idx ON collection_items (collection_id, position);
CREATE INDEX collection_items_status_idx ON collection_items (status_id);

-- Hashtags an account follows (POST /api/v1/tags/:name/follow, GET /api/v1/followed_tags).
CREATE TABLE tag_follows (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, tag_id)
);
CREATE INDEX tag_follows_account_idx ON tag_follows (account_id, id);
CREATE INDEX tag_follows_tag_idx ON tag_follows (tag_id);

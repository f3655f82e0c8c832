-- Link previews: one card per URL for the whole server, fetched once; statuses point to theirs.
CREATE TABLE preview_cards (
    id               BIGINT PRIMARY KEY,
    url_hash         TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the URL
    url              TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending',  -- pending | done | failed
    type             TEXT NOT NULL DEFAULT 'link',
    title            TEXT NOT NULL DEFAULT '',
    description      TEXT NOT NULL DEFAULT '',
    provider_name    TEXT NOT NULL DEFAULT '',
    author_name      TEXT NOT NULL DEFAULT '',
    image_key        TEXT,
    image_width      INTEGER NOT NULL DEFAULT 0,
    image_height     INTEGER NOT NULL DEFAULT 0,
    blurhash         TEXT,
    fetched_at       BIGINT,
    created_at       BIGINT NOT NULL
);

CREATE TABLE status_preview_cards (
    status_id  BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    card_id    BIGINT NOT NULL REFERENCES preview_cards (id) ON DELETE CASCADE
);
CREATE INDEX status_preview_cards_card_idx ON status_preview_cards (card_id);

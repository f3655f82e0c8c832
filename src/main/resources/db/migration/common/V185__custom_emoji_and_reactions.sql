-- Custom emoji (issue 15): the server's own (domain_key '') and those read from other servers' notes and actors
-- (domain_key = their domain), one row per (domain, shortcode) as Mastodon keeps them. A local emoji's images live in
-- the blob store (image_key: the file as uploaded, static_key: a still PNG of it); a remote one keeps its URL and is
-- shown through the media proxy, so readers never contact its server.
CREATE TABLE custom_emojis (
    id                BIGINT PRIMARY KEY,
    shortcode         VARCHAR(128) NOT NULL,
    domain_key        VARCHAR(255) NOT NULL DEFAULT '',
    uri               TEXT,
    image_key         VARCHAR(512),
    static_key        VARCHAR(512),
    content_type      VARCHAR(64),
    image_remote_url  TEXT,
    category          VARCHAR(128),
    visible_in_picker BOOLEAN NOT NULL DEFAULT TRUE,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE UNIQUE INDEX custom_emojis_domain_shortcode_idx ON custom_emojis (domain_key, shortcode);

-- Emoji reactions to statuses (Akkoma/Pleroma EmojiReact, Misskey's Like with _misskey_reaction). name is a Unicode
-- emoji or a custom emoji's shortcode (shortcode@domain for another server's); one per account, status and name.
-- uri: the activity id of a remote reaction, so an Undo naming only its id finds it.
CREATE TABLE status_reactions (
    id              BIGINT PRIMARY KEY,
    status_id       BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            VARCHAR(255) NOT NULL,
    custom_emoji_id BIGINT REFERENCES custom_emojis (id) ON DELETE SET NULL,
    uri             TEXT,
    created_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX status_reactions_unique_idx ON status_reactions (status_id, name, account_id);
CREATE INDEX status_reactions_account_idx ON status_reactions (account_id, status_id);
CREATE INDEX status_reactions_uri_idx ON status_reactions (uri);

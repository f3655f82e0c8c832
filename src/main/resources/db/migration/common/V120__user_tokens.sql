-- Single-use tokens sent by mail (e-mail confirmation, password reset). Only their SHA-256 is kept: a copy of the
-- database does not let anyone confirm or reset.
CREATE TABLE user_tokens (
    id         BIGINT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,                -- confirm_email | password_reset
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);

-- Browser sign-in sessions for the server's own pages (OAuth sign-in and consent, later the web UI).
-- The cookie holds a random secret; only its SHA-256 is stored, so a database leak signs nobody in.
CREATE TABLE web_sessions (
    id            BIGINT PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ip            TEXT,
    user_agent    TEXT,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX web_sessions_user_idx ON web_sessions (user_id);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);

-- Expired authorization codes are swept by expiry; token reuse looks tokens up by app and account.
CREATE INDEX oauth_codes_expires_idx ON oauth_codes (expires_at);
CREATE INDEX oauth_tokens_app_account_idx ON oauth_tokens (app_id, account_id);

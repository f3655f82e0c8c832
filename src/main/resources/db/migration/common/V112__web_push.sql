-- Web Push subscriptions, one per access token (Mastodon's model): the browser's endpoint and keys, which
-- notification types to push and from whom. The token itself is kept sealed (AES-GCM, push_token_key) because
-- Mastodon's payload hands it to the app; a revoked or deleted token takes its subscription with it.
CREATE TABLE push_subscriptions (
    id           BIGINT PRIMARY KEY,
    token_id     BIGINT NOT NULL UNIQUE REFERENCES oauth_tokens (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    endpoint     TEXT NOT NULL,
    key_p256dh   TEXT NOT NULL,
    key_auth     TEXT NOT NULL,
    standard     BOOLEAN NOT NULL DEFAULT FALSE,
    alerts       TEXT NOT NULL DEFAULT '',   -- space-separated notification types to push
    policy       TEXT NOT NULL DEFAULT 'all', -- all | followed | follower | none
    sealed_token TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_account_idx ON push_subscriptions (account_id);

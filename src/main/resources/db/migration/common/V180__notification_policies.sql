-- Mastodon 4.3's notification policy and requests (issue 13), and the optional notification mails.
-- A notification the recipient's policy filters is kept with filtered = TRUE: lists, counts and streams leave it out
-- unless asked (include_filtered); the unfiltered list pages through (account_id, filtered, id).
ALTER TABLE notifications ADD COLUMN filtered BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX notifications_unfiltered_idx ON notifications (account_id, filtered, id);

-- One row per local account that changed its policy; no row means Mastodon's defaults.
-- Each column: accept | filter | drop.
CREATE TABLE notification_policies (
    account_id           BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    for_not_following    TEXT NOT NULL DEFAULT 'accept',
    for_not_followers    TEXT NOT NULL DEFAULT 'accept',
    for_new_accounts     TEXT NOT NULL DEFAULT 'accept',
    for_private_mentions TEXT NOT NULL DEFAULT 'filter',
    for_limited_accounts TEXT NOT NULL DEFAULT 'filter',
    updated_at           BIGINT NOT NULL
);

-- Filtered mentions, grouped per sender: what the requests page lists (newest request first, by id).
-- The count is read from the notifications themselves, so a deleted status never leaves a stale number.
CREATE TABLE notification_requests (
    id              BIGINT PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    last_status_id  BIGINT REFERENCES statuses (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (account_id, from_account_id)
);
CREATE INDEX notification_requests_account_idx ON notification_requests (account_id, id);

-- An accepted request: notifications from this sender are never filtered again.
CREATE TABLE notification_permissions (
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (account_id, from_account_id)
);

-- Which notifications a person also gets by mail; no row means Mastodon's defaults (all four on).
CREATE TABLE notification_emails (
    account_id     BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    mention        BOOLEAN NOT NULL DEFAULT TRUE,
    direct         BOOLEAN NOT NULL DEFAULT TRUE,
    follow         BOOLEAN NOT NULL DEFAULT TRUE,
    follow_request BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at     BIGINT NOT NULL
);

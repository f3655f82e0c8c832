-- Moderation: the audit log of staff actions, strikes against local accounts, and servers allowed in limited federation.

-- Every admin or moderator action: who (NULL: the system, i.e. the command line), what, on what, when.
CREATE TABLE admin_action_logs (
    id               BIGINT PRIMARY KEY,
    account_id       BIGINT,
    action           TEXT NOT NULL,          -- Mastodon's names: suspend, silence, create, destroy, resolve, ...
    target_type      TEXT NOT NULL,          -- Account | User | Report | DomainBlock | DomainAllow | AccountWarning
    target_id        BIGINT NOT NULL,
    human_identifier TEXT,                   -- acct, domain or report id as it was at the time
    details          TEXT NOT NULL DEFAULT '{}',
    created_at       BIGINT NOT NULL
);
CREATE INDEX admin_action_logs_created_idx ON admin_action_logs (created_at);
CREATE INDEX admin_action_logs_account_idx ON admin_action_logs (account_id, id);

-- A strike: a moderation action against a local account, which its owner is told of (and may appeal later).
CREATE TABLE account_warnings (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT,                -- the moderator; NULL for the system
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    action            TEXT NOT NULL,         -- none | disable | sensitive | silence | suspend
    text              TEXT NOT NULL DEFAULT '',
    status_ids        TEXT NOT NULL DEFAULT '[]',
    report_id         BIGINT,
    overruled_at      BIGINT,
    created_at        BIGINT NOT NULL
);
CREATE INDEX account_warnings_target_idx ON account_warnings (target_account_id, id);

-- A moderation_warning notification points at its strike.
ALTER TABLE notifications ADD COLUMN account_warning_id BIGINT;

CREATE TABLE domain_allows (
    id         BIGINT PRIMARY KEY,
    domain     TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

ALTER TABLE domain_blocks ADD COLUMN updated_at BIGINT;
CREATE INDEX accounts_suspended_idx ON accounts (suspended_at);

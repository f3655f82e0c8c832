-- Atoll's schema, shared by SQLite and PostgreSQL.
-- Conventions: application-generated BIGINT ids (time-sortable, see IdGenerator); times are BIGINT epoch
-- milliseconds; booleans are BOOLEAN (0/1 on SQLite); JSON blobs are TEXT. Local and remote objects share
-- tables: a remote account has a domain, a remote status has local = FALSE.

CREATE TABLE accounts (
    id                  BIGINT PRIMARY KEY,
    username            TEXT NOT NULL,
    domain              TEXT,                       -- NULL for local accounts
    acct_key            TEXT NOT NULL UNIQUE,       -- lower(username) || '@' || lower(coalesce(domain, ''))
    display_name        TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',   -- HTML (sanitized for remote, formatted for local)
    note_source         TEXT NOT NULL DEFAULT '',   -- plain text as typed (local)
    fields              TEXT NOT NULL DEFAULT '[]', -- JSON [{name, value, value_source, verified_at}]
    uri                 TEXT NOT NULL UNIQUE,       -- ActivityPub actor id
    url                 TEXT,                       -- HTML profile page
    actor_type          TEXT NOT NULL DEFAULT 'Person',
    inbox_url           TEXT,
    outbox_url          TEXT,
    shared_inbox_url    TEXT,
    followers_url       TEXT,
    following_url       TEXT,
    featured_url        TEXT,
    featured_tags_url   TEXT,
    public_key_pem      TEXT,
    private_key_pem     TEXT,                       -- local accounts only
    public_key_id       TEXT,
    ed25519_public_key  TEXT,
    ed25519_private_key TEXT,
    avatar_remote_url   TEXT,
    avatar_media_id     BIGINT,
    header_remote_url   TEXT,
    header_media_id     BIGINT,
    locked              BOOLEAN NOT NULL DEFAULT FALSE,
    bot                 BOOLEAN NOT NULL DEFAULT FALSE,
    discoverable        BOOLEAN NOT NULL DEFAULT TRUE,
    indexable           BOOLEAN NOT NULL DEFAULT TRUE,
    hide_collections    BOOLEAN NOT NULL DEFAULT FALSE,
    memorial            BOOLEAN NOT NULL DEFAULT FALSE,
    moved_to_account_id BIGINT,
    also_known_as       TEXT NOT NULL DEFAULT '[]', -- JSON array of actor URIs
    statuses_count      INTEGER NOT NULL DEFAULT 0,
    followers_count     INTEGER NOT NULL DEFAULT 0,
    following_count     INTEGER NOT NULL DEFAULT 0,
    last_status_at      BIGINT,
    suspended_at        BIGINT,
    silenced_at         BIGINT,
    sensitized_at       BIGINT,
    fetched_at          BIGINT,                     -- last time a remote actor document was read
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX accounts_domain_idx ON accounts (domain);
CREATE INDEX accounts_url_idx ON accounts (url);

-- Local sign-in identities. One per local account.
CREATE TABLE users (
    id                 BIGINT PRIMARY KEY,
    account_id         BIGINT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    email              TEXT NOT NULL UNIQUE,       -- stored lower-cased
    password_hash      TEXT NOT NULL,              -- Argon2id
    role               TEXT NOT NULL DEFAULT 'user', -- user | moderator | admin | owner
    confirmed_at       BIGINT,
    approved           BOOLEAN NOT NULL DEFAULT TRUE,
    disabled           BOOLEAN NOT NULL DEFAULT FALSE,
    locale             TEXT NOT NULL DEFAULT 'en',
    sign_up_ip         TEXT,
    sign_up_reason     TEXT,
    default_privacy    TEXT NOT NULL DEFAULT 'public',
    default_sensitive  BOOLEAN NOT NULL DEFAULT FALSE,
    default_language   TEXT,
    settings           TEXT NOT NULL DEFAULT '{}', -- JSON of the remaining preferences
    last_sign_in_at    BIGINT,
    created_at         BIGINT NOT NULL
);

-- OAuth 2: registered applications, authorization codes, access tokens (stored as SHA-256 hashes).
CREATE TABLE oauth_apps (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL,
    website       TEXT,
    redirect_uris TEXT NOT NULL,                   -- newline-separated
    scopes        TEXT NOT NULL,                   -- space-separated
    client_id     TEXT NOT NULL UNIQUE,
    client_secret TEXT NOT NULL,
    owner_account_id BIGINT,                       -- NULL for apps registered through the API
    created_at    BIGINT NOT NULL
);

CREATE TABLE oauth_codes (
    id             BIGINT PRIMARY KEY,
    code_hash      TEXT NOT NULL UNIQUE,
    app_id         BIGINT NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
    account_id     BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    scopes         TEXT NOT NULL,
    code_challenge TEXT,
    code_challenge_method TEXT,
    expires_at     BIGINT NOT NULL,
    used_at        BIGINT,
    created_at     BIGINT NOT NULL
);

CREATE TABLE oauth_tokens (
    id          BIGINT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    app_id      BIGINT REFERENCES oauth_apps (id) ON DELETE CASCADE,
    account_id  BIGINT REFERENCES accounts (id) ON DELETE CASCADE, -- NULL for client_credentials tokens
    scopes      TEXT NOT NULL,
    revoked_at  BIGINT,
    last_used_at BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX oauth_tokens_account_idx ON oauth_tokens (account_id);

-- Statuses, local and remote; a boost is a status with reblog_of_id set and no content.
CREATE TABLE statuses (
    id                     BIGINT PRIMARY KEY,
    uri                    TEXT NOT NULL UNIQUE,
    url                    TEXT,
    account_id             BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    local                  BOOLEAN NOT NULL,
    in_reply_to_id         BIGINT,
    in_reply_to_account_id BIGINT,
    in_reply_to_uri        TEXT,                   -- kept when the parent is not (yet) known
    reblog_of_id           BIGINT,
    quote_of_id            BIGINT,
    conversation_id        BIGINT,
    text                   TEXT NOT NULL DEFAULT '', -- source as typed (local) or '' (remote)
    content                TEXT NOT NULL DEFAULT '', -- HTML
    spoiler_text           TEXT NOT NULL DEFAULT '',
    sensitive              BOOLEAN NOT NULL DEFAULT FALSE,
    visibility             TEXT NOT NULL,          -- public | unlisted | private | direct | limited
    language               TEXT,
    application_id         BIGINT,
    poll_id                BIGINT,
    replies_count          INTEGER NOT NULL DEFAULT 0,
    reblogs_count          INTEGER NOT NULL DEFAULT 0,
    favourites_count       INTEGER NOT NULL DEFAULT 0,
    edited_at              BIGINT,
    deleted_at             BIGINT,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE INDEX statuses_account_idx ON statuses (account_id, id);
CREATE INDEX statuses_reply_idx ON statuses (in_reply_to_id);
CREATE INDEX statuses_reblog_idx ON statuses (reblog_of_id, account_id);
CREATE INDEX statuses_conversation_idx ON statuses (conversation_id);
CREATE INDEX statuses_public_idx ON statuses (id) WHERE visibility = 'public' AND reblog_of_id IS NULL AND deleted_at IS NULL;
CREATE INDEX statuses_public_local_idx ON statuses (id) WHERE visibility = 'public' AND reblog_of_id IS NULL AND deleted_at IS NULL AND local = TRUE;
CREATE INDEX statuses_url_idx ON statuses (url);

CREATE TABLE status_edits (
    id           BIGINT PRIMARY KEY,
    status_id    BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL,
    text         TEXT NOT NULL DEFAULT '',
    content      TEXT NOT NULL DEFAULT '',
    spoiler_text TEXT NOT NULL DEFAULT '',
    sensitive    BOOLEAN NOT NULL DEFAULT FALSE,
    media_ids    TEXT NOT NULL DEFAULT '[]',
    poll_options TEXT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX status_edits_status_idx ON status_edits (status_id, id);

CREATE TABLE mentions (
    id         BIGINT PRIMARY KEY,
    status_id  BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    silent     BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (status_id, account_id)
);
CREATE INDEX mentions_account_idx ON mentions (account_id, status_id);

CREATE TABLE tags (
    id         BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,               -- lower-cased name
    usable     BOOLEAN NOT NULL DEFAULT TRUE,
    trendable  BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE status_tags (
    status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    tag_id    BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (status_id, tag_id)
);
CREATE INDEX status_tags_tag_idx ON status_tags (tag_id, status_id);

CREATE TABLE favourites (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id  BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    uri        TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_status_idx ON favourites (status_id, id);
CREATE INDEX favourites_account_idx ON favourites (account_id, id);

CREATE TABLE bookmarks (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id  BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_account_idx ON bookmarks (account_id, id);

CREATE TABLE status_pins (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id  BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, status_id)
);

CREATE TABLE conversation_mutes (
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL,
    PRIMARY KEY (account_id, conversation_id)
);

-- RelationshipLookup.
CREATE TABLE follows (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs      BOOLEAN NOT NULL DEFAULT TRUE,
    notify            BOOLEAN NOT NULL DEFAULT FALSE,
    languages         TEXT,
    uri               TEXT,
    created_at        BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follows_target_idx ON follows (target_account_id, id);
CREATE INDEX follows_account_idx ON follows (account_id, id);

CREATE TABLE follow_requests (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs      BOOLEAN NOT NULL DEFAULT TRUE,
    notify            BOOLEAN NOT NULL DEFAULT FALSE,
    languages         TEXT,
    uri               TEXT,
    created_at        BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follow_requests_target_idx ON follow_requests (target_account_id, id);

CREATE TABLE blocks (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    uri               TEXT,
    created_at        BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX blocks_target_idx ON blocks (target_account_id);

CREATE TABLE mutes (
    id                 BIGINT PRIMARY KEY,
    account_id         BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    hide_notifications BOOLEAN NOT NULL DEFAULT TRUE,
    expires_at         BIGINT,
    created_at         BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);

CREATE TABLE account_domain_blocks (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domain     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, domain)
);

-- The home feed, filled on write: one row per (reader, status). Reads are one index range scan.
CREATE TABLE home_feed (
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id    BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    author_id    BIGINT NOT NULL,                  -- who put it there (the booster for a boost), for unfollow clean-up
    reblog_of_id BIGINT,                           -- set for boosts, so a status boosted twice shows once
    PRIMARY KEY (account_id, status_id)
);
CREATE INDEX home_feed_author_idx ON home_feed (account_id, author_id);

CREATE TABLE notifications (
    id              BIGINT PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type            TEXT NOT NULL,                 -- mention | status | reblog | follow | follow_request | favourite | poll | update | admin.sign_up | admin.report
    status_id       BIGINT REFERENCES statuses (id) ON DELETE CASCADE,
    report_id       BIGINT,
    group_key       TEXT,
    dismissed       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT NOT NULL
);
CREATE INDEX notifications_account_idx ON notifications (account_id, id);
CREATE UNIQUE INDEX notifications_unique_idx ON notifications (account_id, type, from_account_id, status_id);

CREATE TABLE markers (
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timeline     TEXT NOT NULL,
    last_read_id BIGINT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, timeline)
);

-- Same user + same Idempotency-Key within an hour returns the first status.
CREATE TABLE idempotency_keys (
    account_id BIGINT NOT NULL,
    key_hash   TEXT NOT NULL,
    status_id  BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, key_hash)
);

CREATE TABLE polls (
    id          BIGINT PRIMARY KEY,
    status_id   BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL,
    options     TEXT NOT NULL,                     -- JSON array of titles
    votes_counts TEXT NOT NULL,                    -- JSON array of ints, per option
    multiple    BOOLEAN NOT NULL DEFAULT FALSE,
    hide_totals BOOLEAN NOT NULL DEFAULT FALSE,
    votes_count INTEGER NOT NULL DEFAULT 0,
    voters_count INTEGER NOT NULL DEFAULT 0,
    expires_at  BIGINT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE poll_votes (
    id         BIGINT PRIMARY KEY,
    poll_id    BIGINT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    choice     INTEGER NOT NULL,
    uri        TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (poll_id, account_id, choice)
);

CREATE TABLE media_attachments (
    id            BIGINT PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id     BIGINT REFERENCES statuses (id) ON DELETE SET NULL,
    type          TEXT NOT NULL,                   -- image | gifv | video | audio | unknown
    file_key      TEXT,                            -- key in the BlobStore
    thumbnail_key TEXT,
    remote_url    TEXT,
    content_type  TEXT,
    file_size     BIGINT,
    meta          TEXT NOT NULL DEFAULT '{}',      -- JSON: original/small sizes, focus, duration
    description   TEXT,
    blurhash      TEXT,
    processing    TEXT NOT NULL DEFAULT 'done',    -- queued | processing | done | failed
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX media_status_idx ON media_attachments (status_id);
CREATE INDEX media_account_idx ON media_attachments (account_id, id);

CREATE TABLE lists (
    id             BIGINT PRIMARY KEY,
    account_id     BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    replies_policy TEXT NOT NULL DEFAULT 'list',
    exclusive      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT NOT NULL
);
CREATE INDEX lists_account_idx ON lists (account_id);

CREATE TABLE list_accounts (
    id         BIGINT PRIMARY KEY,
    list_id    BIGINT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    UNIQUE (list_id, account_id)
);
CREATE INDEX list_accounts_account_idx ON list_accounts (account_id);

-- Circles (diaspora*-style aspects): named sets of contacts a post can be addressed to.
CREATE TABLE circles (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE circle_members (
    circle_id  BIGINT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (circle_id, account_id)
);
-- Who a limited (circle) status is addressed to, resolved at posting time.
CREATE TABLE status_audiences (
    status_id  BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (status_id, account_id)
);
CREATE INDEX status_audiences_account_idx ON status_audiences (account_id, status_id);

CREATE TABLE filters (
    id            BIGINT PRIMARY KEY,
    account_id    BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    contexts      TEXT NOT NULL,                   -- JSON array
    filter_action TEXT NOT NULL DEFAULT 'warn',
    expires_at    BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE TABLE filter_keywords (
    id         BIGINT PRIMARY KEY,
    filter_id  BIGINT NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
    keyword    TEXT NOT NULL,
    whole_word BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE filter_statuses (
    id        BIGINT PRIMARY KEY,
    filter_id BIGINT NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
    status_id BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE
);

-- Moderation.
CREATE TABLE reports (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    category          TEXT NOT NULL DEFAULT 'other',
    comment           TEXT NOT NULL DEFAULT '',
    status_ids        TEXT NOT NULL DEFAULT '[]',
    rule_ids          TEXT NOT NULL DEFAULT '[]',
    forwarded         BOOLEAN NOT NULL DEFAULT FALSE,
    uri               TEXT,
    action_taken_at   BIGINT,
    action_taken_by_account_id BIGINT,
    assigned_account_id BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE TABLE instance_rules (
    id         BIGINT PRIMARY KEY,
    text       TEXT NOT NULL,
    hint       TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE domain_blocks (
    id              BIGINT PRIMARY KEY,
    domain          TEXT NOT NULL UNIQUE,
    severity        TEXT NOT NULL DEFAULT 'silence', -- silence | suspend | noop
    reject_media    BOOLEAN NOT NULL DEFAULT FALSE,
    reject_reports  BOOLEAN NOT NULL DEFAULT FALSE,
    private_comment TEXT,
    public_comment  TEXT,
    obfuscate       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT NOT NULL
);

-- Federation bookkeeping: one row per remote host, for delivery health and peers.
CREATE TABLE instances (
    domain           TEXT PRIMARY KEY,
    failing_since    BIGINT,
    unavailable      BOOLEAN NOT NULL DEFAULT FALSE,
    last_success_at  BIGINT,
    software         TEXT,
    created_at       BIGINT NOT NULL
);

-- Instance-wide key/value settings editable at run time (title, description, contact…).
CREATE TABLE site_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Jobs that failed for good, kept for inspection (see JobQueue).
CREATE TABLE dead_jobs (
    id            BIGINT PRIMARY KEY,
    task_name     TEXT NOT NULL,
    task_instance TEXT NOT NULL,
    payload       TEXT NOT NULL,
    failures      INTEGER NOT NULL,
    last_error    TEXT,
    enqueued_at   BIGINT NOT NULL,
    died_at       BIGINT NOT NULL,
    UNIQUE (task_name, task_instance)
);

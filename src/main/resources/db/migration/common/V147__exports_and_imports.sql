-- Exports and imports that move a person's network and history (issue 14).
-- CSV imports: one row per import, one row per line of the file with its outcome, so a restart resumes at the first
-- pending line and the settings page can list the lines that failed and why.
CREATE TABLE csv_imports (
    id          BIGINT PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,      -- following | blocks | mutes | domain_blocks | bookmarks | lists
    overwrite   BOOLEAN NOT NULL,   -- true: what the file does not name is removed once every line is done
    state       TEXT NOT NULL,      -- running | done | failed
    total_rows  INTEGER NOT NULL,
    error       TEXT,
    created_at  BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX csv_imports_account ON csv_imports (account_id, id);
CREATE TABLE csv_import_rows (
    import_id          BIGINT NOT NULL REFERENCES csv_imports (id) ON DELETE CASCADE,
    row_index          INTEGER NOT NULL,
    address            TEXT NOT NULL,  -- account address, domain or status URI, as the file has it
    list_name          TEXT,
    show_reblogs       BOOLEAN,
    notify             BOOLEAN,
    languages          TEXT,
    hide_notifications BOOLEAN,
    state              TEXT NOT NULL,  -- pending | done | failed
    error              TEXT,
    target_id          BIGINT,         -- the account or status the line resolved to
    PRIMARY KEY (import_id, row_index)
);
-- Archives in Mastodon's format, built by a job and kept for a week in the blob store.
CREATE TABLE account_archives (
    id          BIGINT PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state       TEXT NOT NULL,      -- running | done | failed
    blob_key    TEXT,
    size        BIGINT,
    error       TEXT,
    created_at  BIGINT NOT NULL,
    finished_at BIGINT,
    expires_at  BIGINT
);
CREATE INDEX account_archives_account ON account_archives (account_id, id);
-- Archive imports: as Instagram's, one row per import and one per post done.
CREATE TABLE archive_imports (
    id             BIGINT PRIMARY KEY,
    account_id     BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    source_sha     TEXT NOT NULL,
    dir            TEXT NOT NULL,
    include_direct BOOLEAN NOT NULL,
    state          TEXT NOT NULL,   -- running | done | failed
    total_posts    INTEGER NOT NULL,
    error          TEXT,
    created_at     BIGINT NOT NULL,
    finished_at    BIGINT
);
CREATE INDEX archive_imports_account ON archive_imports (account_id, source_sha);
CREATE TABLE archive_import_items (
    import_id  BIGINT NOT NULL REFERENCES archive_imports (id) ON DELETE CASCADE,
    post_index INTEGER NOT NULL,
    outcome    TEXT NOT NULL,       -- imported | skipped
    media      INTEGER NOT NULL,
    detail     TEXT NOT NULL,
    PRIMARY KEY (import_id, post_index)
);
-- The posts an account brought from its old server: their old URIs, so importing again adds nothing, replies find
-- their parents, and a Delete the old server later sends for an original does not touch the copy here.
CREATE TABLE imported_statuses (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    old_uri    TEXT NOT NULL,
    status_id  BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, old_uri)
);
CREATE INDEX imported_statuses_status ON imported_statuses (status_id);

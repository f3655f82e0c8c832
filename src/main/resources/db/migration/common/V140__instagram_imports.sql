-- Instagram imports (issue 11): one row per import, one row per planned post as it is done (so a restart resumes
-- after the last), and the posts of each account already imported (so importing the same export again adds nothing).
CREATE TABLE instagram_imports (
    id          BIGINT PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    source_sha  TEXT NOT NULL,      -- hex SHA-256 of the ZIP: running the same command again joins the unfinished import
    dir         TEXT NOT NULL,      -- where the export is unpacked until the import ends
    visibility  TEXT NOT NULL,
    announce    BOOLEAN NOT NULL,
    state       TEXT NOT NULL,      -- running | done | failed
    total_posts INTEGER NOT NULL,
    error       TEXT,
    created_at  BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX instagram_imports_account ON instagram_imports (account_id, source_sha);
CREATE TABLE instagram_import_items (
    import_id  BIGINT NOT NULL REFERENCES instagram_imports (id) ON DELETE CASCADE,
    post_index INTEGER NOT NULL,
    outcome    TEXT NOT NULL,       -- imported | skipped
    media      INTEGER NOT NULL,    -- media files imported with it
    detail     TEXT NOT NULL,       -- the reasons of what was skipped, one per line
    PRIMARY KEY (import_id, post_index)
);
CREATE TABLE instagram_imported (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    post_key   TEXT NOT NULL,       -- InstagramExport.Post.key: the post's time and file names, hashed
    status_id  BIGINT NOT NULL,
    PRIMARY KEY (account_id, post_key)
);

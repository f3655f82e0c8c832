-- Issue 12, the strike -> appeal loop and the details of report handling.

-- An appeal of a strike by its person (Mastodon's Appeal): one per strike, decided once by a moderator.
CREATE TABLE appeals (
    id                     BIGINT PRIMARY KEY,
    account_id             BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,   -- the person appealing
    account_warning_id     BIGINT NOT NULL UNIQUE REFERENCES account_warnings (id) ON DELETE CASCADE,
    text                   TEXT NOT NULL,
    approved_at            BIGINT,
    approved_by_account_id BIGINT,
    rejected_at            BIGINT,
    rejected_by_account_id BIGINT,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
-- the moderators' queue: undecided appeals, newest first
CREATE INDEX appeals_pending_idx ON appeals (id) WHERE approved_at IS NULL AND rejected_at IS NULL;
CREATE INDEX appeals_account_idx ON appeals (account_id, id);

-- A strike mailed to its person carries a link that opens it without signing in (a suspended or disabled account
-- cannot sign in, yet may appeal): only the SHA-256 of that link's key is kept.
ALTER TABLE account_warnings ADD COLUMN access_digest TEXT;

-- Mastodon's AccountWarningPreset: texts a moderator picks when acting on an account.
CREATE TABLE account_warning_presets (
    id         BIGINT PRIMARY KEY,
    title      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Notes between moderators on a report (Mastodon's ReportNote).
CREATE TABLE report_notes (
    id         BIGINT PRIMARY KEY,
    report_id  BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    content    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX report_notes_report_idx ON report_notes (report_id, id);

-- The reported posts as they were when the report was filed, so deleting a post does not destroy the evidence.
CREATE TABLE report_status_snapshots (
    report_id         BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    status_id         BIGINT NOT NULL,
    uri               TEXT NOT NULL,
    url               TEXT,
    content           TEXT NOT NULL DEFAULT '',   -- HTML as stored for the post (already sanitized)
    spoiler_text      TEXT NOT NULL DEFAULT '',
    visibility        TEXT NOT NULL,
    sensitive         BOOLEAN NOT NULL DEFAULT FALSE,
    media             TEXT NOT NULL DEFAULT '[]', -- JSON: [{"type", "description"}]
    status_created_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, status_id)
);

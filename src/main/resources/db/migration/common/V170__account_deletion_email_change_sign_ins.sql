-- Account deletion (issue 13): one row per local account whose deletion began, by the person, by staff or by the
-- suspension grace sweep. Its presence keeps the account from being unsuspended; finished_at is set when the purge
-- job has removed everything. The account row itself stays as a stub, so the username is never given out again.
CREATE TABLE account_deletions (
    account_id   BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    origin       TEXT NOT NULL,                -- self | staff | grace
    requested_at BIGINT NOT NULL,
    finished_at  BIGINT
);

-- E-mail change: the new address waits here until the link mailed to it is used (Mastodon's unconfirmed_email).
ALTER TABLE users ADD COLUMN unconfirmed_email TEXT;

-- Where each person has signed in from: a browser (its user agent without version numbers, hashed) and an IP. A
-- pair not seen before, for someone who has signed in before, gets a "new sign-in" mail.
CREATE TABLE sign_in_origins (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    browser_hash  TEXT NOT NULL,
    ip            TEXT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, browser_hash, ip)
);

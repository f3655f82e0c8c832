-- Invitations to sign up (Mastodon's invites), and what the admin dashboard counts.

CREATE TABLE invites (
    id          BIGINT PRIMARY KEY,
    account_id  BIGINT REFERENCES accounts (id) ON DELETE CASCADE, -- who created it; NULL: the command line
    code        TEXT NOT NULL UNIQUE,
    expires_at  BIGINT,                 -- NULL: never
    max_uses    INTEGER,                -- NULL: unlimited
    uses        INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
-- a person's own invites, newest first (the /invites page); the dashboard lists all by id
CREATE INDEX invites_account_idx ON invites (account_id, id);

-- The dashboard's sign-up and report counts per day read these by time; which app an account signed up through.
CREATE INDEX users_created_idx ON users (created_at);
CREATE INDEX reports_created_idx ON reports (created_at);
ALTER TABLE users ADD COLUMN created_by_application_id BIGINT;

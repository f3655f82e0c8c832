-- Invitations to sign up (Mastodon's invites) and the staff's custom roles (Mastodon's user_roles).

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

-- A role staff define beyond the built-in ones: permission bits as Mastodon's, and a position that orders who may
-- manage whom (the built-in Moderator, Admin and Owner are at 10, 100 and 1000).
CREATE TABLE user_roles (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    color       TEXT NOT NULL DEFAULT '',
    permissions BIGINT NOT NULL DEFAULT 0,
    position    INTEGER NOT NULL DEFAULT 0,
    highlighted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- A user holding a custom role; its built-in role column stays 'user'.
ALTER TABLE users ADD COLUMN role_id BIGINT;
CREATE INDEX users_role_id_idx ON users (role_id);

-- The dashboard's sign-up and report counts per day read these by time; which app an account signed up through.
CREATE INDEX users_created_idx ON users (created_at);
CREATE INDEX reports_created_idx ON reports (created_at);
ALTER TABLE users ADD COLUMN created_by_application_id BIGINT;

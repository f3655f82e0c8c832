-- Circles (issue 15): the circle a limited status was posted to, so its author sees "shared with: Family" (the
-- audience itself is resolved at posting time into status_audiences, and stays when the circle changes or goes).
CREATE TABLE circle_statuses (
    status_id BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    circle_id BIGINT NOT NULL REFERENCES circles (id) ON DELETE CASCADE
);
CREATE INDEX circles_account_idx ON circles (account_id, id);
CREATE INDEX circle_members_account_idx ON circle_members (account_id);

-- Local-only posts (glitch-soc, Hometown): never federated, seen only by signed-in people of this server.
ALTER TABLE statuses ADD COLUMN local_only BOOLEAN NOT NULL DEFAULT FALSE;

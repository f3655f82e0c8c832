-- Roles as Mastodon keeps them (issue 12): a row per role with its permission bits (Mastodon's UserRole::FLAGS
-- values), position (a higher one outranks a lower one) and whether it shows on profiles (highlighted). The
-- everyone role (id -99, position -1) holds what every user may do; Moderator, Admin and Owner keep Mastodon's seeded
-- ids and positions so clients that know them see the same values. Custom roles get ids from 4 up.
CREATE TABLE user_roles (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(255) NOT NULL DEFAULT '',
    color       VARCHAR(16) NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    permissions BIGINT NOT NULL DEFAULT 0,
    highlighted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- everyone: invite_users; Moderator: view_dashboard, view_audit_log, manage_reports, manage_taxonomies,
-- manage_users, view_feeds; Admin: those and every other bit except administrator and view_devops; Owner: administrator.
INSERT INTO user_roles (id, name, color, position, permissions, highlighted, created_at, updated_at) VALUES
    (-99, '', '', -1, 65536, FALSE, 0, 0),
    (1, 'Moderator', '', 10, 1115420, TRUE, 0, 0),
    (2, 'Admin', '', 100, 2097148, TRUE, 0, 0),
    (3, 'Owner', '', 1000, 1, TRUE, 0, 0);

-- The user's role by id (NULL: only the everyone role), replacing the fixed user|moderator|admin|owner string.
ALTER TABLE users ADD COLUMN role_id BIGINT REFERENCES user_roles (id);
UPDATE users SET role_id = CASE role WHEN 'moderator' THEN 1 WHEN 'admin' THEN 2 WHEN 'owner' THEN 3 ELSE NULL END;
ALTER TABLE users DROP COLUMN role;
-- Staff lookups (who can manage reports, is a role in use) read users by role.
CREATE INDEX users_role_id_idx ON users (role_id);

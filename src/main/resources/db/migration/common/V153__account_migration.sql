-- Account migration (issue 14): every Move this server carried out or accepted, outgoing for local accounts and
-- incoming for remote ones. The newest row per account drives the 30-day cooldown; completed_at is set once the
-- local followers have been moved over.
CREATE TABLE account_moves (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    followers_count   INTEGER NOT NULL DEFAULT 0,
    created_at        BIGINT NOT NULL,
    completed_at      BIGINT
);
CREATE INDEX account_moves_account_idx ON account_moves (account_id, created_at);

-- List memberships waiting for a follow request to the new account to be accepted (only followed accounts can be
-- list members); applied when the follow begins.
CREATE TABLE account_move_list_carryovers (
    follower_id       BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    list_id           BIGINT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    created_at        BIGINT NOT NULL,
    PRIMARY KEY (follower_id, target_account_id, list_id)
);
CREATE INDEX account_move_list_carryovers_target_idx ON account_move_list_carryovers (target_account_id);

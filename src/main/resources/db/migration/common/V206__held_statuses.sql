-- Remote posts held for review before their mentions notify anyone (a first-time account mentioning several local
-- people it has no relation with). A row lives while the post waits; release or discard removes it (the audit log
-- keeps the decision). The queue reads newest first by status id; the author's rows are found by account.
CREATE TABLE held_statuses (
    status_id  BIGINT  PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    account_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentions   INTEGER NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX held_statuses_account_idx ON held_statuses (account_id, status_id);

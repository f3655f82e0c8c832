-- Status extras: poll rendering and expiry, scheduled statuses, direct-message conversations.

-- Status rendering loads polls by status (a page of statuses at a time).
CREATE INDEX polls_status_idx ON polls (status_id);
-- Set by the expiry job once the poll has closed and its voters were told; NULL while open.
ALTER TABLE polls ADD COLUMN closed_at BIGINT;

-- Statuses waiting for their publication time; params holds what was asked for (text, poll, visibility…) as JSON.
CREATE TABLE scheduled_statuses (
    id           BIGINT PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    scheduled_at BIGINT NOT NULL,
    params       TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX scheduled_statuses_account_idx ON scheduled_statuses (account_id, id);

-- One row per local participant and thread of direct statuses ("conversations"). participant_ids are the other
-- participants (JSON array of account ids); the list pages on last_status_id, as Mastodon does.
CREATE TABLE account_conversations (
    id              BIGINT PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL,
    participant_ids TEXT NOT NULL DEFAULT '[]',
    last_status_id  BIGINT NOT NULL,
    unread          BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (account_id, conversation_id)
);
CREATE INDEX account_conversations_page_idx ON account_conversations (account_id, last_status_id);
CREATE INDEX account_conversations_conversation_idx ON account_conversations (conversation_id);

-- Complete threads (issue 15): missing replies are fetched through each post's replies collection, as jobs.
-- When a post's replies were last asked for (not more than once per few minutes per post).
CREATE TABLE thread_reply_fetches (
    status_id  BIGINT PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
    fetched_at BIGINT NOT NULL
);
-- How many replies were fetched into a thread (its conversation): the per-thread bound.
CREATE TABLE thread_fetch_budgets (
    conversation_id BIGINT PRIMARY KEY,
    fetched         INTEGER NOT NULL
);
-- The next moment a fetch for a thread may go to a host (politeness: fetches to one host are spaced out).
CREATE TABLE thread_fetch_hosts (
    host    TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL
);

-- Activity ids the inbox has accepted recently: a replayed or re-delivered activity (the same post sent to
-- several personal inboxes, a retry after a lost 202) is stored as a job only once. Rows expire after a week.
CREATE TABLE inbox_seen_activities (
    activity_id TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);
CREATE INDEX inbox_seen_activities_received_idx ON inbox_seen_activities (received_at);

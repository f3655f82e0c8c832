-- Staff decisions on trending items (Mastodon's trendable/reviewed_at of tags, statuses and preview cards), one
-- row per reviewed item: kind is 'tag', 'status' or 'link' (a preview card's id). No row: not reviewed yet, so the
-- item requires review and trends only while the server's trendable_by_default allows unreviewed items. The public
-- trend queries look a row up by its primary key.
CREATE TABLE trend_reviews (
    kind        TEXT    NOT NULL,
    target_id   BIGINT  NOT NULL,
    trendable   BOOLEAN NOT NULL,
    reviewer_id BIGINT,
    reviewed_at BIGINT  NOT NULL,
    PRIMARY KEY (kind, target_id)
);

-- RelationshipLookup beyond follows, lists, filters and the smaller P1 features (issue 3).

-- Paging a user's blocks, mutes and domain blocks runs on the hidden row id.
CREATE INDEX blocks_account_idx ON blocks (account_id, id);
CREATE INDEX mutes_account_idx ON mutes (account_id, id);
CREATE INDEX mutes_target_idx ON mutes (target_account_id);
CREATE INDEX account_domain_blocks_account_idx ON account_domain_blocks (account_id, id);
CREATE INDEX account_domain_blocks_domain_idx ON account_domain_blocks (domain);

-- Private notes about other accounts (Relationship.note).
CREATE TABLE account_notes (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    comment           TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);

-- Endorsed ("featured") accounts shown on a profile (Relationship.endorsed, /api/v1/endorsements).
CREATE TABLE account_pins (
    id                BIGINT PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at        BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX account_pins_account_idx ON account_pins (account_id, id);

-- Lists: members paged by row id; the list feed is filled on fan-out like home_feed and read the same way.
CREATE INDEX list_accounts_list_idx ON list_accounts (list_id, id);
CREATE TABLE list_feed (
    list_id      BIGINT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    status_id    BIGINT NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    author_id    BIGINT NOT NULL,                  -- who put it there (the booster for a boost)
    reblog_of_id BIGINT,
    PRIMARY KEY (list_id, status_id)
);
CREATE INDEX list_feed_author_idx ON list_feed (list_id, author_id);

-- Filters are read per account on every timeline render.
CREATE INDEX filters_account_idx ON filters (account_id);
CREATE INDEX filter_keywords_filter_idx ON filter_keywords (filter_id, id);
CREATE INDEX filter_statuses_filter_idx ON filter_statuses (filter_id, id);
CREATE UNIQUE INDEX filter_statuses_unique_idx ON filter_statuses (filter_id, status_id);

-- Featured hashtags on a profile.
CREATE TABLE featured_tags (
    id         BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, tag_id)
);

-- Follow suggestions the user dismissed.
CREATE TABLE suggestion_dismissals (
    account_id        BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at        BIGINT NOT NULL,
    PRIMARY KEY (account_id, target_account_id)
);

CREATE INDEX reports_account_idx ON reports (account_id, id);
CREATE INDEX reports_target_idx ON reports (target_account_id, id);

-- Instance announcements, with per-user read marks and emoji reactions.
CREATE TABLE announcements (
    id           BIGINT PRIMARY KEY,
    text         TEXT NOT NULL,                    -- as typed by the admin
    content      TEXT NOT NULL,                    -- HTML
    starts_at    BIGINT,
    ends_at      BIGINT,
    all_day      BOOLEAN NOT NULL DEFAULT FALSE,
    published_at BIGINT,                           -- NULL: not (yet) shown
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE TABLE announcement_mutes (
    announcement_id BIGINT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (announcement_id, account_id)
);
CREATE TABLE announcement_reactions (
    announcement_id BIGINT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (announcement_id, account_id, name)
);

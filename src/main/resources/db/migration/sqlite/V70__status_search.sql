-- Full-text search over statuses (GET /api/v2/search): an FTS5 index whose content is the statuses table
-- (external content: the words are indexed, the text is not stored twice), kept current by triggers.
-- The indexed body is the source text of local statuses and the HTML of remote ones (whose source is not kept);
-- boosts have no text of their own and are left out. The same words must go out as went in, so the delete
-- commands repeat the insert expression on the old row.
CREATE VIRTUAL TABLE statuses_fts USING fts5(
    spoiler_text, text,
    content = 'statuses', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO statuses_fts (rowid, spoiler_text, text)
SELECT id, spoiler_text, CASE WHEN text <> '' THEN text ELSE content END FROM statuses WHERE reblog_of_id IS NULL;

CREATE TRIGGER statuses_fts_insert AFTER INSERT ON statuses WHEN new.reblog_of_id IS NULL BEGIN
    INSERT INTO statuses_fts (rowid, spoiler_text, text)
    VALUES (new.id, new.spoiler_text, CASE WHEN new.text <> '' THEN new.text ELSE new.content END);
END;

CREATE TRIGGER statuses_fts_delete AFTER DELETE ON statuses WHEN old.reblog_of_id IS NULL BEGIN
    INSERT INTO statuses_fts (statuses_fts, rowid, spoiler_text, text)
    VALUES ('delete', old.id, old.spoiler_text, CASE WHEN old.text <> '' THEN old.text ELSE old.content END);
END;

CREATE TRIGGER statuses_fts_update AFTER UPDATE OF text, content, spoiler_text ON statuses WHEN old.reblog_of_id IS NULL BEGIN
    INSERT INTO statuses_fts (statuses_fts, rowid, spoiler_text, text)
    VALUES ('delete', old.id, old.spoiler_text, CASE WHEN old.text <> '' THEN old.text ELSE old.content END);
    INSERT INTO statuses_fts (rowid, spoiler_text, text)
    VALUES (new.id, new.spoiler_text, CASE WHEN new.text <> '' THEN new.text ELSE new.content END);
END;

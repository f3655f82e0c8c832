-- Full-text search over statuses (GET /api/v2/search): a GIN index on the statuses' words. The 'simple'
-- configuration (no stemming, no stop words) matches SQLite's unicode61 tokenizer; the default parser drops the
-- HTML tags of remote statuses (indexed by their HTML, as their source is not kept). The search query repeats this
-- expression word for word so that the planner uses the index.
CREATE INDEX statuses_search_idx ON statuses
    USING GIN (to_tsvector('simple', spoiler_text || ' ' || CASE WHEN text <> '' THEN text ELSE content END))
    WHERE reblog_of_id IS NULL AND deleted_at IS NULL;

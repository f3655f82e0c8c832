-- What a media row is for: 'attachment' (a status's, or an upload waiting to be attached), 'avatar' or 'header'.
-- Only unattached attachments are swept as orphans; profile images belong to their account.
ALTER TABLE media_attachments ADD COLUMN purpose TEXT NOT NULL DEFAULT 'attachment';

-- The orphan sweep: unattached uploads by age.
CREATE INDEX media_unattached_idx ON media_attachments (created_at) WHERE status_id IS NULL;

-- Remote files fetched by the privacy media proxy, kept in the BlobStore under `key`.
CREATE TABLE media_proxy_cache (
    url_hash     TEXT PRIMARY KEY,      -- hex SHA-256 of the remote URL
    url          TEXT NOT NULL,
    blob_key     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX media_proxy_cache_created_idx ON media_proxy_cache (created_at);

-- Media kept aside for a status that is not (or no longer) showing them, so the orphan sweep spares them:
-- scheduled_status_id: reserved for a scheduled status, attached when it is published (Mastodon's column);
-- edited_out_of: removed from a status by an edit, still shown by that status's edit history.
ALTER TABLE media_attachments ADD COLUMN scheduled_status_id BIGINT REFERENCES scheduled_statuses (id) ON DELETE SET NULL;
ALTER TABLE media_attachments ADD COLUMN edited_out_of BIGINT REFERENCES statuses (id) ON DELETE SET NULL;
CREATE INDEX media_scheduled_idx ON media_attachments (scheduled_status_id);
CREATE INDEX media_edited_out_idx ON media_attachments (edited_out_of);

package social.atoll.core.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL of {@code media_attachments}. Lists are read in one query per call, never one per row. */
public final class MediaStore {

    static final RecordMapper<MediaAttachment> MEDIA = RecordMapper.of(MediaAttachment.class);

    private final Database db;

    public MediaStore(Database db) { this.db = db; }

    public Optional<MediaAttachment> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM media_attachments WHERE id = :id").bind("id", id).map(MEDIA).findOne());
    }

    public Map<Long, MediaAttachment> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return db.read(h -> {
            Map<Long, MediaAttachment> out = new HashMap<>();
            h.createQuery("SELECT * FROM media_attachments WHERE id IN (<ids>)").bindList("ids", List.copyOf(ids))
                    .map(MEDIA).forEach(m -> out.put(m.id(), m));
            return out;
        });
    }

    /** Attachments of each status, in their posted order. */
    public Map<Long, List<MediaAttachment>> byStatusIds(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        return db.read(h -> {
            Map<Long, List<MediaAttachment>> out = new LinkedHashMap<>();
            h.createQuery("SELECT * FROM media_attachments WHERE status_id IN (<ids>) ORDER BY status_id, position, id")
                    .bindList("ids", List.copyOf(statusIds)).map(MEDIA)
                    .forEach(m -> out.computeIfAbsent(m.statusId(), k -> new ArrayList<>()).add(m));
            return out;
        });
    }

    static void insert(Handle h, MediaAttachment m) {
        h.createUpdate("""
                INSERT INTO media_attachments (id, account_id, status_id, type, file_key, thumbnail_key, remote_url,
                  content_type, file_size, meta, description, blurhash, processing, position, purpose, created_at, updated_at)
                VALUES (:id, :accountId, :statusId, :type, :fileKey, :thumbnailKey, :remoteUrl, :contentType, :fileSize,
                  :meta, :description, :blurhash, :processing, :position, :purpose, :createdAt, :updatedAt)""")
                .bindMethods(m).execute();
    }

    /** Writes the processing result of a queued upload; false when the row is gone or no longer queued. */
    static boolean finish(Handle h, MediaAttachment m) {
        return h.createUpdate("""
                UPDATE media_attachments SET type = :type, file_key = :fileKey, thumbnail_key = :thumbnailKey,
                  content_type = :contentType, file_size = :fileSize, meta = :meta, blurhash = :blurhash,
                  processing = :processing, updated_at = :updatedAt
                WHERE id = :id AND processing <> 'done'""").bindMethods(m).execute() == 1;
    }

    static void updateDetails(Handle h, long id, String description, String meta, String thumbnailKey, String blurhash, Instant now) {
        h.createUpdate("""
                UPDATE media_attachments SET description = :d, meta = :m, thumbnail_key = :t, blurhash = :b, updated_at = :now
                WHERE id = :id""")
                .bind("d", description).bind("m", meta).bind("t", thumbnailKey).bind("b", blurhash).bind("now", now).bind("id", id)
                .execute();
    }

    static void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM media_attachments WHERE id = :id").bind("id", id).execute();
    }

    /**
     * Uploads never attached to a status (nor attached and then left by a deleted status) before {@code cutoff};
     * those reserved for a scheduled status or kept for an edit history are not orphans.
     */
    List<MediaAttachment> orphans(Instant cutoff, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT * FROM media_attachments
                        WHERE status_id IS NULL AND created_at < :cutoff AND purpose = 'attachment' AND remote_url IS NULL
                          AND scheduled_status_id IS NULL AND edited_out_of IS NULL
                        ORDER BY created_at LIMIT :limit""")
                .bind("cutoff", cutoff).bind("limit", limit).map(MEDIA).list());
    }

    // --- the media of statuses (all in the caller's transaction) -------------------------------------------------

    /** The ids of the media a status shows, in order. */
    public List<Long> idsOfStatus(Handle h, long statusId) {
        return h.createQuery("SELECT id FROM media_attachments WHERE status_id = :s ORDER BY position, id").bind("s", statusId)
                .mapTo(Long.class).list();
    }

    /**
     * Attaches an own processed upload to a new status at {@code position}, if it is still free: unattached, and
     * reserved for {@code scheduledId} (null: for nothing). False when it is not.
     */
    public boolean claim(Handle h, long id, long accountId, long statusId, int position, Long scheduledId, Instant now) {
        String free = scheduledId == null
                ? "status_id IS NULL AND scheduled_status_id IS NULL AND edited_out_of IS NULL"
                : "status_id IS NULL AND scheduled_status_id = :sch";
        var update = h.createUpdate("""
                        UPDATE media_attachments SET status_id = :s, position = :pos, scheduled_status_id = NULL,
                          edited_out_of = NULL, updated_at = :now
                        WHERE id = :id AND account_id = :a AND processing = 'done' AND purpose = 'attachment'
                          AND remote_url IS NULL AND\s""" + free)
                .bind("s", statusId).bind("pos", position).bind("now", now).bind("id", id).bind("a", accountId);
        if (scheduledId != null) update.bind("sch", scheduledId.longValue());
        return update.execute() == 1;
    }

    /** Takes an upload off an edited status, keeping it for the edit history. */
    public void setAside(Handle h, long id, long statusId, Instant now) {
        h.createUpdate("UPDATE media_attachments SET status_id = NULL, edited_out_of = :s, updated_at = :now WHERE id = :id")
                .bind("s", statusId).bind("now", now).bind("id", id).execute();
    }

    /** Puts an own upload (free, or already the status's) on an edited status at {@code position}; false when it cannot. */
    public boolean reattach(Handle h, long id, long accountId, long statusId, int position, Instant now) {
        return h.createUpdate("""
                        UPDATE media_attachments SET status_id = :s, position = :pos, edited_out_of = NULL, updated_at = :now
                        WHERE id = :id AND account_id = :a AND processing = 'done' AND scheduled_status_id IS NULL
                          AND (status_id = :s OR status_id IS NULL)""")
                .bind("s", statusId).bind("pos", position).bind("now", now).bind("id", id).bind("a", accountId)
                .execute() == 1;
    }

    /** Reserves a free own upload for a scheduled status; false when it is not free. */
    public boolean reserve(Handle h, long id, long accountId, long scheduledId, Instant now) {
        return h.createUpdate("""
                        UPDATE media_attachments SET scheduled_status_id = :sch, updated_at = :now
                        WHERE id = :id AND account_id = :a AND status_id IS NULL AND scheduled_status_id IS NULL
                          AND edited_out_of IS NULL AND processing = 'done'""")
                .bind("sch", scheduledId).bind("now", now).bind("id", id).bind("a", accountId).execute() == 1;
    }
}

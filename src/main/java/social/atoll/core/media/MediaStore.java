package social.atoll.core.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL of {@code media_attachments} and {@code media_proxy_cache} (the proxy's copies of remote files). Lists are read
 * in one query per call, never one per row.
 */
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

    /** Records a remote status's attachment, referenced by its remote URL (fetched on demand). */
    public void insertRemote(Handle h, long id, long accountId, long statusId, String type, String remoteUrl, String contentType,
                             String meta, String description, String blurhash, int position, Instant now) {
        h.createUpdate("""
                INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, content_type, meta,
                  description, blurhash, position, created_at, updated_at)
                VALUES (:id, :a, :s, :type, :url, :ct, :meta, :desc, :blurhash, :pos, :now, :now)""")
                .bind("id", id).bind("a", accountId).bind("s", statusId).bind("type", type)
                .bind("url", remoteUrl).bind("ct", contentType).bind("meta", meta).bind("desc", description)
                .bind("blurhash", blurhash).bind("pos", position).bind("now", now).execute();
    }

    /** Whether a status has media attached. */
    public boolean anyOn(long statusId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE status_id = :s").bind("s", statusId)
                .mapTo(Integer.class).one()) > 0;
    }

    // ---- The operator's view: storage use, pruning, every key ----

    /** Local files (originals) per purpose, and the proxy cache of remote files, as {@code media usage} lists them. */
    List<MediaAdmin.Usage> usage() {
        List<MediaAdmin.Usage> out = new ArrayList<>(db.read(h -> h.createQuery("""
                        SELECT purpose, COUNT(*) AS files, COALESCE(SUM(file_size), 0) AS bytes FROM media_attachments
                        WHERE file_key IS NOT NULL AND remote_url IS NULL GROUP BY purpose ORDER BY purpose""")
                .map((rs, ctx) -> new MediaAdmin.Usage(rs.getString("purpose"), rs.getLong("files"), rs.getLong("bytes"))).list()));
        out.add(db.read(h -> h.createQuery("""
                        SELECT COUNT(*) AS files, COALESCE(SUM(file_size), 0) AS bytes FROM media_attachments
                        WHERE file_key IS NOT NULL AND remote_url IS NOT NULL""")
                .map((rs, ctx) -> new MediaAdmin.Usage("remote media", rs.getLong("files"), rs.getLong("bytes"))).one()));
        out.add(db.read(h -> h.createQuery("SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS bytes FROM media_proxy_cache")
                .map((rs, ctx) -> new MediaAdmin.Usage("remote cache", rs.getLong("files"), rs.getLong("bytes"))).one()));
        return out;
    }

    /** A local copy of a remote status's file: its row, keys and size. */
    record RemoteCopy(long id, String file, String thumb, long size) {}

    /** Up to {@code limit} local copies of remote files last updated before {@code cutoff}. */
    List<RemoteCopy> remoteCopiesBefore(Instant cutoff, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT id, file_key, thumbnail_key, file_size FROM media_attachments
                        WHERE remote_url IS NOT NULL AND file_key IS NOT NULL AND updated_at < :c LIMIT :limit""")
                .bind("c", cutoff).bind("limit", limit)
                .map((rs, ctx) -> new RemoteCopy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list());
    }

    /** Forgets the local copy of a remote file (the row keeps its remote URL). */
    void forgetRemoteCopy(long id) {
        db.write(h -> h.createUpdate("UPDATE media_attachments SET file_key = NULL, thumbnail_key = NULL WHERE id = :id")
                .bind("id", id).execute());
    }

    /** A file of the proxy cache: its hash, key and size. */
    record CachedKey(String hash, String key, long size) {}

    /** Up to {@code limit} files of the proxy cache stored before {@code cutoff}, oldest first. */
    List<CachedKey> cachedBefore(Instant cutoff, int limit) {
        return db.read(h -> h.createQuery(
                        "SELECT url_hash, blob_key, size FROM media_proxy_cache WHERE created_at < :c ORDER BY created_at LIMIT :limit")
                .bind("c", cutoff).bind("limit", limit)
                .map((rs, ctx) -> new CachedKey(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
    }

    void deleteCached(String urlHash) {
        db.write(h -> h.createUpdate("DELETE FROM media_proxy_cache WHERE url_hash = :h").bind("h", urlHash).execute());
    }

    /** Every blob key the database points to: uploads, previews, profile images, cached remote files. */
    Set<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>();
        db.read(h -> {
            h.createQuery("SELECT file_key, thumbnail_key FROM media_attachments ORDER BY id").map((rs, ctx) -> {
                if (rs.getString(1) != null) keys.add(rs.getString(1));
                if (rs.getString(2) != null) keys.add(rs.getString(2));
                return 0;
            }).list();
            h.createQuery("SELECT blob_key FROM media_proxy_cache").mapTo(String.class).forEach(keys::add);
            return null;
        });
        return keys;
    }

    /** Ids of a remote status's images not copied here yet. */
    public List<Long> uncachedRemoteImages(Handle h, long statusId) {
        return h.createQuery("""
                        SELECT id FROM media_attachments
                        WHERE status_id = :s AND remote_url IS NOT NULL AND file_key IS NULL AND type = 'image'""")
                .bind("s", statusId).mapTo(Long.class).list();
    }

    /** Records the local copy of a remote image; false when another run stored one meanwhile. */
    boolean recordRemoteCopy(long id, String fileKey, String thumbnailKey, long fileSize, String meta, String blurhash,
                             String contentType, Instant now) {
        return db.write(h -> h.createUpdate("""
                        UPDATE media_attachments SET file_key = :f, thumbnail_key = :t, file_size = :size, meta = :meta,
                          blurhash = :b, content_type = :ct, updated_at = :now
                        WHERE id = :id AND file_key IS NULL""")
                .bind("f", fileKey).bind("t", thumbnailKey).bind("size", fileSize)
                .bind("meta", meta).bind("b", blurhash).bind("ct", contentType)
                .bind("now", now).bind("id", id).execute()) > 0;
    }

    /** Marks a queued upload failed unless it is done already. */
    void markFailed(long id, Instant now) {
        db.write(h -> h.createUpdate("UPDATE media_attachments SET processing = 'failed', updated_at = :now WHERE id = :id AND processing <> 'done'")
                .bind("now", now).bind("id", id).execute());
    }

    /** The attachment row as this transaction sees it. */
    static MediaAttachment stored(Handle h, long id) {
        return h.createQuery("SELECT * FROM media_attachments WHERE id = :id").bind("id", id).map(MEDIA).one();
    }

    // ---- media_proxy_cache: the media proxy's copies of remote files ----

    Optional<RemoteMediaCache.Entry> cachedFile(String urlHash) {
        return db.read(h -> h.createQuery("SELECT blob_key, content_type, size FROM media_proxy_cache WHERE url_hash = :h")
                .bind("h", urlHash).map((rs, ctx) -> new RemoteMediaCache.Entry(rs.getString(1), rs.getString(2), rs.getLong(3))).findOne());
    }

    /** Records a cached file; a file cached meanwhile under the same hash stays. */
    void insertCachedFile(String urlHash, String url, RemoteMediaCache.Entry file, Instant now) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO media_proxy_cache (url_hash, url, blob_key, content_type, size, created_at)
                        VALUES (:h, :url, :key, :type, :size, :now) ON CONFLICT (url_hash) DO NOTHING""")
                .bind("h", urlHash).bind("url", url).bind("key", file.blobKey()).bind("type", file.contentType()).bind("size", file.size())
                .bind("now", now).execute());
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

    /** A batch of an account's media rows, whatever they are attached to (a deleted account's purge). */
    List<MediaAttachment> ofAccount(long accountId, int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM media_attachments WHERE account_id = :a ORDER BY id LIMIT :n")
                .bind("a", accountId).bind("n", limit).map(MEDIA).list());
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

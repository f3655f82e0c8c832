package social.atoll.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import social.atoll.infra.db.Database;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;

/**
 * The operator's media commands: storage use by kind, pruning the proxy's cache of remote files (fetched again on
 * demand), and copying every blob to another driver. URLs are built from keys when rendered, so after a copy
 * switching {@code ATOLL_STORAGE} is all it takes to serve from the other store.
 */
public final class MediaAdmin {

    /** One line of {@code media usage}. */
    public record Usage(String kind, long files, long bytes) {}

    /** What {@code media move} did. */
    public record MoveResult(int copied, int skipped, int missing) {}

    private final Database db;
    private final Clock clock;

    public MediaAdmin(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Local uploads by purpose (original files), the copies of remote statuses' media kept under {@code cache/}
     * (original files; pruned with the remote cache), and the proxy cache of remote files.
     */
    public List<Usage> usage() {
        List<Usage> out = new ArrayList<>(db.read(h -> h.createQuery("""
                        SELECT purpose, COUNT(*) AS files, COALESCE(SUM(file_size), 0) AS bytes FROM media_attachments
                        WHERE file_key IS NOT NULL AND remote_url IS NULL GROUP BY purpose ORDER BY purpose""")
                .map((rs, ctx) -> new Usage(rs.getString("purpose"), rs.getLong("files"), rs.getLong("bytes"))).list()));
        out.add(db.read(h -> h.createQuery("""
                        SELECT COUNT(*) AS files, COALESCE(SUM(file_size), 0) AS bytes FROM media_attachments
                        WHERE file_key IS NOT NULL AND remote_url IS NOT NULL""")
                .map((rs, ctx) -> new Usage("remote media", rs.getLong("files"), rs.getLong("bytes"))).one()));
        out.add(db.read(h -> h.createQuery("SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS bytes FROM media_proxy_cache")
                .map((rs, ctx) -> new Usage("remote cache", rs.getLong("files"), rs.getLong("bytes"))).one()));
        return out;
    }

    /**
     * Drops cached remote files older than {@code age}: the proxy's copies and the copies of remote statuses'
     * images (their rows keep {@code remote_url}, so readers get them through the proxy, which fetches again).
     */
    public Usage pruneRemote(BlobStore blobs, Duration age) throws IOException {
        Instant cutoff = clock.instant().minus(age);
        long files = 0;
        long bytes = 0;
        while (true) {
            record Copy(long id, String file, String thumb, long size) {}
            List<Copy> copies = db.read(h -> h.createQuery("""
                            SELECT id, file_key, thumbnail_key, file_size FROM media_attachments
                            WHERE remote_url IS NOT NULL AND file_key IS NOT NULL AND updated_at < :c LIMIT 500""")
                    .bind("c", cutoff).map((rs, ctx) -> new Copy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list());
            for (Copy c : copies) {
                db.write(h -> h.createUpdate("UPDATE media_attachments SET file_key = NULL, thumbnail_key = NULL WHERE id = :id")
                        .bind("id", c.id()).execute());
                blobs.delete(c.file());
                if (c.thumb() != null) blobs.delete(c.thumb());
                files++;
                bytes += c.size();
            }
            if (copies.size() < 500) break;
        }
        while (true) {
            record Cached(String hash, String key, long size) {}
            List<Cached> batch = db.read(h -> h.createQuery(
                            "SELECT url_hash, blob_key, size FROM media_proxy_cache WHERE created_at < :c ORDER BY created_at LIMIT 500")
                    .bind("c", cutoff).map((rs, ctx) -> new Cached(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
            for (Cached c : batch) {
                db.write(h -> h.createUpdate("DELETE FROM media_proxy_cache WHERE url_hash = :h").bind("h", c.hash()).execute());
                blobs.delete(c.key());
                files++;
                bytes += c.size();
            }
            if (batch.size() < 500) return new Usage("remote cache", files, bytes);
        }
    }

    /** Every key the database points to: uploads, previews, profile images, cached remote files. */
    public List<String> allKeys() {
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
        return new ArrayList<>(keys);
    }

    /**
     * Copies every key from {@code from} to {@code to}. Keys already in {@code to} are skipped, so an interrupted
     * move picks up where it stopped; {@code progress} hears (done, total) after each key.
     */
    public MoveResult move(BlobStore from, BlobStore to, BiConsumer<Integer, Integer> progress) throws IOException {
        List<String> keys = allKeys();
        int copied = 0;
        int skipped = 0;
        int missing = 0;
        Path tmp = Files.createTempFile("atoll-move-", ".bin");
        try {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                if (to.exists(key)) {
                    skipped++;
                } else {
                    var in = from.open(key);
                    if (in.isEmpty()) {
                        missing++;
                    } else {
                        try (InputStream stream = in.get()) {
                            Files.copy(stream, tmp, StandardCopyOption.REPLACE_EXISTING);
                        }
                        to.put(key, tmp, BlobKeys.contentType(key));
                        copied++;
                    }
                }
                progress.accept(i + 1, keys.size());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new MoveResult(copied, skipped, missing);
    }
}

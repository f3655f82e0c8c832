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
import java.util.List;
import java.util.function.BiConsumer;
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

    private static final int BATCH = 500;

    private final MediaStore store;
    private final Clock clock;

    public MediaAdmin(MediaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Local uploads by purpose (original files), the copies of remote statuses' media kept under {@code cache/}
     * (original files; pruned with the remote cache), and the proxy cache of remote files.
     */
    public List<Usage> usage() { return store.usage(); }

    /**
     * Drops cached remote files older than {@code age}: the proxy's copies and the copies of remote statuses'
     * images (their rows keep {@code remote_url}, so readers get them through the proxy, which fetches again).
     */
    public Usage pruneRemote(BlobStore blobs, Duration age) throws IOException {
        Instant cutoff = clock.instant().minus(age);
        long files = 0;
        long bytes = 0;
        while (true) {
            List<MediaStore.RemoteCopy> copies = store.remoteCopiesBefore(cutoff, BATCH);
            for (MediaStore.RemoteCopy c : copies) {
                store.forgetRemoteCopy(c.id());
                blobs.delete(c.file());
                if (c.thumb() != null) blobs.delete(c.thumb());
                files++;
                bytes += c.size();
            }
            if (copies.size() < BATCH) break;
        }
        while (true) {
            List<MediaStore.CachedKey> batch = store.cachedBefore(cutoff, BATCH);
            for (MediaStore.CachedKey c : batch) {
                store.deleteCached(c.hash());
                blobs.delete(c.key());
                files++;
                bytes += c.size();
            }
            if (batch.size() < BATCH) return new Usage("remote cache", files, bytes);
        }
    }

    /** Every key the database points to: uploads, previews, profile images, cached remote files. */
    public List<String> allKeys() { return new ArrayList<>(store.allKeys()); }

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

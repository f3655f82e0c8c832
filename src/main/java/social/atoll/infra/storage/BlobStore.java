package social.atoll.infra.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where media bytes live: local disk or an S3-compatible store. Keys are relative paths of lower-case letters,
 * digits, {@code / . _ -} (see {@link BlobKeys}); a key never names anything outside the store.
 */
public interface BlobStore extends AutoCloseable {

    void put(String key, byte[] bytes, String contentType) throws IOException;

    void put(String key, Path file, String contentType) throws IOException;

    /** The stored bytes, or empty when there is no such key. The caller closes the stream. */
    Optional<InputStream> open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes a key; removing a missing key is not an error. */
    void delete(String key) throws IOException;

    /**
     * Calls {@code visitor} with every stored key and its size, in no particular order (backups list what to copy).
     * Unfinished uploads are not keys.
     */
    void forEachKey(KeyVisitor visitor) throws IOException;

    /** Hears one key of {@link #forEachKey}. */
    @FunctionalInterface
    interface KeyVisitor {
        void visit(String key, long size) throws IOException;
    }

    /** The URL readers fetch the key from (Atoll's {@code /system/…} for local disk, the bucket or CDN for S3). */
    String url(String key);

    /** {@code local} or {@code s3}, for logs and the admin commands. */
    String name();

    /** Whether a write goes through now: writes and removes a small probe object (for readiness checks). */
    default boolean writable() {
        String key = "health/probe-" + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
        try {
            put(key, new byte[] {'o', 'k'}, "text/plain");
            delete(key);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    default void close() {}
}

package social.atoll.infra.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Files under {@code <data dir>/media}, served by Atoll at {@code <base url>/system/<key>}. Writes go to a temporary
 * file first and are moved into place, so a reader never sees half a file.
 */
public final class LocalBlobStore implements BlobStore {

    private final Path root;
    private final String baseUrl;

    public LocalBlobStore(Path root, String baseUrl) {
        this.root = root.toAbsolutePath().normalize();
        this.baseUrl = baseUrl;
    }

    public Path root() { return root; }

    /** The file of a key; refuses any key that is not a plain relative path (so no {@code ..}, no absolute path). */
    public Path path(String key) {
        Path p = root.resolve(BlobKeys.check(key)).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("invalid blob key: " + key);
        return p;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StorageWriteException("cannot write " + target + ": " + e, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (NoSuchFileException e) {
            if (!Files.exists(file)) throw e; // the source is gone: not the store's doing
            throw new StorageWriteException("cannot write " + target + ": " + e, e);
        } catch (IOException e) {
            throw new StorageWriteException("cannot write " + target + ": " + e, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) { return Files.isRegularFile(path(key)); }

    @Override
    public void delete(String key) throws IOException {
        Path p = path(key);
        Files.deleteIfExists(p);
        // drop emptied partition directories, but never the root
        for (Path dir = p.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) break;
            } catch (NoSuchFileException e) {
                continue;
            }
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                break; // another upload just created a file here
            }
        }
    }

    @Override
    public void forEachKey(KeyVisitor visitor) throws IOException {
        if (!Files.isDirectory(root)) return;
        try (var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(p) || p.getFileName().toString().startsWith(".upload-")) continue;
                String key = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                long size;
                try {
                    size = Files.size(p);
                } catch (NoSuchFileException e) {
                    continue; // removed while we walked
                }
                visitor.visit(key, size);
            }
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) throw e.getCause();
        }
    }

    @Override
    public String url(String key) { return baseUrl + "/system/" + BlobKeys.check(key); }

    @Override
    public String name() { return "local"; }
}

package social.atoll.infra.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory and the SQLite database hold every actor's private key, OAuth client secrets and password
 * hashes: only the user running Atoll may read them. New ones are created private (0700, 0600); existing ones that
 * others could read are tightened at start, with one log line. File systems without POSIX permissions are left as
 * they are.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code dir} (and missing parents) readable by its owner only, or tightens it if it exists. */
    public static void directory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                tighten(List.of(dir), DIRECTORY);
                return;
            }
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (UnsupportedOperationException e) {
            createPlain(dir);
        } catch (FileAlreadyExistsException e) {
            tighten(List.of(dir), DIRECTORY); // another process made it meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }

    /**
     * Makes {@code file} exist, readable by its owner only, and tightens {@code companions} that exist (SQLite's
     * {@code -wal} and {@code -shm} take the database file's permissions when SQLite creates them).
     */
    public static void file(Path file, Path... companions) {
        try {
            if (!Files.exists(file)) Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (UnsupportedOperationException e) {
            return;
        } catch (FileAlreadyExistsException e) {
            // made meanwhile: tightened below
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        List<Path> all = new ArrayList<>(List.of(file));
        for (Path c : companions) if (Files.exists(c)) all.add(c);
        tighten(all, FILE);
    }

    private static void tighten(List<Path> paths, Set<PosixFilePermission> wanted) {
        List<Path> changed = new ArrayList<>();
        try {
            for (Path p : paths) {
                if (Files.getPosixFilePermissions(p).equals(wanted)) continue;
                Files.setPosixFilePermissions(p, wanted);
                changed.add(p);
            }
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the permissions of " + paths, e);
        }
        if (!changed.isEmpty())
            log.warn("made {} readable by this user only ({}): they hold private keys and password hashes", changed,
                    PosixFilePermissions.toString(wanted));
    }

    private static void createPlain(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }
}

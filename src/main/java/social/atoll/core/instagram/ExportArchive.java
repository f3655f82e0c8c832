package social.atoll.core.instagram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an export ZIP into a directory, refusing what could hurt the server: entry names that leave the directory
 * ({@code ../}, absolute, drive letters), more entries or more bytes than the limits, and entries that expand far
 * beyond their compressed size (a ZIP bomb). Sizes are counted on the bytes actually written, never on what the
 * archive declares. Only what an import reads is unpacked (JSON, HTML to recognise that export, and media files).
 * On any refusal the directory is removed and {@link ImportException} says why in one line.
 */
public final class ExportArchive {

    /** Caps on one archive: entries, bytes unpacked in all, and the expansion ratio of one large entry. */
    public record Limits(int maxEntries, long maxTotalBytes, int maxRatio) {
        public static final Limits DEFAULT = new Limits(100_000, 8L * 1024 * 1024 * 1024, 200);
    }

    private static final Set<String> KEPT = Set.of("json", "html", "jpg", "jpeg", "png", "webp", "heic", "heif", "mp4", "mov");
    /** Below this an entry's ratio is not judged: small files of zeros compress very well and harm nobody. */
    private static final long RATIO_FLOOR = 1024 * 1024;

    private ExportArchive() {}

    public static void unpack(Path zip, Path dir, Limits limits) { unpack(zip, dir, limits, KEPT); }

    /**
     * {@link #unpack(Path, Path, Limits)} keeping the files whose extension (lower case, no dot) is in {@code kept}:
     * the checks are the same for every importer (Instagram's exports, Mastodon's archives), only what each reads
     * differs.
     */
    public static void unpack(Path zip, Path dir, Limits limits, Set<String> kept) {
        try {
            Files.createDirectories(dir);
            Path root = dir.toRealPath();
            try (ZipFile z = new ZipFile(zip.toFile())) {
                if (z.size() > limits.maxEntries())
                    throw new ImportException("the archive has " + z.size() + " entries, more than the " + limits.maxEntries() + " allowed");
                long total = 0;
                byte[] buf = new byte[64 * 1024];
                for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    String name = e.getName();
                    Path target = safeTarget(root, name);
                    if (e.isDirectory() || !kept.contains(extension(name))) continue;
                    Files.createDirectories(target.getParent());
                    long written = 0;
                    long compressed = Math.max(1, e.getCompressedSize());
                    try (InputStream in = z.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            written += n;
                            total += n;
                            if (total > limits.maxTotalBytes())
                                throw new ImportException("the archive unpacks to more than " + limits.maxTotalBytes() / (1024 * 1024) + " MB, the limit");
                            if (written > RATIO_FLOOR && written / compressed > limits.maxRatio())
                                throw new ImportException("the archive looks like a ZIP bomb: " + name + " expands more than " + limits.maxRatio() + " times");
                            out.write(buf, 0, n);
                        }
                    }
                }
            }
        } catch (ImportException e) {
            delete(dir);
            throw e;
        } catch (ZipException e) {
            delete(dir);
            throw new ImportException("the file is not a readable ZIP archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            delete(dir);
            throw new ImportException("the archive could not be unpacked: " + e.getMessage(), e);
        }
    }

    private static Path safeTarget(Path root, String name) {
        String n = name.replace('\\', '/');
        boolean bad = n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0;
        for (String part : n.split("/")) if (part.equals("..")) bad = true;
        Path target = root.resolve(n).normalize();
        if (bad || !target.startsWith(root)) throw new ImportException("the archive has an unsafe entry name: " + name);
        return target;
    }

    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Removes a directory tree; quiet, as it runs on the way out of a failure. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file still open elsewhere is removed with the next import's clean-up
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // same
        }
    }
}

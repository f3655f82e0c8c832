package social.atoll.core.media;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * HEIC/HEIF photos (what iPhones take, and what Instagram exports since 2024 may hold) turned into JPEG by libheif's
 * {@code heif-convert} (Debian: libheif-examples), when it is installed. Java decodes no HEIC, and Debian's ffmpeg
 * before 7.1 reads none either, so without it a HEIC file is refused (an upload) or skipped with the reason (an import).
 * The JPEG then goes through the same image processing as every upload (EXIF and GPS stripped, re-encoded).
 */
public final class HeifDecoder {

    private static final long TIMEOUT_SECONDS = 120;
    /** The {@code ftyp} major brands of HEIF still images (ISO/IEC 23008-12). */
    private static final Set<String> BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avci");

    private final Path command;

    private HeifDecoder(Path command) { this.command = command; }

    /** {@code heif-convert} from {@code PATH}; empty when it is not installed. */
    public static Optional<HeifDecoder> find() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "heif-convert");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(new HeifDecoder(p));
        }
        return Optional.empty();
    }

    /** Do these first bytes start a HEIF image ({@code ftyp} box with a HEIF brand)? */
    public static boolean isHeif(byte[] head) {
        if (head.length < 12 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') return false;
        return BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
    }

    /** Writes the primary image of {@code heif} as the JPEG {@code jpeg}. */
    public void toJpeg(Path heif, Path jpeg) throws IOException {
        Path err = Files.createTempFile("atoll-heif-", ".err");
        try {
            Process p = new ProcessBuilder(List.of(command.toString(), "-q", "92", heif.toString(), jpeg.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            boolean finished;
            try {
                finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while converting HEIC");
            }
            if (!finished) {
                p.destroyForcibly();
                throw new IOException("HEIC conversion took too long");
            }
            // a file of several images comes out numbered (name-1.jpg, name-2.jpg …): the first is the primary one
            String name = jpeg.getFileName().toString();
            String base = name.substring(0, name.lastIndexOf('.'));
            Path first = jpeg.resolveSibling(base + "-1.jpg");
            if (!Files.exists(jpeg) && Files.exists(first)) Files.move(first, jpeg);
            for (int i = 2; i < 100 && Files.deleteIfExists(jpeg.resolveSibling(base + "-" + i + ".jpg")); i++) { /* only the first */ }
            if (p.exitValue() != 0 || !Files.exists(jpeg)) {
                String msg = Files.readString(err, StandardCharsets.UTF_8).strip();
                if (msg.length() > 300) msg = msg.substring(0, 300);
                throw new IOException("HEIC could not be converted" + (msg.isEmpty() ? "" : ": " + msg));
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }
}

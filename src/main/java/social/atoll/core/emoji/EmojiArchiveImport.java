package social.atoll.core.emoji;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import social.atoll.core.common.ValidationException;

/**
 * {@code atoll admin emoji import}: adds every PNG, GIF and WebP image of a ZIP file or a gzipped tarball, the file
 * name (without folders and extension) as shortcode, as Mastodon's {@code tootctl emoji import} does. An image that
 * cannot be added (name taken or malformed, too large, not an image) is skipped with its reason; the rest go in.
 */
public final class EmojiArchiveImport {

    /** What an import did: the shortcodes added, and each skipped entry with its reason. */
    public record Report(List<String> added, List<String> skipped) {}

    private final CustomEmojiService emojis;

    public EmojiArchiveImport(CustomEmojiService emojis) { this.emojis = emojis; }

    public Report run(Path archive, String category) throws IOException {
        List<String> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            raw.mark(4);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 'P' && b1 == 'K') {
                try (ZipInputStream zip = new ZipInputStream(raw)) {
                    ZipEntry e;
                    while ((e = zip.getNextEntry()) != null) {
                        if (!e.isDirectory()) entry(e.getName(), zip, category, added, skipped);
                    }
                }
            } else if (b0 == 0x1f && b1 == 0x8b) {
                tar(new GZIPInputStream(raw), category, added, skipped);
            } else {
                throw new ValidationException("The archive must be a ZIP file or a gzipped tarball (.tar.gz)");
            }
        }
        return new Report(added, skipped);
    }

    private void entry(String path, InputStream in, String category, List<String> added, List<String> skipped) throws IOException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || !(ext.equals("png") || ext.equals("gif") || ext.equals("webp"))) return; // not an emoji image
        String shortcode = name.substring(0, dot);
        byte[] data = in.readNBytes(CustomEmojiService.MAX_BYTES + 1);
        try {
            emojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, shortcode, data, category);
            added.add(shortcode);
        } catch (ValidationException e) {
            skipped.add(path + ": " + e.getMessage());
        }
    }

    /** A ustar/GNU tar stream: 512-byte headers, each followed by its file padded to 512 bytes. */
    private void tar(InputStream in, String category, List<String> added, List<String> skipped) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512) {
            if (header[0] == 0) break; // end of archive
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty() && header[257] == 'u') name = prefix + "/" + name;
            long size = Long.parseLong(field(header, 124, 12).strip().isEmpty() ? "0" : field(header, 124, 12).strip(), 8);
            byte type = header[156];
            long padded = (size + 511) / 512 * 512;
            if (type == 'L') { // GNU long name: the next entry's name is this entry's data
                longName = new String(in.readNBytes((int) Math.min(size, 4096)), StandardCharsets.UTF_8).replace("\0", "");
                in.skipNBytes(padded - Math.min(size, 4096));
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if (type == '0' || type == 0) {
                byte[] data = size > CustomEmojiService.MAX_BYTES ? null : in.readNBytes((int) size);
                if (data == null) {
                    in.skipNBytes(size);
                    if (name.matches("(?i).*\\.(png|gif|webp)$")) skipped.add(name + ": Image file size must be less than 256 KB");
                } else {
                    entry(name, new java.io.ByteArrayInputStream(data), category, added, skipped);
                }
                in.skipNBytes(padded - size);
            } else {
                in.skipNBytes(padded);
            }
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }
}

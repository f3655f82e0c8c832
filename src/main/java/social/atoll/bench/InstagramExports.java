package social.atoll.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Instagram exports in each of their layouts, with captions escaped the way Instagram escapes them (each UTF-8
 * byte as its own {@code \}{@code u00XX}), for the import benchmark and the import tests: no personal data is ever
 * checked in.
 */
public final class InstagramExports {

    public enum Layout { MEDIA_JSON, CONTENT_2020, ACTIVITY_2024, HTML }

    public record File(String name, byte[] bytes) {}

    public record Post(Instant time, String caption, List<File> files) {}

    private InstagramExports() {}

    public static void write(Path zip, Layout layout, List<Post> posts) throws IOException {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            switch (layout) {
                case MEDIA_JSON -> {
                    StringBuilder photos = new StringBuilder();
                    StringBuilder videos = new StringBuilder();
                    for (Post p : posts) {
                        for (File f : p.files()) {
                            boolean video = f.name().endsWith(".mp4");
                            String path = (video ? "videos/" : "photos/") + month(p.time()) + "/" + f.name();
                            StringBuilder to = video ? videos : photos;
                            if (!to.isEmpty()) to.append(",\n");
                            to.append("{\"caption\": ").append(quote(p.caption())).append(", \"taken_at\": \"")
                                    .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(p.time().atOffset(ZoneOffset.UTC).toLocalDateTime()))
                                    .append("\", \"path\": \"").append(path).append("\"}");
                            put(z, path, f.bytes());
                        }
                    }
                    put(z, "media.json", ("{\"photos\": [" + photos + "], \"videos\": [" + videos + "], \"profile\": []}").getBytes(StandardCharsets.UTF_8));
                }
                case CONTENT_2020, ACTIVITY_2024 -> {
                    String prefix = layout == Layout.ACTIVITY_2024 ? "your_instagram_activity/" : "";
                    List<String> items = new ArrayList<>();
                    for (Post p : posts) {
                        List<String> media = new ArrayList<>();
                        for (File f : p.files()) {
                            String uri = "media/posts/" + month(p.time()) + "/" + f.name();
                            put(z, prefix + uri, f.bytes());
                            media.add("{\"uri\": \"" + uri + "\", \"creation_timestamp\": " + p.time().getEpochSecond()
                                    + ", \"media_metadata\": {}, \"title\": " + (p.files().size() == 1 ? quote(p.caption()) : "\"\"") + "}");
                        }
                        String item = "{\"media\": [" + String.join(", ", media) + "]";
                        if (p.files().size() > 1) item += ", \"title\": " + quote(p.caption()) + ", \"creation_timestamp\": " + p.time().getEpochSecond();
                        items.add(item + "}");
                    }
                    put(z, prefix + "content/posts_1.json", ("[" + String.join(",\n", items) + "]").getBytes(StandardCharsets.UTF_8));
                }
                case HTML -> put(z, "your_instagram_activity/content/posts_1.html", "<html><body>posts</body></html>".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(bytes);
        z.closeEntry();
    }

    private static String month(Instant t) { return DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT).format(t.atOffset(ZoneOffset.UTC)); }

    /** A JSON string as Instagram writes it: every byte of the UTF-8 text above ASCII as its own escape. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') out.append('\\').append((char) c);
            else if (c < 0x20 || c >= 0x80) out.append(String.format(Locale.ROOT, "\\u%04x", c));
            else out.append((char) c);
        }
        return out.append('"').toString();
    }
}

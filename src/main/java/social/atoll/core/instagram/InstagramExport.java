package social.atoll.core.instagram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import social.atoll.infra.db.JsonColumns;

/**
 * Reads an unpacked Instagram export into the posts to import, oldest first, in any of its three layouts:
 * <ul>
 *   <li>before 2020: {@code media.json} with {@code photos} and {@code videos} ({@code caption}, {@code taken_at},
 *       {@code path});</li>
 *   <li>2020–2023: {@code content/posts_1.json} (and {@code posts_2.json}…), an array of posts whose {@code media}
 *       items carry {@code uri} ({@code media/posts/YYYYMM/…}), {@code creation_timestamp} and {@code title}; a
 *       carousel has its caption and time on the post itself;</li>
 *   <li>2024 on: the same under {@code your_instagram_activity/}, with media beside it or at the top.</li>
 * </ul>
 * An export in HTML is recognised and refused with what to ask Instagram for instead. A carousel larger than the
 * album limit becomes consecutive posts, each a second apart so their order holds.
 */
public final class InstagramExport {

    public enum Layout { MEDIA_JSON, CONTENT_2020, ACTIVITY_2024 }

    /** One media file of a post: where it is, and the name it had in the export (for the report). */
    public record Media(Path file, String uri) {}

    /**
     * One post to import. {@code key} identifies it across imports of any layout (its time and file names);
     * {@code note} says when it is a part of a split carousel.
     */
    public record Post(String key, Instant createdAt, String caption, List<Media> media, String note) {}

    public record Plan(Layout layout, List<Post> posts) {
        public int mediaCount() { return posts.stream().mapToInt(p -> p.media().size()).sum(); }
    }

    private InstagramExport() {}

    public static Plan read(Path dir, JsonColumns json, int albumLimit) {
        Path root = contentRoot(dir);
        Path activity = root.resolve("your_instagram_activity");
        if (Files.isRegularFile(activity.resolve("content/posts_1.json")))
            return new Plan(Layout.ACTIVITY_2024, split(posts(activity.resolve("content"), List.of(activity, root), root, json), albumLimit));
        if (Files.isRegularFile(root.resolve("content/posts_1.json")))
            return new Plan(Layout.CONTENT_2020, split(posts(root.resolve("content"), List.of(root), root, json), albumLimit));
        if (Files.isRegularFile(root.resolve("media.json")))
            return new Plan(Layout.MEDIA_JSON, split(mediaJson(root, json), albumLimit));
        for (String html : List.of("your_instagram_activity/content/posts_1.html", "content/posts_1.html", "index.html", "start_here.html"))
            if (Files.isRegularFile(root.resolve(html)))
                throw new ImportException("this is Instagram's HTML export; request your information again with the format JSON, then import that file");
        throw new ImportException("no Instagram posts in this archive (neither content/posts_1.json nor media.json)");
    }

    /** Exports are sometimes zipped with one folder around everything. */
    private static Path contentRoot(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.toList();
            boolean known = Stream.of("content", "media.json", "your_instagram_activity").anyMatch(n -> Files.exists(dir.resolve(n)));
            if (!known && all.size() == 1 && Files.isDirectory(all.get(0))) return all.get(0);
        } catch (IOException e) {
            throw new ImportException("the unpacked export cannot be read: " + e.getMessage(), e);
        }
        return dir;
    }

    private static Object parse(Path file, JsonColumns json) {
        try {
            return json.read(Files.readString(file, StandardCharsets.UTF_8), Object.class);
        } catch (IOException | RuntimeException e) {
            throw new ImportException(file.getFileName() + " is not valid JSON; the export is damaged, download it again");
        }
    }

    private static List<Post> posts(Path content, List<Path> bases, Path root, JsonColumns json) {
        List<Post> out = new ArrayList<>();
        for (int n = 1; Files.isRegularFile(content.resolve("posts_" + n + ".json")); n++) {
            Object doc = parse(content.resolve("posts_" + n + ".json"), json);
            List<?> items = doc instanceof List<?> l ? l : doc instanceof Map<?, ?> m ? firstList(m) : null;
            if (items == null) throw new ImportException("posts_" + n + ".json does not hold a list of posts");
            for (Object o : items) {
                if (!(o instanceof Map<?, ?> post) || !(post.get("media") instanceof List<?> media) || media.isEmpty()) continue;
                Map<?, ?> first = media.get(0) instanceof Map<?, ?> f ? f : Map.of();
                String caption = text(post.get("title"));
                if (caption.isBlank()) caption = text(first.get("title"));
                Object ts = post.get("creation_timestamp") != null ? post.get("creation_timestamp") : first.get("creation_timestamp");
                if (!(ts instanceof Number seconds)) continue;
                List<Media> files = new ArrayList<>();
                for (Object m : media) if (m instanceof Map<?, ?> mm && mm.get("uri") instanceof String uri) files.add(new Media(resolve(uri, bases, root), uri));
                out.add(new Post(null, Instant.ofEpochSecond(seconds.longValue()), Mojibake.repair(caption), files, null));
            }
        }
        return out;
    }

    private static List<?> firstList(Map<?, ?> m) {
        for (Object v : m.values()) if (v instanceof List<?> l) return l;
        return null;
    }

    private static List<Post> mediaJson(Path root, JsonColumns json) {
        if (!(parse(root.resolve("media.json"), json) instanceof Map<?, ?> doc))
            throw new ImportException("media.json does not hold photos or videos");
        List<Post> out = new ArrayList<>();
        for (String kind : List.of("photos", "videos")) {
            if (!(doc.get(kind) instanceof List<?> items)) continue;
            for (Object o : items) {
                if (!(o instanceof Map<?, ?> item) || !(item.get("path") instanceof String path)) continue;
                Instant at = time(text(item.get("taken_at")));
                if (at == null) continue;
                out.add(new Post(null, at, Mojibake.repair(text(item.get("caption"))), List.of(new Media(resolve(path, List.of(root), root), path)), null));
            }
        }
        return out;
    }

    private static Instant time(String s) {
        if (s.isBlank()) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The file a {@code uri} names, under one of the bases; never outside the export (null then, reported as missing). */
    private static Path resolve(String uri, List<Path> bases, Path root) {
        Path top = root.toAbsolutePath().normalize();
        for (Path base : bases) {
            Path p;
            try {
                p = base.toAbsolutePath().resolve(uri).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                return null; // a NUL or the like: no file of the export has such a name
            }
            if (p.startsWith(top) && Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static String text(Object o) { return o instanceof String s ? s : ""; }

    /** Oldest first; a carousel over the limit becomes consecutive posts; each gets its key. */
    private static List<Post> split(List<Post> posts, int albumLimit) {
        List<Post> sorted = new ArrayList<>(posts);
        sorted.sort(Comparator.comparing(Post::createdAt));
        List<Post> out = new ArrayList<>();
        for (Post p : sorted) {
            String base = p.createdAt().getEpochSecond() + "|" + String.join("|", p.media().stream().map(m -> name(m.uri())).toList());
            if (p.media().size() <= albumLimit) {
                out.add(new Post(sha256(base), p.createdAt(), p.caption(), p.media(), null));
                continue;
            }
            int parts = (p.media().size() + albumLimit - 1) / albumLimit;
            for (int i = 0; i < parts; i++) {
                List<Media> slice = p.media().subList(i * albumLimit, Math.min(p.media().size(), (i + 1) * albumLimit));
                out.add(new Post(sha256(base + "|part" + i), p.createdAt().plusSeconds(i), i == 0 ? p.caption() : "",
                        List.copyOf(slice), "carousel of " + p.media().size() + " split: part " + (i + 1) + " of " + parts));
            }
        }
        return out;
    }

    private static String name(String uri) { return uri.substring(uri.lastIndexOf('/') + 1); }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

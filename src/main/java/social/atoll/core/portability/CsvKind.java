package social.atoll.core.portability;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lists a person can take away as CSV, with Mastodon's file names and headers (the files Mastodon writes are
 * what other servers read). {@code header} is null where Mastodon writes none. Followers are exported only: a
 * follower cannot be imported, it has to follow.
 */
public enum CsvKind {
    FOLLOWING("following", List.of("Account address", "Show boosts", "Notify on new posts", "Languages"), true),
    FOLLOWERS("followers", List.of("Account address"), false),
    LISTS("lists", null, true),
    BLOCKS("blocks", null, true),
    MUTES("mutes", List.of("Account address", "Hide notifications"), true),
    DOMAIN_BLOCKS("domain_blocks", null, true),
    BOOKMARKS("bookmarks", null, true);

    private final String slug;
    private final List<String> header;
    private final boolean importable;

    CsvKind(String slug, List<String> header, boolean importable) {
        this.slug = slug;
        this.header = header;
        this.importable = importable;
    }

    /** The name in URLs and files ({@code following.csv}) and in the API's {@code type}. */
    public String slug() { return slug; }

    public String fileName() { return slug + ".csv"; }

    public List<String> header() { return header; }

    public boolean importable() { return importable; }

    /** Whether rows of this kind name accounts (resolved through WebFinger) rather than domains or posts. */
    public boolean namesAccounts() { return this != DOMAIN_BLOCKS && this != BOOKMARKS; }

    public static Optional<CsvKind> bySlug(String slug) {
        if (slug == null) return Optional.empty();
        String s = slug.trim().toLowerCase(Locale.ROOT);
        // Mastodon's own import types say "blocking", "muting", "domain_blocking"
        s = switch (s) {
            case "blocking" -> "blocks";
            case "muting" -> "mutes";
            case "domain_blocking" -> "domain_blocks";
            default -> s;
        };
        for (CsvKind k : values()) if (k.slug.equals(s)) return Optional.of(k);
        return Optional.empty();
    }
}

package social.atoll.core.status;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a status is addressed to. {@code LIMITED} is a circle audience (rows in {@code status_audiences}); the Mastodon
 * API has no word for it and reports it as {@code private}.
 */
public enum Visibility {
    PUBLIC, UNLISTED, PRIVATE, DIRECT, LIMITED;

    /** The stored name. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The name Mastodon clients understand. */
    public String api() { return this == LIMITED ? "private" : id(); }

    /** Only the author's followers (or a narrower audience) may see it. */
    public boolean hidden() { return this == PRIVATE || this == DIRECT || this == LIMITED; }

    public static Visibility of(String stored) { return valueOf(stored.toUpperCase(Locale.ROOT)); }

    /** A visibility a client may ask for when posting. */
    public static Optional<Visibility> parseRequested(String s) {
        if (s == null) return Optional.empty();
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "public" -> Optional.of(PUBLIC);
            case "unlisted" -> Optional.of(UNLISTED);
            case "private" -> Optional.of(PRIVATE);
            case "direct" -> Optional.of(DIRECT);
            // kmyblue's words for a post to a circle (it needs a circle_id); Fedibird's "limited"; kmyblue's "reply",
            // a reply kept among the people of the limited post it answers
            case "limited", "circle", "reply" -> Optional.of(LIMITED);
            default -> Optional.empty();
        };
    }
}

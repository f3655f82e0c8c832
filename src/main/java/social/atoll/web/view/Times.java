package social.atoll.web.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import social.atoll.web.Messages;

/** Dates in the reader's words, as Mastodon shows them: "now", "42 s", "5 min", "3 h", "4 d", then "Mar 4" or "Mar 4, 2025". */
public final class Times {

    private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Times() {}

    /** Short relative form for lists of posts. */
    public static String relative(Instant then, Instant now, Messages t) {
        if (then == null) return "";
        Duration d = Duration.between(then, now);
        long s = Math.max(0, d.getSeconds());
        if (s < 10) return t.get("time.now");
        if (s < 60) return t.get("time.seconds", s);
        if (s < 3600) return t.get("time.minutes", s / 60);
        if (s < 86400) return t.get("time.hours", s / 3600);
        if (s < 7 * 86400) return t.get("time.days", s / 86400);
        return then.atZone(ZoneOffset.UTC).getYear() == now.atZone(ZoneOffset.UTC).getYear() ? SAME_YEAR.format(then) : OTHER_YEAR.format(then);
    }

    /** The full date, for the {@code title} of a {@code <time>}. */
    public static String full(Instant then) { return then == null ? "" : FULL.format(then); }

    public static Instant parse(String iso) { return iso == null || iso.isBlank() ? null : Instant.parse(iso); }
}

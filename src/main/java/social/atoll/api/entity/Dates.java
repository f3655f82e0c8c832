package social.atoll.api.entity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Mastodon's date formats: RFC 3339 UTC with milliseconds, and plain dates. */
public final class Dates {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Dates() {}

    public static String datetime(Instant t) { return t == null ? null : DATETIME.format(t); }

    public static String date(Instant t) { return t == null ? null : DATE.format(t); }

    /** Account creation dates are truncated to midnight UTC, as Mastodon does since 3.4. */
    public static String midnight(Instant t) { return t == null ? null : DATETIME.format(t.truncatedTo(ChronoUnit.DAYS)); }
}

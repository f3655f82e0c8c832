package social.atoll.federation.signatures;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The HTTP {@code Date} format (IMF-fixdate: {@code Tue, 04 Nov 2025 10:00:00 GMT}), always with a two-digit day. */
public final class HttpDates {

    private HttpDates() {}

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public static String format(Instant t) { return FORMAT.format(t); }

    /** Parses IMF-fixdate and the other RFC 1123 spellings; empty when unreadable. */
    public static Optional<Instant> parse(String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

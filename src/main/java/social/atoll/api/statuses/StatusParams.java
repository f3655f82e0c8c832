package social.atoll.api.statuses;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.server.Params;
import social.atoll.core.poll.NewPoll;

/** Reading the composite parameters of a status request: {@code poll[...]} and datetimes such as {@code scheduled_at}. */
public final class StatusParams {
    private StatusParams() {}

    /** The {@code poll} group, or null when the request has no poll options. */
    public static NewPoll poll(Params p) {
        Params poll = p.group("poll");
        // options are stripped and blank ones dropped, as Mastodon prepares them
        List<String> options = poll.list("options").stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        if (options.isEmpty()) return null;
        return new NewPoll(options, poll.longValue("expires_in").orElse(null),
                poll.bool("multiple", false), poll.bool("hide_totals", false));
    }

    /** An ISO 8601 datetime parameter (with {@code Z} or an offset), or null when absent. */
    public static Instant time(Params p, String name) {
        String s = p.string(name).orElse(null);
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.trim());
            } catch (DateTimeParseException e2) {
                throw ApiException.invalid(humanize(name) + " is invalid");
            }
        }
    }

    private static String humanize(String name) {
        String s = name.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

package social.atoll.config;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code ATOLL_RATE_LIMIT}: the general API limit per token (per IP without one), as {@code <requests>/<window>}
 * with the window in seconds or minutes ({@code 300/300s}, {@code 300/5m}; default Mastodon's 300 per 5 minutes),
 * or {@code off}. The stricter limits of sign-up, media uploads and deletes are Mastodon's fixed ones and are off
 * when this is off.
 */
public record RateLimitSettings(boolean enabled, int requests, Duration window) {

    public static final RateLimitSettings DEFAULT = new RateLimitSettings(true, 300, Duration.ofMinutes(5));

    static RateLimitSettings parse(String value) {
        if (value == null) return DEFAULT;
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("false") || v.equals("0")) return new RateLimitSettings(false, 0, Duration.ZERO);
        var m = java.util.regex.Pattern.compile("([0-9]{1,7})/([0-9]{1,6})([sm]?)").matcher(v);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1)
            throw new SettingsException("ATOLL_RATE_LIMIT: '" + value + "' is not <requests>/<seconds>s (like 300/300s or 300/5m) or off");
        long amount = Long.parseLong(m.group(2));
        Duration window = "m".equals(m.group(3)) ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        return new RateLimitSettings(true, Integer.parseInt(m.group(1)), window);
    }
}

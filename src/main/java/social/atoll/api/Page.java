package social.atoll.api;

import social.atoll.server.ApiException;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Mastodon paging: {@code max_id}, {@code since_id}, {@code min_id}, {@code limit}, and the absolute {@code Link}
 * header with {@code next} first. Limits are clamped to twice the default, as Mastodon does.
 */
public record Page(Long maxId, Long sinceId, Long minId, int limit) {

    public static Page from(Context ctx, int defaultLimit) {
        Long max = id(ctx.queryParam("max_id"));
        Long since = id(ctx.queryParam("since_id"));
        Long min = id(ctx.queryParam("min_id"));
        return new Page(max, since, min, limit(ctx.queryParam("limit"), defaultLimit, defaultLimit * 2));
    }

    /**
     * The one reading of a {@code limit} parameter, for every paged endpoint: absent or 0 gives the default, a
     * negative number counts as its absolute value (as Mastodon's {@code .to_i.abs}), and the result is clamped to
     * 1…{@code max}. It is parsed as a long, and no number (not even the smallest int or long, whose absolute values overflow) can
     * lift the cap.
     */
    public static int limit(String raw, int defaultLimit, int max) {
        if (raw == null || raw.isBlank()) return defaultLimit;
        long n;
        try {
            long parsed = Long.parseLong(raw.trim());
            n = parsed == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(parsed);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit is not a number");
        }
        if (n == 0) return defaultLimit;
        return (int) Math.max(1, Math.min(n, max));
    }

    private static Long id(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null; // Mastodon ignores cursors it cannot read
        }
    }

    /** True when the query must read ascending from min_id (then reverse the rows). */
    public boolean ascending() { return minId != null; }

    /**
     * Sets the {@code Link} header for a page of items (newest first), using {@code cursor} for each item's paging
     * id (the entity id, or the hidden join-row id). Nothing is set for an empty page.
     */
    public static <T> void link(Context ctx, String baseUrl, List<T> items, ToLongFunction<T> cursor) {
        if (items.isEmpty()) return;
        long last = cursor.applyAsLong(items.get(items.size() - 1));
        long first = cursor.applyAsLong(items.get(0));
        String path = baseUrl + ctx.path();
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String k = e.getKey();
            if (k.equals("max_id") || k.equals("min_id") || k.equals("since_id") || k.equals("access_token")) continue;
            for (String v : e.getValue()) q.append(enc(k)).append('=').append(enc(v)).append('&');
        }
        String next = path + "?" + q + "max_id=" + last;
        String prev = path + "?" + q + "min_id=" + first;
        ctx.header("Link", "<" + next + ">; rel=\"next\", <" + prev + ">; rel=\"prev\"");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%5B", "[").replace("%5D", "]");
    }
}

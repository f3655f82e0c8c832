package social.atoll.api.ratelimit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.config.RateLimitSettings;

/**
 * Mastodon's rate limits on {@code /api/*}, with its {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset}
 * (ISO 8601) headers: a general limit per account (per IP for anonymous callers, per app token for apps), and on
 * top 5 sign-ups per 30 minutes per IP, 30 media uploads and 30 status deletes or unboosts per 30 minutes per
 * account. The headers report whichever applicable limit is closest to exhaustion; over any of them the answer is
 * 429 {@code {"error":"Too many requests"}}. Counters are in memory per node (see {@link RateCounter}).
 */
public final class RateLimitController implements Controller {

    private static final long THIRTY_MINUTES = 30 * 60 * 1000L;

    private final RateLimitSettings settings;
    private final Auth auth;
    private final Clock clock;
    private final RateCounter counter = new RateCounter();

    public RateLimitController(RateLimitSettings settings, Auth auth, Clock clock) {
        this.settings = settings;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void routes(RoutesConfig r) {
        if (settings.enabled()) r.before("/api/*", this::check);
    }

    private void check(Context ctx) {
        HandlerType method = ctx.method();
        if (method == HandlerType.OPTIONS) return;
        long now = clock.millis();
        String caller = caller(ctx);
        String path = ctx.path();
        RateCounter.Hit hit = counter.hit(caller, settings.requests(), settings.window().toMillis(), now);
        if (method == HandlerType.POST && path.matches("/api/v1/accounts/?")) {
            hit = closest(hit, counter.hit("sign-up:" + ctx.ip(), 5, THIRTY_MINUTES, now));
        } else if (method == HandlerType.POST && path.matches("/api/v[12]/media/?")) {
            hit = closest(hit, counter.hit("media:" + caller, 30, THIRTY_MINUTES, now));
        } else if ((method == HandlerType.DELETE && path.matches("/api/v1/statuses/[0-9]+/?"))
                || (method == HandlerType.POST && path.matches("/api/v1/statuses/[0-9]+/unreblog/?"))) {
            hit = closest(hit, counter.hit("delete:" + caller, 30, THIRTY_MINUTES, now));
        }
        ctx.header("X-RateLimit-Limit", Integer.toString(hit.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(hit.remaining()));
        ctx.header("X-RateLimit-Reset", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(hit.resetMillis()).truncatedTo(ChronoUnit.MILLIS)));
        if (hit.exceeded()) throw ApiException.tooManyRequests();
    }

    /** The signed-in account, else the app token, else the IP. A bad token is left for the endpoint to reject. */
    private String caller(Context ctx) {
        try {
            Viewer v = auth.viewer(ctx);
            if (v.hasUser()) return "account:" + v.accountId();
            if (!v.anonymous()) return "token:" + v.token().id();
        } catch (ApiException invalidToken) {
            // counted by IP; the endpoint answers 401
        }
        return "ip:" + ctx.ip();
    }

    /** Of two hits, the exceeded one, else the one with fewer requests left. */
    private static RateCounter.Hit closest(RateCounter.Hit a, RateCounter.Hit b) {
        if (a.exceeded() != b.exceeded()) return a.exceeded() ? a : b;
        return b.remaining() < a.remaining() ? b : a;
    }
}

package social.atoll.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import social.atoll.config.Settings;
import social.atoll.infra.metrics.Metrics;

/**
 * {@code GET /metrics} for Prometheus. The route exists only when {@code ATOLL_METRICS_TOKEN} is set (otherwise
 * the path is an ordinary 404), and answers only a scraper presenting that token as a bearer token.
 */
public final class MetricsController implements Controller {

    private final Metrics metrics;
    private final byte[] expected;

    public MetricsController(Settings settings, Metrics metrics) {
        this.metrics = metrics;
        this.expected = settings.metricsToken() == null ? null : ("Bearer " + settings.metricsToken()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void routes(RoutesConfig r) {
        if (expected == null) return;
        r.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        String given = ctx.header("Authorization");
        // Constant-time comparison: the token is a password.
        if (given == null || !MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            HttpServer.error(ctx, 401, "The access token is invalid", null);
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}

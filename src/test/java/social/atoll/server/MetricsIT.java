package social.atoll.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import social.atoll.infra.jobs.JobType;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

class MetricsIT {

    private static final String TOKEN = "metrics-token-0123456789";

    record Ping(String key) {}

    private static final JobType<Ping> PING = new JobType<>("test.metrics-ping", Ping.class, 1, Duration.ZERO, Duration.ZERO, Duration.ofDays(1));

    @Test
    void metricsDoNotExistWithoutAToken() {
        try (TestInstance atoll = TestInstance.start()) {
            var r = atoll.http().get("/metrics", TOKEN);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("error").asText()).isEqualTo("Record not found");
        }
    }

    @Test
    void metricsNeedTheBearerToken() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_METRICS_TOKEN", TOKEN))) {
            assertThat(atoll.http().get("/metrics").status()).isEqualTo(401);
            var wrong = atoll.http().get("/metrics", TOKEN + "x");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(atoll.http().send("GET", "/metrics", null, null, null, Map.of("Authorization", TOKEN)).status()).isEqualTo(401);
            assertThat(atoll.http().get("/metrics", TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void exposesJvmRequestAndJobMetrics() {
        AtomicInteger pinged = new AtomicInteger();
        // Role "worker" keeps the web server down until the test adds its own route with a path parameter.
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_METRICS_TOKEN", TOKEN, "ATOLL_ROLE", "worker"),
                app -> app.infra.jobs.register(PING, p -> pinged.incrementAndGet()))) {
            Controller things = r -> r.get("/test/things/{id}", ctx -> ctx.result(ctx.pathParam("id")));
            Controller twoQueries = r -> r.get("/test/two-queries", ctx -> ctx.result(atoll.app().infra.db.read(h ->
                    h.createQuery("SELECT 1").mapTo(Integer.class).one() + h.createQuery("SELECT 2").mapTo(Integer.class).one()) + ""));
            atoll.app().startWeb(List.of(things, twoQueries));
            assertThat(atoll.http().get("/test/two-queries").body()).isEqualTo("3");
            assertThat(atoll.http().get("/test/things/123").status()).isEqualTo(200);
            assertThat(atoll.http().get("/test/things/456").status()).isEqualTo(200);
            assertThat(atoll.http().get("/health").status()).isEqualTo(200);
            atoll.app().infra.db.write(h -> atoll.app().infra.jobs.enqueue(PING, "one", new Ping("one")));
            Await.until("the job ran", () -> pinged.get() == 1);

            Await.until("the job is counted", () -> scrape(atoll).contains(
                    "atoll_jobs_total{outcome=\"succeeded\",type=\"test.metrics-ping\"} 1.0"));
            String body = scrape(atoll);
            assertThat(body).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_gc_", "process_uptime_seconds");
            assertThat(body).contains("atoll_http_requests_seconds_count{method=\"GET\",route=\"/test/things/{id}\",status=\"200\"} 2");
            assertThat(body).contains("atoll_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"} 1");
            assertThat(body).doesNotContain("/test/things/123");
            // statements per request, by route
            assertThat(body).contains("atoll_db_statements_count{unit=\"GET /test/two-queries\"} 1",
                    "atoll_db_statements_sum{unit=\"GET /test/two-queries\"} 2.0");
        }
    }

    private static String scrape(TestInstance atoll) {
        var r = atoll.http().get("/metrics", TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        return r.body();
    }
}

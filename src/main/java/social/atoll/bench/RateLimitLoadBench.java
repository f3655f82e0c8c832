package social.atoll.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;

/**
 * A short, bounded load run against the API, once with the rate limit off and once with Mastodon's default
 * (300 requests per 5 minutes per token or address): a mix of home timeline, public timeline and posting from
 * several clients. It shows what the limiter costs a server that is not being refused, and that a server that is
 * refusing does so quickly (the refusals are counted, not timed).
 */
public final class RateLimitLoadBench {

    public record Options(int statuses, int concurrency, Duration warmup, Duration duration) {}

    public static void run(Options o) throws Exception {
        Path dir = Files.createTempDirectory("atoll-bench-load");
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> flags = new HashMap<>();
        flags.put("ATOLL_PORT", Integer.toString(port));
        flags.put("ATOLL_DOMAIN", "localhost:" + port);
        flags.put("ATOLL_DATA_DIR", dir.toString());
        flags.put("ATOLL_BIND", "127.0.0.1");
        String token;
        flags.put("ATOLL_RATE_LIMIT", "off");
        try (App app = new App(new SettingsLoader(flags, Map.of(), null).load())) {
            long t0 = System.nanoTime();
            token = new TimelineSeeder(app).seed(200, o.statuses(), 100).readerToken();
            System.out.printf("seeded %,d statuses (%.1f s); %d clients, %d s per row, one token; mix: 7 home : 2 public : 1 post%n",
                    o.statuses(), (System.nanoTime() - t0) / 1e9, o.concurrency(), o.duration().toSeconds());
        }
        for (String limit : List.of("off", "300/5m")) {
            flags.put("ATOLL_RATE_LIMIT", limit);
            Settings settings = new SettingsLoader(flags, Map.of(), null).load();
            try (App app = new App(settings)) {
                app.startWorkers();
                app.startWeb(List.of());
                String base = settings.baseUrl();
                LoadRunner.Result r = new LoadRunner().run("rate limit " + limit, o.concurrency(), o.warmup(), o.duration(), i -> switch (i % 10) {
                    case 0 -> HttpRequest.newBuilder(URI.create(base + "/api/v1/statuses")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"load " + i + "\", \"visibility\": \"unlisted\"}")).build();
                    case 1, 2 -> LoadRunner.get(base + "/api/v1/timelines/public?limit=20", token);
                    default -> LoadRunner.get(base + "/api/v1/timelines/home?limit=20", token);
                });
                System.out.println(r.line() + "   (errors: answers other than 200, here the limiter's 429s)");
            }
        }
    }
}

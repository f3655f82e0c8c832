package social.atoll.bench;

import io.javalin.config.RoutesConfig;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import social.atoll.App;
import social.atoll.server.Controller;
import social.atoll.config.Settings;

/**
 * Home-timeline reads per second and latency for an account following 200 accounts with 100k statuses in the
 * database, side by side with a static JSON endpoint of the same response size on the same server. The ratio
 * says how much of the time goes to Atoll's own work (queries, rendering) rather than to HTTP and JSON bytes.
 */
public final class HomeTimelineBench {

    /** Parameters of one run. */
    public record Options(int statuses, int authors, int following, int concurrency, Duration warmup, Duration duration,
                          String dbUrl) {}

    /** Home-timeline reads/s (first page) and their p99, beside the static body's reads/s. */
    public record Result(double homePerSecond, double homeP99Ms, double staticPerSecond) {
        public double ratio() { return homePerSecond / staticPerSecond; }
    }

    public static Result run(Options o) throws Exception {
        Path dir = Files.createTempDirectory("atoll-bench");
        Settings settings = ThrowAwayInstance.settings(dir, o.dbUrl(), Map.of());
        System.out.printf("database: %s%n", settings.isPostgres() ? "PostgreSQL" : "SQLite (" + dir + ")");

        try (App app = new App(settings)) {
            long t0 = System.nanoTime();
            var seeded = new TimelineSeeder(app).seed(o.authors(), o.statuses(), o.following());
            System.out.printf("seeded %,d statuses by %,d accounts; reader follows %d, home feed holds %,d entries (%.1f s)%n",
                    o.statuses(), o.authors(), o.following(), seeded.feedIds().size(), (System.nanoTime() - t0) / 1e9);

            byte[][] reference = new byte[1][];
            Controller staticJson = (RoutesConfig r) -> r.get("/bench/static.json",
                    ctx -> ctx.contentType("application/json; charset=utf-8").result(reference[0]));
            app.startWeb(List.of(staticJson));
            String base = settings.baseUrl();

            HttpClient probe = HttpClient.newHttpClient();
            HttpResponse<byte[]> first = probe.send(LoadRunner.get(base + "/api/v1/timelines/home?limit=20", seeded.readerToken()),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (first.statusCode() != 200) throw new IllegalStateException("home timeline answered " + first.statusCode());
            reference[0] = first.body();

            // statements per home request, counted by the database itself: a figure that the machine's load does not blur
            java.util.concurrent.atomic.LongAdder homeRequests = new java.util.concurrent.atomic.LongAdder();
            java.util.concurrent.atomic.LongAdder homeStatements = new java.util.concurrent.atomic.LongAdder();
            app.infra.db.statements().listen((unit, n) -> {
                if (!unit.equals("GET /api/v1/timelines/home")) return;
                homeRequests.increment();
                homeStatements.add(n);
            });

            LoadRunner load = new LoadRunner();
            List<Long> feed = seeded.feedIds();
            // the JIT's first minutes would otherwise fall on whichever row runs first (the first page ran at half
            // the paging rate for that alone): one more warm-up, over both kinds of home request, before any row
            load.run("JIT warm-up", o.concurrency(), Duration.ZERO, o.warmup(),
                    i -> LoadRunner.get(base + "/api/v1/timelines/home?limit=20" + (i % 2 == 0 ? "" : "&max_id="
                            + feed.get(ThreadLocalRandom.current().nextInt(Math.max(1, feed.size() - 40)))), seeded.readerToken()));
            var home = load.run("home, first page", o.concurrency(), o.warmup(), o.duration(),
                    i -> LoadRunner.get(base + "/api/v1/timelines/home?limit=20", seeded.readerToken()));
            var deep = load.run("home, max_id paging", o.concurrency(), o.warmup(), o.duration(),
                    i -> LoadRunner.get(base + "/api/v1/timelines/home?limit=20&max_id="
                            + feed.get(ThreadLocalRandom.current().nextInt(Math.max(1, feed.size() - 40))), seeded.readerToken()));
            var stat = load.run("static JSON, same size", o.concurrency(), o.warmup(), o.duration(),
                    i -> LoadRunner.get(base + "/bench/static.json", null));
            System.out.println();
            System.out.printf("concurrency %d, %s warm-up of home requests, then %s warm-up and %s measured per row%n",
                    o.concurrency(), o.warmup(), o.warmup(), o.duration());
            System.out.println(home.line());
            System.out.println(deep.line());
            System.out.println(stat.line());
            System.out.printf("ratio home/static throughput: %.2f (first page), %.2f (paging)%n",
                    home.perSecond() / stat.perSecond(), deep.perSecond() / stat.perSecond());
            System.out.printf("SQL statements per home request: %.1f%n", homeStatements.sum() / (double) Math.max(1, homeRequests.sum()));
            System.out.printf("CPU per request (server and load generator, one process): home %.0f us, paging %.0f us, static %.0f us; "
                            + "ratio static/home CPU: %.2f (first page), %.2f (paging)%n",
                    home.cpuMicrosPerRequest(), deep.cpuMicrosPerRequest(), stat.cpuMicrosPerRequest(),
                    stat.cpuMicrosPerRequest() / home.cpuMicrosPerRequest(), stat.cpuMicrosPerRequest() / deep.cpuMicrosPerRequest());
            return new Result(home.perSecond(), home.percentileMs(99), stat.perSecond());
        } finally {
            ThrowAwayInstance.delete(dir);
        }
    }

    private HomeTimelineBench() {}
}

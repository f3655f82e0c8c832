package social.atoll.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;

/**
 * Posting: {@code clients} concurrent clients, each signed in as its own author with {@code followers} local
 * followers, send {@code POST /api/v1/statuses} back to back. Prints statuses per second beside the raw single-row
 * INSERT rate of the same database measured in the same run ({@link RawRates#statusInserts}), and their ratio, then
 * how long the fan-out jobs the posts left behind took to finish.
 */
public final class PostingBench {

    /** Parameters of one run. */
    public record Options(int clients, int followers, Duration warmup, Duration duration, int rawInserts, String dbUrl) {}

    /** What {@code bench all} reads: statuses posted per second and raw single-row inserts per second, same database. */
    public record Result(double statusesPerSecond, double insertsPerSecond) {
        public double ratio() { return statusesPerSecond / insertsPerSecond; }
    }

    public static Result run(Options o) throws Exception {
        Path dir = Files.createTempDirectory("atoll-bench-post");
        Settings settings = ThrowAwayInstance.settings(dir, o.dbUrl(), Map.of());
        System.out.printf("database: %s%n", settings.isPostgres() ? "PostgreSQL" : "SQLite (" + dir + ")");
        try (App app = new App(settings)) {
            app.startWorkers();
            app.startWeb();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < o.clients(); i++) {
                User author = app.core.accountService.createLocal(new NewLocalAccount("poster" + i, "poster" + i + "@bench.test", "bench-password",
                        User.Role.USER, true, true, "en", null, null), true);
                tokens.add(app.core.tokens.issue(app.core.oauth.adminCliApp().id(), author.accountId(), Scopes.parse("read write")).token());
                if (o.followers() > 0) StreamingBench.seedReaders(app, author.accountId(), o.followers(), "p" + i + "reader");
            }
            long rawAccount = app.core.accountService.createLocal(new NewLocalAccount("raw", "raw@bench.test", "bench-password",
                    User.Role.USER, true, true, "en", null, null), true).accountId();
            System.out.printf("%d authors with %d local followers each%n", o.clients(), o.followers());

            RawRates.statusInserts(app.infra.db, app.infra.ids, rawAccount, "https://raw.example/warm/", Math.max(100, o.rawInserts() / 5));
            RawRates.Rate raw = RawRates.statusInserts(app.infra.db, app.infra.ids, rawAccount, "https://raw.example/statuses/", o.rawInserts());

            String base = settings.baseUrl();
            AtomicInteger nextToken = new AtomicInteger();
            ThreadLocal<String> workerToken = ThreadLocal.withInitial(() -> tokens.get(nextToken.getAndIncrement() % tokens.size()));
            long cpu0 = processCpuNanos();
            LoadRunner.Result r = new LoadRunner().run("POST /api/v1/statuses", o.clients(), o.warmup(), o.duration(), i ->
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/statuses")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + workerToken.get()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"post " + i + " of " + Thread.currentThread().threadId()
                                    + ", with a few words in it as a status has\"}")).build());
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MINUTES.toNanos(5);
            while (pendingJobs(app) > 0 && System.nanoTime() < deadline) Thread.sleep(50);
            double drain = (System.nanoTime() - t0) / 1e9;

            System.out.println();
            System.out.printf("posting, %d concurrent clients (one author each, %d followers each), %d s%n", o.clients(), o.followers(),
                    o.duration().toSeconds());
            System.out.println(r.line());
            System.out.printf("raw single-row INSERTs, one transaction each: %,.0f rows/s (%,d rows)%n", raw.perSecond(), raw.count());
            System.out.printf("ratio statuses/s : raw inserts/s = %.3f (target >= 0.1)%n", r.perSecond() / raw.perSecond());
            System.out.printf("process CPU during warm-up and run: %.1f s; fan-out jobs left at the end done %.1f s later%n", cpu, drain);
            return new Result(r.perSecond(), raw.perSecond());
        } finally {
            ThrowAwayInstance.delete(dir);
        }
    }

    private static long pendingJobs(App app) {
        return app.infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'home-feed.fanout'")
                .mapTo(Long.class).one());
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private PostingBench() {}
}

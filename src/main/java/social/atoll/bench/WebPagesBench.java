package social.atoll.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.core.auth.WebSessions;
import social.atoll.core.status.Status;
import social.atoll.web.Assets;

/**
 * The web app's cost: server render time of the signed-in home page and of a post's page with 100k statuses in the
 * database (latency with one client, so it is the server's time per page plus loopback), throughput with several
 * clients, and the weight of the app's scripts and stylesheet as browsers download them (gzip).
 */
public final class WebPagesBench {

    public record Options(int statuses, int authors, int following, int concurrency, Duration warmup, Duration duration, String dbUrl) {}

    public static void run(Options o) throws Exception {
        Assets assets = Assets.load();
        System.out.printf("web assets (JS + CSS, gzip): %,d bytes in total%n", assets.compressedWeight());
        for (String name : List.of("app.css", "htmx.min.js")) {
            assets.get(name).ifPresent(a -> System.out.printf("  %-14s %,8d bytes (%,d raw)%n", name, a.gzipped().length, a.bytes().length));
        }
        assets.all().stream().filter(a -> a.name().endsWith(".js") && !a.name().equals("htmx.min.js"))
                .forEach(a -> System.out.printf("  %-14s %,8d bytes (%,d raw)%n", a.name(), a.gzipped().length, a.bytes().length));

        Path dir = Files.createTempDirectory("atoll-bench");
        Settings settings = ThrowAwayInstance.settings(dir, o.dbUrl(), Map.of());
        System.out.printf("database: %s%n", settings.isPostgres() ? "PostgreSQL" : "SQLite (" + dir + ")");
        try (App app = new App(settings)) {
            long t0 = System.nanoTime();
            var seeded = new TimelineSeeder(app).seed(o.authors(), o.statuses(), o.following());
            System.out.printf("seeded %,d statuses by %,d accounts (%.1f s)%n", o.statuses(), o.authors(), (System.nanoTime() - t0) / 1e9);
            app.startWeb(List.of());
            String base = settings.baseUrl();

            var reader = app.core.accountQueries.byId(seeded.readerId()).orElseThrow();
            var user = app.core.accountQueries.user(reader.id()).orElseThrow();
            String cookie = app.core.browserSignIn.start(new WebSessions.Person(user, reader), null, "127.0.0.1", "bench").secret();

            // a person of this server with posts of their own, some in threads, among the 100k
            var poster = app.core.accountService.createLocal(new social.atoll.core.account.NewLocalAccount("poster", "poster@bench.test",
                    "bench-password", social.atoll.core.account.User.Role.USER, true, true, "en", null, null), true);
            List<String> statusPages = new ArrayList<>();
            Long previous = null;
            for (int i = 0; i < 50; i++) {
                var posted = app.core.posting.post(poster.accountId(), new social.atoll.core.status.NewStatus(
                        "Post number " + i + " with a #bench tag and a link https://example.com/" + i, null, null,
                        social.atoll.core.status.Visibility.PUBLIC, i % 5 == 0 ? null : previous, "en", null, List.of(), null, null, null));
                Status s = ((social.atoll.core.status.PostStatusService.Published) posted).status();
                previous = s.id();
                statusPages.add("/@poster/" + s.id());
            }
            if (statusPages.isEmpty()) throw new IllegalStateException("no public local post to show");

            HttpClient probe = HttpClient.newHttpClient();
            for (String path : List.of("/home", statusPages.get(0))) {
                HttpResponse<String> r = probe.send(LoadRunner.page(base + path, cookie), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode());
            }

            LoadRunner load = new LoadRunner();
            var home1 = load.run("home page, 1 client", 1, o.warmup(), o.duration(), i -> LoadRunner.page(base + "/home", cookie));
            var status1 = load.run("post page, 1 client", 1, o.warmup(), o.duration(),
                    i -> LoadRunner.page(base + statusPages.get(ThreadLocalRandom.current().nextInt(statusPages.size())), cookie));
            var homeN = load.run("home page, " + o.concurrency() + " clients", o.concurrency(), o.warmup(), o.duration(),
                    i -> LoadRunner.page(base + "/home", cookie));
            var statusN = load.run("post page, " + o.concurrency() + " clients", o.concurrency(), o.warmup(), o.duration(),
                    i -> LoadRunner.page(base + statusPages.get(ThreadLocalRandom.current().nextInt(statusPages.size())), cookie));
            System.out.println();
            System.out.printf("%s warm-up, %s measured per row; HTML pages as a signed-in browser gets them%n", o.warmup(), o.duration());
            System.out.println(home1.line());
            System.out.println(status1.line());
            System.out.println(homeN.line());
            System.out.println(statusN.line());
        } finally {
            ThrowAwayInstance.delete(dir);
        }
    }

    private WebPagesBench() {}
}

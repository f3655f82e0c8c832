package social.atoll.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.PreparedBatch;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;

/**
 * Streaming fan-out: {@code streams} signed-in accounts follow one author, each with a WebSocket on its
 * {@code user} stream; the author posts {@code rounds} times through {@code POST /api/v1/statuses}. For each post it
 * measures the time from sending the request to each {@code update} event arriving, and to the last one. The path
 * measured is the real one: the posting transaction, the fan-out job writing the home feeds, the streaming signal,
 * and per-receiver visibility check and rendering.
 */
public final class StreamingBench {

    /** Parameters of one run. */
    public record Options(int streams, int rounds, String dbUrl) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Milliseconds from the POST to the last stream's {@code update}, over the measured posts. */
    public record Result(int streams, double p50LastMs, double p99LastMs) {}

    public static Result run(Options o) throws Exception {
        Path dir = Files.createTempDirectory("atoll-bench-stream");
        Settings settings = ThrowAwayInstance.settings(dir, o.dbUrl(), Map.of());
        System.out.printf("database: %s%n", settings.isPostgres() ? "PostgreSQL" : "SQLite (" + dir + ")");

        Process clients = null;
        try (App app = new App(settings)) {
            app.startWorkers();
            app.startWeb();
            long t0 = System.nanoTime();
            User author = app.core.accountService.createLocal(new NewLocalAccount("author", "author@bench.test", "bench-password",
                    User.Role.USER, true, true, "en", null, null), true);
            String authorToken = app.core.tokens.issue(app.core.oauth.adminCliApp().id(), author.accountId(), Scopes.parse("read write")).token();
            List<String> readerTokens = seedReaders(app, author.accountId(), o.streams());
            System.out.printf("seeded %,d followers of one author (%.1f s)%n", o.streams(), (System.nanoTime() - t0) / 1e9);

            // arrivals: status id -> arrival times (nanoTime) of its update events
            Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
            HttpClient client = HttpClient.newHttpClient();
            String url = settings.streamingOrigin() + "/api/v1/streaming?stream=user";
            t0 = System.nanoTime();
            Path tokenFile = dir.resolve("tokens.txt");
            Files.write(tokenFile, readerTokens);
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            clients = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), StreamClients.class.getName(), url, tokenFile.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
            Process child = clients;
            Thread.ofPlatform().daemon().start(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("ready")) {
                            ready.countDown();
                            continue;
                        }
                        int sp = line.indexOf(' ');
                        arrivals.computeIfAbsent(line.substring(0, sp), k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(Long.parseLong(line.substring(sp + 1)));
                    }
                } catch (java.io.IOException e) {
                    // the client process ended
                }
            });
            if (!ready.await(10, TimeUnit.MINUTES)) throw new IllegalStateException("the stream clients did not connect");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (app.streamRegistry.connectionCount() < o.streams() && System.nanoTime() < deadline) Thread.sleep(20);
            System.out.printf("%,d user streams connected, from a separate client process (%.1f s)%n", app.streamRegistry.connectionCount(), (System.nanoTime() - t0) / 1e9);

            List<Double> toLast = new ArrayList<>();
            List<Double> toFirst = new ArrayList<>();
            List<Double> answered = new ArrayList<>();
            List<Double> each = new ArrayList<>();
            for (int round = 0; round < o.rounds() + 1; round++) {
                long sent = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/v1/statuses"))
                        .header("Authorization", "Bearer " + authorToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"round " + round + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IllegalStateException("posting answered " + r.statusCode() + ": " + r.body());
                double answeredMs = (System.nanoTime() - sent) / 1e6;
                String id = JSON.readTree(r.body()).get("id").asText();
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (received(arrivals, id) < o.streams()) {
                    if (System.nanoTime() > wait)
                        throw new IllegalStateException("only " + received(arrivals, id) + " of " + o.streams() + " streams got the post");
                    Thread.sleep(1);
                }
                if (round == 0) continue; // warm-up
                List<Long> times = arrivals.get(id);
                long last = Collections.max(times);
                toLast.add((last - sent) / 1e6);
                toFirst.add((Collections.min(times) - sent) / 1e6);
                answered.add(answeredMs);
                for (long t : times) each.add((t - sent) / 1e6);
            }
            Collections.sort(toLast);
            Collections.sort(each);
            System.out.println();
            System.out.printf("streaming fan-out, %,d user streams following one author, %d posts (after 1 warm-up)%n", o.streams(), o.rounds());
            Collections.sort(toFirst);
            Collections.sort(answered);
            System.out.printf("POST answered:              p50 %.0f ms  p99 %.0f ms%n", pct(answered, 50), pct(answered, 99));
            System.out.printf("POST to first update event: p50 %.0f ms  p99 %.0f ms%n", pct(toFirst, 50), pct(toFirst, 99));
            System.out.printf("POST to last update event:  p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                    pct(toLast, 50), pct(toLast, 99), toLast.get(toLast.size() - 1));
            System.out.printf("POST to each update event:  p50 %.0f ms  p99 %.0f ms  (%,d events)%n", pct(each, 50), pct(each, 99), each.size());
            return new Result(o.streams(), pct(toLast, 50), pct(toLast, 99));
        } finally {
            if (clients != null) {
                clients.getOutputStream().close();
                if (!clients.waitFor(10, TimeUnit.SECONDS)) clients.destroy();
            }
            ThrowAwayInstance.delete(dir);
        }
    }

    private static int received(Map<String, List<Long>> arrivals, String id) {
        List<Long> l = arrivals.get(id);
        return l == null ? 0 : l.size();
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Local accounts (with users and tokens) following the author, in bulk SQL: Argon2 per account would take minutes. */
    static List<String> seedReaders(App app, long authorId, int n) { return seedReaders(app, authorId, n, "reader"); }

    /** {@link #seedReaders(App, long, int)} with names {@code <prefix><i>}. */
    static List<String> seedReaders(App app, long authorId, int n, String prefix) {
        Instant now = Instant.now();
        List<Long> ids = new ArrayList<>();
        app.infra.db.write(h -> {
            PreparedBatch a = h.prepareBatch("""
                    INSERT INTO accounts (id, username, acct_key, display_name, note, uri, url, created_at, updated_at)
                    VALUES (:id, :u, :k, :u, '', :uri, :uri, :t, :t)""");
            PreparedBatch u = h.prepareBatch("""
                    INSERT INTO users (id, account_id, email, password_hash, confirmed_at, approved, locale, created_at)
                    VALUES (:id, :a, :email, 'not-a-hash', :t, TRUE, 'en', :t)""");
            PreparedBatch f = h.prepareBatch("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)");
            for (int i = 0; i < n; i++) {
                long id = app.infra.ids.next();
                ids.add(id);
                String name = prefix + i;
                a.bind("id", id).bind("u", name).bind("k", Account.key(name, null)).bind("uri", app.settings.url("/users/" + name)).bind("t", now).add();
                u.bind("id", app.infra.ids.next()).bind("a", id).bind("email", name + "@bench.test").bind("t", now).add();
                f.bind("id", app.infra.ids.next()).bind("a", id).bind("t", authorId).bind("now", now).add();
            }
            a.execute();
            u.execute();
            f.execute();
            h.createUpdate("UPDATE accounts SET followers_count = followers_count + :n WHERE id = :id").bind("n", n).bind("id", authorId).execute();
            return null;
        });
        List<String> tokens = new ArrayList<>(n);
        for (long id : ids) tokens.add(app.core.tokens.issue(app.core.oauth.adminCliApp().id(), id, Scopes.parse("read")).token());
        return tokens;
    }

    private StreamingBench() {}
}

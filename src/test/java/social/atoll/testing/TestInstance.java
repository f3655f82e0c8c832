package social.atoll.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real Atoll server started in-process on a free port, on the database chosen by {@link TestDatabases}, with its
 * own temp data dir. Tests drive it over HTTP like any client.
 *
 * <pre>{@code
 * try (TestInstance atoll = TestInstance.start()) {
 *     String token = atoll.createUser("alice");
 *     var r = atoll.http().get("/api/v1/accounts/verify_credentials", token);
 * }
 * }</pre>
 */
public final class TestInstance implements AutoCloseable {

    private final Path dir;
    private final App app;
    private final TestHttp http;
    /** The settings flags this instance was started with (null when started from a Settings object). */
    private final Map<String, String> flags;

    private TestInstance(Path dir, App app, Map<String, String> flags) {
        this.dir = dir;
        this.app = app;
        this.http = new TestHttp(app.settings.baseUrl(), app.infra.json);
        this.flags = flags;
    }

    public static TestInstance start() { return start(Map.of()); }

    /** Starts an instance; {@code env} adds or overrides {@code ATOLL_*} settings. */
    public static TestInstance start(Map<String, String> env) { return start(env, app -> {}); }

    /**
     * Starts an instance; {@code setup} runs after the App is built and before its workers and web server start —
     * the place to register test job types ({@code app -> app.infra.jobs.register(type, handler)}).
     * {@code ATOLL_ROLE=web} starts no workers (jobs are only stored), {@code worker} no web server.
     */
    public static TestInstance start(Map<String, String> env, Consumer<App> setup) {
        Path dir;
        try {
            dir = Files.createTempDirectory("atoll-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = FreePort.find();
        Map<String, String> flags = new HashMap<>();
        flags.put("ATOLL_PORT", Integer.toString(port));
        flags.put("ATOLL_DOMAIN", "localhost:" + port);
        flags.put("ATOLL_DATA_DIR", dir.toString());
        flags.put("ATOLL_DB_URL", TestDatabases.freshUrl(dir));
        flags.put("ATOLL_BIND", "127.0.0.1");
        // tests make hundreds of requests with one token and sign up many accounts from 127.0.0.1; RateLimitsIT turns it on
        flags.put("ATOLL_RATE_LIMIT", "off");
        flags.putAll(env);
        return start(dir, flags, setup);
    }

    private static TestInstance start(Path dir, Map<String, String> flags, Consumer<App> setup) {
        Settings settings = new SettingsLoader(flags, Map.of(), null).load();
        return new TestInstance(dir, launch(settings, setup), Map.copyOf(flags));
    }

    /** Starts (or restarts) an instance on an existing data dir and settings. */
    public static TestInstance start(Path dir, Settings settings) { return start(dir, settings, app -> {}); }

    public static TestInstance start(Path dir, Settings settings, Consumer<App> setup) {
        return new TestInstance(dir, launch(settings, setup), null);
    }

    private static App launch(Settings settings, Consumer<App> setup) {
        App app = new App(settings);
        app.infra.jobs.pollingInterval(Duration.ofMillis(100));
        try {
            setup.accept(app);
            if (settings.role().worker()) app.startWorkers();
            if (settings.role().web()) app.startWeb();
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Stops this instance (keeping its data dir and database) and starts a new one on them, as after a crash or a
     * deploy. {@code overrides} change settings (e.g. {@code ATOLL_ROLE}); {@code setup} runs before it starts.
     * Close only the new instance: closing this one would delete the shared data dir.
     */
    public TestInstance restart(Map<String, String> overrides, Consumer<App> setup) {
        stop();
        if (flags == null) {
            if (!overrides.isEmpty()) throw new IllegalStateException("overrides need an instance started from flags");
            return start(dir, app.settings, setup);
        }
        Map<String, String> next = new HashMap<>(flags);
        next.putAll(overrides);
        return start(dir, next, setup);
    }

    public TestInstance restart(Consumer<App> setup) { return restart(Map.of(), setup); }

    public App app() { return app; }

    public Settings settings() { return app.settings; }

    public Path dataDir() { return dir; }

    public String baseUrl() { return app.settings.baseUrl(); }

    public String domain() { return app.settings.domain(); }

    public TestHttp http() { return http; }

    /** Creates a confirmed local account and returns a bearer token with {@code read write follow push}. */
    public String createUser(String username) { return createUser(username, "read write follow push"); }

    public String createUser(String username, String scopes) {
        User user = app.core.accountService.createLocal(new NewLocalAccount(username, username + "@example.test",
                "password-" + username, User.Role.USER, true, true, "en", null, null), true);
        return token(user.accountId(), scopes);
    }

    /** A token for an existing account. */
    public String token(long accountId, String scopes) {
        return app.core.tokens.issue(app.core.oauth.adminCliApp().id(), accountId, Scopes.parse(scopes)).token();
    }

    /** Stops the server but keeps the data dir (for restart tests). */
    public void stop() { app.close(); }

    @Override
    public void close() {
        app.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; the OS cleans up
        }
    }
}

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

    private TestInstance(Path dir, App app) {
        this.dir = dir;
        this.app = app;
        this.http = new TestHttp(app.settings.baseUrl(), app.json);
    }

    public static TestInstance start() { return start(Map.of()); }

    /** Starts an instance; {@code env} adds or overrides {@code ATOLL_*} settings. */
    public static TestInstance start(Map<String, String> env) {
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
        flags.putAll(env);
        Settings settings = new SettingsLoader(flags, Map.of(), null).load();
        return start(dir, settings);
    }

    /** Starts (or restarts) an instance on an existing data dir and settings. */
    public static TestInstance start(Path dir, Settings settings) {
        App app = new App(settings);
        app.jobs.pollingInterval(Duration.ofMillis(100));
        try {
            app.startWorkers().startWeb();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return new TestInstance(dir, app);
    }

    public App app() { return app; }

    public Settings settings() { return app.settings; }

    public Path dataDir() { return dir; }

    public String baseUrl() { return app.settings.baseUrl(); }

    public String domain() { return app.settings.domain(); }

    public TestHttp http() { return http; }

    /** Creates a confirmed local account and returns a bearer token with {@code read write follow push}. */
    public String createUser(String username) { return createUser(username, "read write follow push"); }

    public String createUser(String username, String scopes) {
        User user = app.accountService.createLocal(new NewLocalAccount(username, username + "@example.test",
                "password-" + username, User.Role.USER, true, true, "en", null, null), true);
        return token(user.accountId(), scopes);
    }

    /** A token for an existing account. */
    public String token(long accountId, String scopes) {
        return app.tokens.issue(app.oauth.adminCliApp().id(), accountId, Scopes.parse(scopes)).token();
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

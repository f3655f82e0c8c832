package social.atoll.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database each test instance runs on, chosen by the system property {@code atoll.test.db} (set per surefire
 * execution): {@code sqlite} (a file in the instance's temp dir) or {@code postgres}. PostgreSQL is a real server:
 * {@code ATOLL_TEST_PG_URL} (a {@code jdbc:postgresql://…} URL with user and password of a superuser) if set,
 * otherwise one embedded PostgreSQL per test JVM. Every instance gets a fresh database.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    private TestDatabases() {}

    public static boolean postgres() { return "postgres".equals(System.getProperty("atoll.test.db", "sqlite")); }

    /** A fresh database URL (with credentials in the URL for PostgreSQL). */
    public static String freshUrl(Path dir) {
        if (!postgres()) return "jdbc:sqlite:" + dir.resolve("atoll.db");
        String name = "atoll_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String external = System.getenv("ATOLL_TEST_PG_URL");
        try {
            if (external != null && !external.isBlank()) {
                try (Connection c = java.sql.DriverManager.getConnection(external); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                String base = external.substring(0, external.lastIndexOf('/', external.indexOf('?') < 0 ? external.length() : external.indexOf('?')));
                String query = external.contains("?") ? external.substring(external.indexOf('?')) : "";
                return base + "/" + name + query;
            }
            EmbeddedPostgres pg = embedded();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name + "?user=postgres&password=postgres";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return embedded;
    }
}

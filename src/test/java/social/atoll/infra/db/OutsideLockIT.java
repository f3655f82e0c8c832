package social.atoll.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Another process (a backup tool, an admin command, a {@code sqlite3} shell) may hold SQLite's exclusive lock for
 * a while. Readiness probes and writes that run meanwhile must give their connection back, so that writes resume
 * by themselves once the lock is released — not only after a restart.
 */
class OutsideLockIT {

    @Test
    void writesResumeAfterAnOutsideExclusiveLockIsReleased() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            assumeTrue(atoll.app().infra.db.dialect() == Dialect.SQLITE, "SQLite's file lock");
            String token = atoll.createUser("lock_poster");
            String url = atoll.settings().dbUrl();
            try (Connection outside = DriverManager.getConnection(url); Statement s = outside.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN EXCLUSIVE");
                s.execute("INSERT INTO site_settings (name, value) VALUES ('outside_lock_test', 'held')");
                // while the lock is held: probes, and a post that cannot be written
                CompletableFuture<Integer> post = CompletableFuture.supplyAsync(() ->
                        atoll.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", "during the lock")).status());
                for (int i = 0; i < 3; i++) assertThat(atoll.http().get("/health/ready").status()).isEqualTo(503);
                // the post waits out the writer's busy timeout while the lock is still held, then says so
                var refused = post.get();
                assertThat(refused).isEqualTo(503);
                s.execute("ROLLBACK");
            }
            Await.until("posting works again", () ->
                    atoll.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", "after the lock")).status() == 200);
            assertThat(atoll.http().get("/health/ready").status()).isEqualTo(200);
        }
    }
}

package social.atoll.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestDatabases;
import social.atoll.testing.TestInstance;

/**
 * PostgreSQL restarted under load (an upgrade, a failover, a crash): the server keeps answering — cleanly refusing
 * writes while the database is away — and resumes by itself when it is back, with every post it confirmed still
 * there. Runs in the PostgreSQL pass, on a PostgreSQL of its own so the other tests' database is not disturbed.
 */
class PostgresRestartIT {

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").start();
    }

    @Test
    void writesResumeByThemselvesAfterTheDatabaseRestartsAndNothingConfirmedIsLost() throws Exception {
        assumeTrue(TestDatabases.postgres(), "a PostgreSQL fault");
        Path data = Files.createTempDirectory("atoll-pg-restart");
        int port = FreePort.find();
        EmbeddedPostgres pg = start(data, port);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE atoll_restart");
        }
        String url = "jdbc:postgresql://localhost:" + port + "/atoll_restart?user=postgres&password=postgres";
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_DB_URL", url))) {
            String token = atoll.createUser("steady");
            Map<String, String> confirmed = new ConcurrentHashMap<>(); // id → text
            List<Integer> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            Thread poster = Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    var r = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "steady " + i));
                    if (r.status() == 200) confirmed.put(r.json().get("id").asText(), "steady " + i);
                    else refusals.add(r.status());
                }
            });
            Await.until("posting is under way", () -> confirmed.size() >= 30);
            pg.close(); // the database goes away under load
            int before = confirmed.size();
            Await.until("a write is refused while the database is away", Duration.ofSeconds(60), () -> !refusals.isEmpty());
            var ready = atoll.http().get("/health/ready");
            assertThat(ready.status()).as("readiness says the database is away").isEqualTo(503);

            pg = start(data, port);
            Await.until("writes resume by themselves", Duration.ofSeconds(90), () -> confirmed.size() >= before + 30);
            stop.set(true);
            poster.join();

            assertThat(refusals).as("refused writes are a clean 503, not a 500").allMatch(status -> status == 503);
            assertThat(atoll.http().get("/health/ready").status()).isEqualTo(200);
            for (var post : confirmed.entrySet()) {
                var r = atoll.http().get("/api/v1/statuses/" + post.getKey(), token);
                assertThat(r.status()).as("post " + post.getKey()).isEqualTo(200);
                assertThat(r.json().get("content").asText()).contains(post.getValue());
            }
        } finally {
            pg.close();
        }
    }
}

package social.atoll.federation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.atoll.core.instance.InstanceHealthStore;
import social.atoll.infra.db.Database;

class InstanceHealthTest {

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2025-11-01T00:00:00Z");

        @Override
        public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }

    private Path dir;
    private Database db;
    private final MovableClock clock = new MovableClock();
    private InstanceHealth health;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("health");
        db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
        db.migrate();
        health = new InstanceHealth(new InstanceHealthStore(db), clock);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aHostFailingForAWeekBecomesUnavailableAndOneSuccessBringsItBack() {
        assertThat(health.failed("down.example")).isFalse();
        clock.now = clock.now.plus(Duration.ofDays(3));
        assertThat(health.failed("down.example")).isFalse();
        assertThat(health.unavailable("down.example")).isFalse();
        clock.now = clock.now.plus(Duration.ofDays(4));
        assertThat(health.failed("down.example")).isTrue();
        assertThat(health.unavailable("down.example")).isTrue();
        assertThat(health.failed("down.example")).isFalse(); // already unavailable: no second probe

        health.succeeded("down.example");
        assertThat(health.unavailable("down.example")).isFalse();
        // the failure streak starts over
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(health.failed("down.example")).isFalse();
        assertThat(health.unavailable("down.example")).isFalse();
    }

    @Test
    void aSuccessInTheMiddleResetsTheStreak() {
        health.failed("flaky.example");
        clock.now = clock.now.plus(Duration.ofDays(5));
        health.succeeded("flaky.example");
        clock.now = clock.now.plus(Duration.ofDays(5));
        assertThat(health.failed("flaky.example")).isFalse();
        assertThat(health.unavailable("flaky.example")).isFalse();
        assertThat(health.unavailable("never-seen.example")).isFalse();
    }
}

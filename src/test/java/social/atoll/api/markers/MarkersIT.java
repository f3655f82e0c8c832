package social.atoll.api.markers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/** Markers (with their optimistic lock) and preferences. */
class MarkersIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void requestedMarkersExistBeforeFirstUse() {
        String token = atoll.createUser("marker_new");
        var r = atoll.http().get("/api/v1/markers?timeline[]=home&timeline[]=notifications", token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("notifications").get("last_read_id").asText()).isEqualTo("0");
        assertThat(r.json().get("home").get("version").asInt()).isZero();
        var onlyHome = atoll.http().get("/api/v1/markers?timeline[]=home", token);
        assertThat(onlyHome.json().has("notifications")).isFalse();
        assertThat(atoll.http().get("/api/v1/markers", token).json().size()).isZero();
    }

    @Test
    void savingRoundTripsAndBumpsTheVersion() {
        String token = atoll.createUser("marker_saver");
        var first = atoll.http().postForm("/api/v1/markers", token, Map.of("home[last_read_id]", "103206604258487607"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("home").get("last_read_id").asText()).isEqualTo("103206604258487607");
        assertThat(first.json().get("home").get("version").asInt()).isZero();
        assertThat(first.json().has("notifications")).isFalse();

        var second = atoll.http().postJson("/api/v1/markers", token,
                Map.of("home", Map.of("last_read_id", "103206604258487610"), "notifications", Map.of("last_read_id", "5")));
        assertThat(second.json().get("home").get("version").asInt()).isEqualTo(1);
        assertThat(second.json().get("notifications").get("version").asInt()).isZero();

        var read = atoll.http().get("/api/v1/markers?timeline[]=home&timeline[]=notifications", token).json();
        assertThat(read.get("home").get("last_read_id").asText()).isEqualTo("103206604258487610");
        assertThat(read.get("home").get("version").asInt()).isEqualTo(1);
        assertThat(read.get("home").get("updated_at").asText()).endsWith("Z");
        assertThat(read.get("notifications").get("last_read_id").asText()).isEqualTo("5");
    }

    /**
     * Another device's save holds the marker row (PostgreSQL lets this save read the old version meanwhile); when it
     * commits, this save's versioned UPDATE matches nothing: 409. SQLite serializes writers, so saves cannot race there.
     */
    @Test
    void aSaveThatLosesARaceIsAConflict() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(social.atoll.testing.TestDatabases.postgres(), "writers cannot race on SQLite");
        String token = atoll.createUser("marker_racer");
        long account = atoll.app().core.accounts.byAcct("marker_racer", null).orElseThrow().id();
        atoll.http().postForm("/api/v1/markers", token, Map.of("home[last_read_id]", "10"));
        var db = atoll.app().infra.db;
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread other = Thread.ofVirtual().start(() -> db.write(h -> {
            h.createUpdate("UPDATE markers SET version = version + 1, last_read_id = 20 WHERE account_id = :a").bind("a", account).execute();
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        locked.await();
        var save = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> atoll.http().postForm("/api/v1/markers", token, Map.of("home[last_read_id]", "11")));
        social.atoll.testing.Await.until("the save waits for the row lock", () -> db.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE markers%'")
                .mapTo(Integer.class).one()) > 0);
        release.countDown();
        other.join();
        var r = save.get();
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("Conflict during update, please try again");
    }

    @Test
    void errorsAndScopes() {
        String token = atoll.createUser("marker_errors");
        assertThat(atoll.http().postForm("/api/v1/markers", token, Map.of("home[last_read_id]", "abc")).status()).isEqualTo(422);
        assertThat(atoll.http().get("/api/v1/markers?timeline[]=home").status()).isEqualTo(401);
        String readOnly = atoll.createUser("marker_readonly", "read");
        assertThat(atoll.http().postForm("/api/v1/markers", readOnly, Map.of("home[last_read_id]", "1")).status()).isEqualTo(403);
    }

    @Test
    void preferencesUseColonKeysAndTheUsersDefaults() {
        String token = atoll.createUser("prefs_user");
        long account = atoll.app().core.accounts.byAcct("prefs_user", null).orElseThrow().id();
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE users SET default_privacy = 'unlisted', default_sensitive = TRUE, "
                        + "settings = '{\"reading:expand:media\":\"hide_all\",\"reading:expand:spoilers\":true}' WHERE account_id = :a")
                .bind("a", account).execute());
        var r = atoll.http().get("/api/v1/preferences", token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("posting:default:visibility").asText()).isEqualTo("unlisted");
        assertThat(r.json().get("posting:default:sensitive").asBoolean()).isTrue();
        assertThat(r.json().get("reading:expand:media").asText()).isEqualTo("hide_all");
        assertThat(r.json().get("reading:expand:spoilers").asBoolean()).isTrue();
        assertThat(atoll.http().get("/api/v1/preferences", atoll.createUser("prefs_scoped", "read:statuses")).status()).isEqualTo(403);
    }
}

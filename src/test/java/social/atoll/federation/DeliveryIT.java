package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Outbound delivery as durable jobs: refused deliveries are dropped, failed ones retried, unavailable hosts skipped
 * until they speak again, and nothing is lost or sent twice when the sender stops with deliveries pending.
 */
class DeliveryIT {

    private static final Duration RETRY_WAIT = Duration.ofSeconds(60);

    private static TestInstance atoll;
    private static FakeFediServer remote;

    @BeforeAll
    static void start() {
        atoll = Fed.start();
        remote = FakeFediServer.start();
    }

    @AfterAll
    static void stop() {
        remote.close();
        atoll.close();
    }

    private static String post(TestInstance on, String token, String text) {
        return on.http().postJson("/api/v1/statuses", token, Map.of("status", text)).json().get("uri").asText();
    }

    private static List<JsonNode> creates(FakeFediServer server, String statusUri) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : server.received("Create")) if (c.path("object").path("id").asText().equals(statusUri)) out.add(c);
        return out;
    }

    @Test
    void aDeliveryTheReceiverRefusesIsNotRetried() {
        String token = atoll.createUser("refused1");
        FakeFediServer.Actor f = remote.actor("follower20");
        Fed.remoteFollows(atoll, remote, f, "refused1");
        Fed.awaitDeliveries(atoll);
        remote.answerNextPostsWith(410);
        String uri = post(atoll, token, "nobody wants this");
        Await.until("the delivery is given up", () -> atoll.app().infra.jobs.deadJobs(50).stream()
                .anyMatch(j -> j.taskName().equals("federation.delivery") && j.payload().contains(uri)));
        assertThat(atoll.app().infra.jobs.deadJobs(50).stream().filter(j -> j.payload().contains(uri)).findFirst().orElseThrow().failures()).isEqualTo(1);
        assertThat(creates(remote, uri)).hasSize(1);
    }

    @Test
    void aDeliveryThatFailsIsRetried() {
        String token = atoll.createUser("retried1");
        FakeFediServer.Actor f = remote.actor("follower21");
        Fed.remoteFollows(atoll, remote, f, "retried1");
        Fed.awaitDeliveries(atoll);
        remote.answerNextPostsWith(503);
        String uri = post(atoll, token, "try again");
        Await.until("the delivery is retried", RETRY_WAIT, () -> creates(remote, uri).size() == 2);
        Fed.awaitDeliveries(atoll);
        assertThat(atoll.app().infra.jobs.deadJobs(50)).noneMatch(j -> j.payload().contains(uri));
    }

    @Test
    void aRetryAfterAnswerIsHonoured() {
        String token = atoll.createUser("limited1");
        FakeFediServer.Actor f = remote.actor("follower24");
        Fed.remoteFollows(atoll, remote, f, "limited1");
        Fed.awaitDeliveries(atoll);
        remote.answerNextPostWith(429, "1");
        String uri = post(atoll, token, "slow down");
        // one second, not the regular first retry after fifteen
        Await.until("the delivery is repeated after the asked delay", Duration.ofSeconds(10), () -> creates(remote, uri).size() == 2);
        Fed.awaitDeliveries(atoll);
        assertThat(atoll.app().infra.jobs.deadJobs(50)).noneMatch(j -> j.payload().contains(uri));
    }

    @Test
    void anUnavailableHostIsSkippedUntilItSpeaksAgain() {
        String token = atoll.createUser("skipper1");
        FakeFediServer.Actor f = remote.actor("follower22");
        Fed.remoteFollows(atoll, remote, f, "skipper1");
        Fed.awaitDeliveries(atoll);
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE instances SET unavailable = TRUE, failing_since = 1 WHERE domain = :d")
                .bind("d", remote.domain()).execute());
        String skipped = post(atoll, token, "into the void");
        Fed.awaitDeliveries(atoll);
        assertThat(creates(remote, skipped)).isEmpty();

        // any valid activity from the host makes it available again
        Fed.introduce(atoll, remote, f);
        String delivered = post(atoll, token, "welcome back");
        Await.until("delivery resumes", () -> creates(remote, delivered).size() == 1);
    }

    @Test
    void aProbeThatGetsAnAnswerMakesAHostAvailableAgain() {
        atoll.app().infra.db.write(h -> h.createUpdate("""
                        INSERT INTO instances (domain, failing_since, unavailable, created_at) VALUES (:d, 1, TRUE, 1)
                        ON CONFLICT (domain) DO UPDATE SET unavailable = TRUE, failing_since = 1""")
                .bind("d", remote.domain()).execute());
        assertThat(atoll.app().federation.instanceHealth.unavailable(remote.domain())).isTrue();
        atoll.app().infra.db.write(h -> atoll.app().infra.jobs.enqueue(social.atoll.federation.outbox.InstanceProbe.TYPE, "test-probe",
                new social.atoll.federation.outbox.InstanceProbe.Probe(remote.domain(), remote.base() + "/inbox")));
        Await.until("the host is available again", () -> !atoll.app().federation.instanceHealth.unavailable(remote.domain()));
    }

    @Test
    void pendingDeliveriesSurviveARestartAndAreSentExactlyOnce() {
        TestInstance sender = Fed.start();
        FakeFediServer target = FakeFediServer.start();
        int port = target.port();
        TestInstance restarted = null;
        FakeFediServer back = null;
        try {
            String token = sender.createUser("crasher");
            FakeFediServer.Actor f = target.actor("watcher");
            Fed.remoteFollows(sender, target, f, "crasher");
            Fed.awaitDeliveries(sender);
            target.close(); // the receiver goes down
            List<String> uris = List.of(post(sender, token, "one"), post(sender, token, "two"), post(sender, token, "three"));
            Await.until("each delivery has failed once", () -> sender.app().infra.db.read(h -> h.createQuery(
                    "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'federation.delivery' AND consecutive_failures >= 1")
                    .mapTo(Integer.class).one()) == 3);

            back = FakeFediServer.start(port); // the receiver comes back at the same address
            restarted = sender.restart(app -> {}); // the sender stops abruptly and starts again
            FakeFediServer receiver = back;
            Await.until("all three arrive", RETRY_WAIT, () -> uris.stream().allMatch(u -> creates(receiver, u).size() >= 1));
            Fed.awaitDeliveries(restarted);
            for (String u : uris) assertThat(creates(back, u)).hasSize(1);
        } finally {
            if (back != null) back.close();
            if (restarted != null) restarted.close();
            else sender.close();
        }
    }

    @Test
    void inboundActivitiesStoredBeforeAStopAreProcessedAfterTheRestart() {
        TestInstance webOnly = Fed.start(Map.of("ATOLL_ROLE", "web"));
        TestInstance restarted = null;
        try {
            String token = webOnly.createUser("patient");
            FakeFediServer.Actor bob = remote.actor("bob23");
            String me = Fed.actorUri(webOnly, "patient");
            // a private mention from a stranger: its notification is filtered by default, so it is read with include_filtered
            String note = Fed.createNote(bob, bob.uri() + "/statuses/" + Fed.unique(), "<p>are you there?</p>", "[\"" + me + "\"]", "[]",
                    "[{\"type\": \"Mention\", \"href\": \"" + me + "\"}]", null);
            assertThat(remote.post(Fed.sharedInbox(webOnly), bob, note)).isEqualTo(202);
            assertThat(webOnly.app().infra.jobs.pendingCounts().get("federation.inbox")).isEqualTo(1);
            assertThat(webOnly.http().get("/api/v1/notifications?include_filtered=true", token).json()).isEmpty();

            restarted = webOnly.restart(Map.of("ATOLL_ROLE", "all"), app -> {});
            TestInstance now = restarted;
            Await.until("the stored activity is processed", () -> now.http().get("/api/v1/notifications?include_filtered=true", token).json().size() == 1);
            Fed.awaitInboxIdle(now);
            assertThat(now.http().get("/api/v1/notifications?include_filtered=true", token).json()).hasSize(1);
        } finally {
            if (restarted != null) restarted.close();
            else webOnly.close();
        }
    }
}

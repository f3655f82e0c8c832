package social.atoll.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.TestInstance;

/**
 * The inbox's doors: what a request must prove before anything is stored, and what is stored once. Each refused
 * request is checked to have left no trace (no remembered activity id, no job, no status).
 */
class InboxIntakeIT {

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

    private static int seen(String activityId) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM inbox_seen_activities WHERE activity_id = :id")
                .bind("id", activityId).mapTo(Integer.class).one());
    }

    private static String mentionNote(FakeFediServer.Actor actor, long n, String local) {
        return Fed.createNote(actor, actor.uri() + "/statuses/" + n, "<p>hi</p>", "[\"" + Fed.actorUri(atoll, local) + "\"]", "[]",
                "[{\"type\": \"Mention\", \"href\": \"" + Fed.actorUri(atoll, local) + "\"}]", null);
    }

    /** Also the filtered ones: a private mention from a stranger is filtered by default (Mastodon 4.3's policy). */
    private static int notifications(String token) {
        return atoll.http().get("/api/v1/notifications?include_filtered=true", token).json().size();
    }

    @Test
    void unsignedTamperedAndWrongKeyRequestsAre401AndStoreNothing() throws Exception {
        String token = atoll.createUser("guarded");
        FakeFediServer.Actor bob = remote.actor("bob5");
        long n = Fed.unique();
        String activity = mentionNote(bob, n, "guarded");
        String activityId = bob.uri() + "/statuses/" + n + "/activity";

        assertThat(remote.postUnsigned(Fed.sharedInbox(atoll), activity)).isEqualTo(401);

        byte[] body = activity.getBytes(StandardCharsets.UTF_8);
        byte[] tampered = activity.replace("<p>hi</p>", "<p>pay me</p>").getBytes(StandardCharsets.UTF_8);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob.keyId(), bob.keys(), body, tampered)).isEqualTo(401);

        var g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob.keyId(), g.generateKeyPair(), body, null)).isEqualTo(401);

        // signed by one actor, claiming to be another
        FakeFediServer.Actor carol = remote.actor("carol5");
        assertThat(remote.post(Fed.sharedInbox(atoll), carol, activity)).isEqualTo(401);

        Fed.awaitInboxIdle(atoll);
        assertThat(seen(activityId)).isZero();
        assertThat(notifications(token)).isZero();

        // the same activity properly signed goes through
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, activity)).isEqualTo(202);
        social.atoll.testing.Await.until("the mention arrives", () -> notifications(token) == 1);
        assertThat(seen(activityId)).isEqualTo(1);
    }

    @Test
    void badBodiesAndUnknownInboxesAreRefused() {
        FakeFediServer.Actor bob = remote.actor("bob6");
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, "not json")).isEqualTo(400);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, "[1, 2]")).isEqualTo(400);
        String big = "{\"@context\": \"https://www.w3.org/ns/activitystreams\", \"type\": \"Note\", \"content\": \"" + "x".repeat(1024 * 1024) + "\"}";
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, big)).isEqualTo(413);
        assertThat(remote.post(atoll.baseUrl() + "/users/nobody/inbox", bob, mentionNote(bob, Fed.unique(), "nobody"))).isEqualTo(404);
        // an activity claiming an id on the receiving server
        String local = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/users/x#likes/1", "type": "Like", "actor": "%s",
                 "object": "%s/users/x/statuses/1"}""".formatted(atoll.baseUrl(), bob.uri(), atoll.baseUrl());
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, local)).isEqualTo(400);
    }

    @Test
    void activitiesWithoutTheActivityStreamsContextAndUnknownTypesAreAcceptedAndIgnored() {
        String token = atoll.createUser("quiet");
        FakeFediServer.Actor bob = remote.actor("bob7");
        long n = Fed.unique();
        String noContext = mentionNote(bob, n, "quiet").replace("\"https://www.w3.org/ns/activitystreams\", ", "");
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, noContext)).isEqualTo(202);
        assertThat(seen(bob.uri() + "/statuses/" + n + "/activity")).isZero();
        String listen = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/listens/%d", "type": "Listen", "actor": "%s",
                 "object": "%s/tracks/1"}""".formatted(bob.uri(), Fed.unique(), bob.uri(), remote.base());
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, listen)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(notifications(token)).isZero();
        assertThat(atoll.app().infra.jobs.deadJobs(10)).noneMatch(j -> j.taskName().equals("federation.inbox"));
    }

    @Test
    void aReplayedActivityIdIsStoredOnce() {
        String token = atoll.createUser("replayed");
        FakeFediServer.Actor bob = remote.actor("bob8");
        long n = Fed.unique();
        String activity = mentionNote(bob, n, "replayed");
        // the same Create to the shared inbox and to the personal inbox (GoToSocial-style fan-out), then a replay
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, activity)).isEqualTo(202);
        assertThat(remote.post(atoll.baseUrl() + "/users/replayed/inbox", bob, activity)).isEqualTo(202);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, activity)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(seen(bob.uri() + "/statuses/" + n + "/activity")).isEqualTo(1);
        assertThat(notifications(token)).isEqualTo(1);
        int stored = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE uri = :u")
                .bind("u", bob.uri() + "/statuses/" + n).mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(1);
    }
}

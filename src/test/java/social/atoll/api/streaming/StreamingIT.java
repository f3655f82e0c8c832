package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/** The streaming API over WebSocket and SSE, against a real server: events, tokens, visibility, errors. */
class StreamingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static String ws(String query) { return atoll.app().settings.streamingOrigin() + "/api/v1/streaming" + query; }

    private static void awaitSubscribers(String topic, int n) {
        Await.until(n + " subscribers on " + topic, () -> atoll.app().streamRegistry.on(topic).size() >= n);
    }

    @Test
    void healthAnswersOk() {
        var r = atoll.http().get("/api/v1/streaming/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("OK");
    }

    @Test
    void userStreamOverWebSocketWithTokenAsSubprotocol() {
        User reader = f.user("ws_reader");
        User author = f.user("ws_author");
        f.follow(reader, author);
        try (StreamClient c = StreamClient.webSocket(ws(""), null, reader.token())) {
            assertThat(c.subprotocol()).as("the offered protocol is echoed").isEqualTo(reader.token());
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            awaitSubscribers(Subscription.userTopic(reader.id()), 1);

            String id = f.post(author, "hello followers", "private").get("id").asText();
            var e = c.next(x -> x.event().equals("update"));
            assertThat(e.stream().toString()).isEqualTo("[\"user\"]");
            var status = e.json(JSON);
            assertThat(status.get("id").asText()).isEqualTo(id);
            assertThat(status.get("favourited").asBoolean(true)).as("rendered for the receiver").isFalse();
            assertThat(status.get("account").get("username").asText()).isEqualTo("ws_author");

            // a favourite by the author's follower notifies the author, not the reader; the reader's own post is on their stream
            String own = f.post(reader, "my own", "public").get("id").asText();
            assertThat(c.next(x -> x.event().equals("update")).json(JSON).get("id").asText()).isEqualTo(own);

            assertThat(atoll.http().delete("/api/v1/statuses/" + id, author.token()).status()).isEqualTo(200);
            var d = c.next(x -> x.event().equals("delete"));
            assertThat(d.payload()).isEqualTo(id);
        }
    }

    @Test
    void publicLocalOverWebSocketWithQueryTokenHidesPrivatePostsFromStrangers() {
        User stranger = f.user("ws_stranger");
        User author = f.user("ws_poster");
        try (StreamClient c = StreamClient.webSocket(ws("?stream=public:local&access_token=" + stranger.token()), null, null)) {
            awaitSubscribers("public:local", 1);
            f.post(author, "followers only", "private");
            f.post(author, "unlisted", "unlisted");
            String pub = f.post(author, "for everyone", "public").get("id").asText();
            var e = c.next();
            assertThat(e.event()).isEqualTo("update");
            assertThat(e.stream().toString()).isEqualTo("[\"public:local\"]");
            assertThat(e.json(JSON).get("id").asText()).as("the private and unlisted posts came first and were not sent").isEqualTo(pub);
        }
    }

    @Test
    void blockedAccountsNeverReachTheBlocker() {
        User blocker = f.user("ws_blocker");
        User blocked = f.user("ws_blocked");
        User other = f.user("ws_other");
        assertThat(atoll.http().postJson("/api/v1/accounts/" + blocked.id() + "/block", blocker.token(), Map.of()).status()).isEqualTo(200);
        try (StreamClient c = StreamClient.webSocket(ws(""), blocker.token(), null)) {
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"public:local\"}");
            awaitSubscribers("public:local", 1);
            f.post(blocked, "you blocked me", "public");
            f.post(other, "mentioning @ws_blocked", "public");
            String fine = f.post(other, "nothing to hide", "public").get("id").asText();
            assertThat(c.next().json(JSON).get("id").asText()).isEqualTo(fine);
        }
    }

    @Test
    void hideFiltersOfTheReceiverApply() {
        User reader = f.user("ws_filterer");
        User author = f.user("ws_sprouter");
        var filter = atoll.http().postJson("/api/v2/filters", reader.token(), Map.of("title", "veg", "context", java.util.List.of("public"),
                "filter_action", "hide", "keywords_attributes", java.util.List.of(Map.of("keyword", "sprouts"))));
        assertThat(filter.status()).as(filter.body()).isEqualTo(200);
        try (StreamClient c = StreamClient.webSocket(ws("?stream=public:local"), reader.token(), null)) {
            awaitSubscribers("public:local", 1);
            f.post(author, "brussels sprouts", "public");
            String carrots = f.post(author, "carrots", "public").get("id").asText();
            assertThat(c.next().json(JSON).get("id").asText()).isEqualTo(carrots);
        }
    }

    @Test
    void hashtagSubscriptionEchoesTheTagAndUnknownStreamsAreErrors() {
        User reader = f.user("ws_tagreader");
        User author = f.user("ws_tagger");
        try (StreamClient c = StreamClient.webSocket(ws(""), reader.token(), null)) {
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"nonsense\"}");
            assertThat(c.nextError().get("error").asText()).isEqualTo("Unknown stream type");
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"JavaStream\"}");
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"JavaStream\"}"); // a duplicate is a no-op
            awaitSubscribers(Subscription.hashtagTopic(false, "javastream"), 1);
            f.post(author, "no tag here", "public");
            String tagged = f.post(author, "about #javastream", "public").get("id").asText();
            var e = c.next();
            assertThat(e.stream().toString()).isEqualTo("[\"hashtag\",\"JavaStream\"]");
            assertThat(e.json(JSON).get("id").asText()).isEqualTo(tagged);
            c.sendText("{\"type\":\"unsubscribe\",\"stream\":\"hashtag\",\"tag\":\"JavaStream\"}");
            Await.until("unsubscribed", () -> atoll.app().streamRegistry.on(Subscription.hashtagTopic(false, "javastream")).isEmpty());
        }
    }

    @Test
    void editsFiltersConversationsAndAnnouncementsFlowToTheirStreams() {
        User reader = f.user("ws_events_reader");
        User author = f.user("ws_events_author");
        f.follow(reader, author);
        try (StreamClient c = StreamClient.webSocket(ws(""), reader.token(), null)) {
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            c.sendText("{\"type\":\"subscribe\",\"stream\":\"direct\"}");
            awaitSubscribers(Subscription.userTopic(reader.id()), 1);
            awaitSubscribers("direct:" + reader.id(), 1);

            String id = f.post(author, "first words", "public").get("id").asText();
            c.next(e -> e.event().equals("update"));
            assertThat(atoll.http().putJson("/api/v1/statuses/" + id, author.token(), Map.of("status", "second words")).status()).isEqualTo(200);
            var edited = c.next(e -> e.event().equals("status.update"));
            assertThat(edited.json(JSON).get("content").asText()).contains("second words");

            var filter = atoll.http().postJson("/api/v2/filters", reader.token(), Map.of("title", "no spoilers",
                    "context", java.util.List.of("home"), "keywords_attributes", java.util.List.of(Map.of("keyword", "spoiler"))));
            assertThat(filter.status()).as(filter.body()).isEqualTo(200);
            var changed = c.next(e -> e.event().equals("filters_changed"));
            assertThat(changed.payload()).isNull();
            assertThat(changed.stream().toString()).isEqualTo("[\"user\"]");

            String dm = f.post(author, "psst @ws_events_reader", "direct").get("id").asText();
            var conversation = c.next(e -> e.event().equals("conversation"));
            assertThat(conversation.stream().toString()).isEqualTo("[\"direct\"]");
            assertThat(conversation.json(JSON).get("last_status").get("id").asText()).isEqualTo(dm);

            atoll.app().core.announcements.create("Maintenance tonight", null, null, false);
            var announcement = c.next(e -> e.event().equals("announcement"));
            assertThat(announcement.json(JSON).get("content").asText()).contains("Maintenance tonight");
            assertThat(announcement.json(JSON).get("read").asBoolean(true)).isFalse();
        }
    }

    @Test
    void sseStreamsWithHeaderTokenAndHeartbeatLessEvents() {
        User reader = f.user("sse_reader");
        User author = f.user("sse_author");
        try (StreamClient c = StreamClient.sse(atoll.baseUrl() + "/api/v1/streaming/public/local", reader.token())) {
            awaitSubscribers("public:local", 1);
            f.post(author, "secret", "direct");
            String id = f.post(author, "over SSE", "public").get("id").asText();
            var e = c.next();
            assertThat(e.event()).isEqualTo("update");
            assertThat(e.json(JSON).get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void notificationsReachUserNotificationStreamOverSse() {
        User author = f.user("sse_notified");
        User fan = f.user("sse_fan");
        try (StreamClient c = StreamClient.sse(atoll.baseUrl() + "/api/v1/streaming/user/notification?access_token=" + author.token(), null)) {
            awaitSubscribers(Subscription.notificationTopic(author.id()), 1);
            String id = f.post(author, "like me", "public").get("id").asText();
            assertThat(atoll.http().postJson("/api/v1/statuses/" + id + "/favourite", fan.token(), Map.of()).status()).isEqualTo(200);
            var n = c.next().json(JSON);
            assertThat(n.get("type").asText()).isEqualTo("favourite");
            assertThat(n.get("account").get("username").asText()).isEqualTo("sse_fan");
            assertThat(n.get("status").get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void sseErrors() {
        String token = f.user("sse_errors").token();
        var unknown = atoll.http().get("/api/v1/streaming/nonsense", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Unknown channel requested");
        assertThat(atoll.http().get("/api/v1/streaming/user").status()).isEqualTo(401);
        assertThat(atoll.http().get("/api/v1/streaming/user", "not-a-token").status()).isEqualTo(401);
        assertThat(atoll.http().get("/api/v1/streaming/hashtag", token).status()).isEqualTo(400);
        assertThat(atoll.http().get("/api/v1/streaming/list?list=12345", token).status()).isEqualTo(404);
        String readOnlyFollows = atoll.createUser("sse_scoped", "read:follows");
        assertThat(atoll.http().get("/api/v1/streaming/user", readOnlyFollows).status()).isEqualTo(403);
    }

    /** Two nodes on one PostgreSQL database: a post through node A reaches a stream on node B (LISTEN/NOTIFY). */
    @Test
    void aPostOnOneNodeReachesAStreamOnAnother() {
        org.junit.jupiter.api.Assumptions.assumeTrue(social.atoll.testing.TestDatabases.postgres(), "one node on SQLite");
        User reader = f.user("node_reader");
        User author = f.user("node_author");
        f.follow(reader, author);
        try (TestInstance b = TestInstance.start(Map.of("ATOLL_DB_URL", atoll.settings().dbUrl()))) {
            String tokenOnB = b.token(reader.id(), "read");
            String url = b.app().settings.streamingOrigin() + "/api/v1/streaming?stream=user";
            try (StreamClient user = StreamClient.webSocket(url, tokenOnB, null);
                 StreamClient local = StreamClient.sse(b.baseUrl() + "/api/v1/streaming/public/local", tokenOnB)) {
                Await.until("subscribed on node B", () -> !b.app().streamRegistry.on(Subscription.userTopic(reader.id())).isEmpty()
                        && !b.app().streamRegistry.on("public:local").isEmpty());
                String id = f.post(author, "across nodes", "public").get("id").asText();
                assertThat(user.next(e -> e.event().equals("update")).json(JSON).get("id").asText()).isEqualTo(id);
                assertThat(local.next().json(JSON).get("id").asText()).isEqualTo(id);
            }
        }
    }

    @Test
    void webSocketWithoutValidTokenIsRefused() {
        assertThatThrownBy(() -> StreamClient.webSocket(ws(""), null, null)).rootCause().hasMessageContaining("401");
        assertThatThrownBy(() -> StreamClient.webSocket(ws("?access_token=wrong"), null, null)).rootCause().hasMessageContaining("401");
    }
}

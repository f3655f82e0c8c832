package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Streaming renders a status once for all the followers who see it alike and once per receiver for the others (its
 * author, the accounts it mentions, those with a flag set on it) and overlays filters. Whatever the path, each
 * receiver's event must be exactly what {@code GET /api/v1/statuses/:id} answers that receiver, and receivers who
 * mute the author or hide it with a filter get nothing.
 */
class SharedRenderingStreamIT {

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

    private static StreamClient userStream(User u) {
        StreamClient c = StreamClient.webSocket(atoll.app().settings.streamingOrigin() + "/api/v1/streaming?stream=user", u.token(), null);
        Await.until(u.name() + " on the user stream", () -> !atoll.app().streamRegistry.on(Subscription.userTopic(u.id())).isEmpty());
        return c;
    }

    private static JsonNode asSeenBy(User u, String statusId) {
        var r = atoll.http().get("/api/v1/statuses/" + statusId, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void filter(User u, String keyword, String action) {
        var r = atoll.http().postJson("/api/v2/filters", u.token(), Map.of("title", keyword + " " + action, "context", List.of("home"),
                "filter_action", action, "keywords_attributes", List.of(Map.of("keyword", keyword))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void everyReceiverGetsTheirOwnViewOfOnePostAndMutersAndHidersGetNothing() {
        User author = f.user("sr_author");
        User plain1 = f.user("sr_plain1");
        User plain2 = f.user("sr_plain2");
        User mentioned = f.user("sr_mentioned");
        User fan = f.user("sr_fan");
        User warned = f.user("sr_warned");
        User hider = f.user("sr_hider");
        User muter = f.user("sr_muter");
        List<User> followers = List.of(plain1, plain2, mentioned, fan, warned, hider, muter);
        User other = f.user("sr_other");
        for (User u : followers) f.follow(u, author);
        f.follow(muter, other);
        filter(warned, "kale", "warn");
        filter(hider, "kale", "hide");
        assertThat(atoll.http().postJson("/api/v1/accounts/" + author.id() + "/mute", muter.token(), Map.of()).status()).isEqualTo(200);

        Map<User, StreamClient> streams = new LinkedHashMap<>();
        try {
            streams.put(author, userStream(author));
            for (User u : followers) streams.put(u, userStream(u));

            String kale = f.post(author, "kale for @sr_mentioned", "public").get("id").asText();
            for (User u : List.of(author, plain1, plain2, mentioned, fan, warned)) {
                var e = streams.get(u).next(x -> x.event().equals("update"));
                assertThat(e.json(JSON)).as("%s's update", u.name()).isEqualTo(asSeenBy(u, kale));
            }
            JsonNode ownView = asSeenBy(author, kale);
            assertThat(ownView.get("application")).as("the author's own view names the app").isNotNull();
            assertThat(ownView.get("pinned").asBoolean(true)).isFalse();
            assertThat(asSeenBy(warned, kale).get("filtered")).as("the warn filter matched").hasSize(1);
            assertThat(asSeenBy(plain1, kale).get("filtered")).isEmpty();
            assertThat(asSeenBy(plain1, kale).has("application")).as("only the author sees the app").isFalse();

            // the hider's first update is the later, unfiltered post; the muter's is the next one by someone else
            String plain = f.post(author, "nothing to filter", "public").get("id").asText();
            assertThat(streams.get(hider).next(x -> x.event().equals("update")).json(JSON).get("id").asText()).isEqualTo(plain);
            String otherPost = f.post(other, "someone else", "public").get("id").asText();
            assertThat(streams.get(muter).next(x -> x.event().equals("update")).json(JSON).get("id").asText()).isEqualTo(otherPost);
            for (User u : List.of(author, plain1, plain2, mentioned, fan, warned))
                assertThat(streams.get(u).next(x -> x.event().equals("update")).json(JSON).get("id").asText()).isEqualTo(plain);

            // flags: the fan favourites and bookmarks it; the edit reaches everyone holding it, each with their own flags
            assertThat(atoll.http().postJson("/api/v1/statuses/" + kale + "/favourite", fan.token(), Map.of()).status()).isEqualTo(200);
            assertThat(atoll.http().postJson("/api/v1/statuses/" + kale + "/bookmark", fan.token(), Map.of()).status()).isEqualTo(200);
            assertThat(atoll.http().putJson("/api/v1/statuses/" + kale, author.token(), Map.of("status", "more kale for @sr_mentioned")).status())
                    .isEqualTo(200);
            for (User u : List.of(author, plain1, plain2, mentioned, fan, warned)) {
                var e = streams.get(u).next(x -> x.event().equals("status.update"));
                assertThat(e.json(JSON)).as("%s's status.update", u.name()).isEqualTo(asSeenBy(u, kale));
            }
            JsonNode fans = asSeenBy(fan, kale);
            assertThat(fans.get("favourited").asBoolean()).isTrue();
            assertThat(fans.get("bookmarked").asBoolean()).isTrue();
            assertThat(asSeenBy(plain1, kale).get("favourited").asBoolean(true)).isFalse();
            assertThat(asSeenBy(plain1, kale).get("favourites_count").asInt()).isEqualTo(1);
        } finally {
            streams.values().forEach(StreamClient::close);
        }
    }

    @Test
    void aBoostReachesTheBoostersFollowersAsTheyWouldReadIt() {
        User original = f.user("sr_original");
        User booster = f.user("sr_booster");
        User reader1 = f.user("sr_reader1");
        User reader2 = f.user("sr_reader2");
        User third = f.user("sr_third");
        for (User u : List.of(reader1, reader2, third)) f.follow(u, booster);
        String status = f.post(original, "worth sharing", "public").get("id").asText();
        Map<User, StreamClient> streams = new LinkedHashMap<>();
        try {
            for (User u : List.of(reader1, reader2, third)) streams.put(u, userStream(u));
            // the third reader bookmarked the boosted post: their boost shows it bookmarked, the others' does not
            assertThat(atoll.http().postJson("/api/v1/statuses/" + status + "/bookmark", third.token(), Map.of()).status()).isEqualTo(200);
            var r = atoll.http().postJson("/api/v1/statuses/" + status + "/reblog", booster.token(), Map.of());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String boost = readId(r.body());
            for (User u : List.of(reader1, reader2, third)) {
                var e = streams.get(u).next(x -> x.event().equals("update"));
                assertThat(e.json(JSON)).as("%s's update", u.name()).isEqualTo(asSeenBy(u, boost));
            }
            assertThat(asSeenBy(third, boost).get("reblog").get("bookmarked").asBoolean()).isTrue();
            assertThat(asSeenBy(reader1, boost).get("reblog").get("bookmarked").asBoolean(true)).isFalse();
        } finally {
            streams.values().forEach(StreamClient::close);
        }
    }

    @Test
    void aPopularAuthorsPostsReachFollowersThroughTheFanOutJobOnceEach() {
        User popular = f.user("sr_popular");
        User reader1 = f.user("sr_fan1");
        User reader2 = f.user("sr_fan2");
        for (User u : List.of(reader1, reader2)) f.follow(u, popular);
        // more followers than the posting transaction fills itself: the fan-out is a job
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET followers_count = 5000 WHERE id = :id").bind("id", popular.id()).execute());
        Map<User, StreamClient> streams = new LinkedHashMap<>();
        try {
            for (User u : List.of(reader1, reader2)) streams.put(u, userStream(u));
            String first = f.post(popular, "to my many followers", "public").get("id").asText();
            String second = f.post(popular, "and again", "public").get("id").asText();
            for (User u : List.of(reader1, reader2)) {
                var e = streams.get(u).next(x -> x.event().equals("update")).json(JSON);
                assertThat(e.get("id").asText()).isEqualTo(first);
                assertThat(e.get("favourited").asBoolean(true)).isFalse();
                assertThat(streams.get(u).next(x -> x.event().equals("update")).json(JSON).get("id").asText())
                        .as("the next update is the next post: the first came once").isEqualTo(second);
                var home = atoll.http().get("/api/v1/timelines/home", u.token());
                assertThat(Fixtures.ids(home.json())).startsWith(second, first);
            }
        } finally {
            streams.values().forEach(StreamClient::close);
        }
    }

    private static String readId(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

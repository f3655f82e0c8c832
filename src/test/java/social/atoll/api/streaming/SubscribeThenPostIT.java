package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Issue 9, item 2: a client that subscribes right after its socket opens and posts as soon as the server has read
 * the subscribe frame gets the update, every time. Each try drops the previous socket without a close handshake
 * and opens the next at once, as a client restarting does, so the old socket's cleanup races the new subscription.
 * The server has read the frame once the registry files the new connection (Mastodon sends no acknowledgement).
 */
class SubscribeThenPostIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 30;
    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void userStream() {
        User reader = f.user("race_reader");
        User author = f.user("race_author");
        f.follow(reader, author);
        tries(reader, author, "{\"type\":\"subscribe\",\"stream\":\"user\"}", Subscription.userTopic(reader.id()), "");
    }

    @Test
    void hashtagStream() {
        User reader = f.user("race_tag_reader");
        User author = f.user("race_tag_author");
        tries(reader, author, "{\"type\":\"subscribe\",\"stream\":\"hashtag\",\"tag\":\"Racing\"}",
                Subscription.hashtagTopic(false, "racing"), " #racing");
    }

    private static void tries(User reader, User author, String subscribe, String topic, String suffix) {
        String url = atoll.app().settings.streamingOrigin() + "/api/v1/streaming";
        Set<StreamConnection> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        StreamClient previous = null;
        try {
            for (int i = 0; i < TRIES; i++) {
                StreamClient c = StreamClient.webSocket(url, null, reader.token());
                if (previous != null) previous.close();
                previous = c;
                c.sendText(subscribe);
                Await.until("try " + i + " subscribed on " + topic, () -> {
                    for (StreamRegistry.Target t : atoll.app().streamRegistry.on(topic)) if (seen.add(t.connection())) return true;
                    return false;
                });
                String id = f.post(author, "try " + i + suffix, "public").get("id").asText();
                int n = i;
                var e = c.next(x -> x.event().equals("update") && x.json(JSON).get("id").asText().equals(id));
                assertThat(e).as("try %d", n).isNotNull();
            }
        } finally {
            if (previous != null) previous.close();
        }
    }
}

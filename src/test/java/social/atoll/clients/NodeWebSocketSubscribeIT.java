package social.atoll.clients;

import social.atoll.testing.NodeProject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import social.atoll.api.streaming.StreamRegistry;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Node 22's built-in WebSocket ({@code src/test/js/megalodon/ws-subscribe.js}) subscribes to the user and a
 * hashtag stream as soon as the socket opens, twenty times each, and posts as soon as the server has read the
 * subscribe frame (the test tells it so once the registry files the new connection): no update may be lost.
 */
class NodeWebSocketSubscribeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyUpdateReachesASubscriptionSentRightAfterOpen() {
        NodeProject node = NodeProject.install("megalodon");
        try (TestInstance atoll = TestInstance.start()) {
            String reader = atoll.createUser("reader");
            String author = atoll.createUser("author");
            long readerId = atoll.app().core.accounts.byAcct("reader", null).orElseThrow().id();
            long authorId = atoll.app().core.accounts.byAcct("author", null).orElseThrow().id();
            var follow = atoll.http().postJson("/api/v1/accounts/" + authorId + "/follow", reader, Map.of());
            assertThat(follow.status()).isEqualTo(200);
            StreamRegistry registry = atoll.app().streamRegistry;
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            NodeProject.Run run = node.run("ws-subscribe.js", Map.of("ATOLL_URL", atoll.baseUrl(),
                            "STREAMING_URL", atoll.app().settings.streamingOrigin(), "READER_TOKEN", reader, "AUTHOR_TOKEN", author,
                            "STREAMS", "[{\"stream\":\"user\"},{\"stream\":\"hashtag\",\"tag\":\"racing\"}]", "TRIES", "20",
                            "GO", "stdin"),
                    Duration.ofMinutes(3), (line, stdin) -> {
                        System.out.println("[node] " + line);
                        if (!line.startsWith("{\"subscribing\"")) return;
                        JsonNode m = read(line);
                        String topic = m.get("stream").asText().equals("user") ? "user:" + readerId : "hashtag:" + m.get("tag").asText();
                        Await.until("try " + m.get("subscribing") + " filed on " + topic, () -> {
                            for (StreamRegistry.Target t : registry.on(topic)) if (seen.add(t.connection())) return true;
                            return false;
                        });
                        stdin.accept("go");
                    });
            String output = String.join("\n", run.lines());
            assertThat(run.timedOut()).as("finished in time; output:\n%s", output).isFalse();
            assertThat(run.exitCode()).as("every try got its update; output:\n%s", output).isZero();
            assertThat(run.lines().stream().filter(l -> l.contains("\"ok\":true")).count()).as(output).isEqualTo(40);
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}

package social.atoll.clients;

import social.atoll.testing.NodeProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * Node 22's built-in WebSocket ({@code src/test/js/megalodon/ws-subscribe.js}) subscribes to the user and a
 * hashtag stream as soon as the socket opens and posts a second later, twenty times each: no update may be lost.
 */
class NodeWebSocketSubscribeIT {

    @Test
    void everyUpdateReachesASubscriptionSentRightAfterOpen() {
        NodeProject node = NodeProject.install("megalodon");
        try (TestInstance atoll = TestInstance.start()) {
            String reader = atoll.createUser("reader");
            String author = atoll.createUser("author");
            long authorId = atoll.app().core.accounts.byAcct("author", null).orElseThrow().id();
            var follow = atoll.http().postJson("/api/v1/accounts/" + authorId + "/follow", reader, Map.of());
            assertThat(follow.status()).isEqualTo(200);
            NodeProject.Run run = node.run("ws-subscribe.js", Map.of("ATOLL_URL", atoll.baseUrl(),
                            "STREAMING_URL", atoll.app().settings.streamingOrigin(), "READER_TOKEN", reader, "AUTHOR_TOKEN", author,
                            "STREAMS", "[{\"stream\":\"user\"},{\"stream\":\"hashtag\",\"tag\":\"racing\"}]", "TRIES", "20"),
                    Duration.ofMinutes(3), line -> System.out.println("[node] " + line));
            String output = String.join("\n", run.lines());
            assertThat(run.timedOut()).as("finished in time; output:\n%s", output).isFalse();
            assertThat(run.exitCode()).as("every try got its update; output:\n%s", output).isZero();
            assertThat(run.lines().stream().filter(l -> l.contains("\"ok\":true")).count()).as(output).isEqualTo(40);
        }
    }
}

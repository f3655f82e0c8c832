package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Quotes on the streaming API (Mastodon 4.5): the quoted author's user stream gets the {@code quote} notification,
 * the quoter's gets {@code quoted_update} when the quoted post is edited, and when the quote is revoked the quoting
 * status comes again as {@code status.update} with its new state.
 */
class QuoteStreamingIT {

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

    private static String ws() { return atoll.app().settings.streamingOrigin() + "/api/v1/streaming"; }

    private static void awaitSubscribers(String topic, int n) {
        Await.until(n + " subscribers on " + topic, () -> atoll.app().streamRegistry.on(topic).size() >= n);
    }

    @Test
    void quoteNotificationsAndStateChangesAreStreamed() {
        User author = f.user("qs_author");
        User quoter = f.user("qs_quoter");
        String original = f.post(author, "a post to quote", "public").get("id").asText();
        try (StreamClient authorStream = StreamClient.webSocket(ws(), author.token(), null);
             StreamClient quoterStream = StreamClient.webSocket(ws(), quoter.token(), null)) {
            authorStream.sendText("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            quoterStream.sendText("{\"type\":\"subscribe\",\"stream\":\"user\"}");
            awaitSubscribers(Subscription.userTopic(author.id()), 1);
            awaitSubscribers(Subscription.userTopic(quoter.id()), 1);

            String quote = f.post(quoter, Map.of("status", "quoting it", "quoted_status_id", original)).get("id").asText();
            JsonNode told = authorStream.next(e -> e.event().equals("notification")).json(JSON);
            assertThat(told.get("type").asText()).isEqualTo("quote");
            assertThat(told.get("status").get("id").asText()).isEqualTo(quote);
            assertThat(told.get("status").get("quote").get("state").asText()).isEqualTo("accepted");

            // the quoted post is edited: the quoter hears of it
            assertThat(atoll.http().putJson("/api/v1/statuses/" + original, author.token(), Map.of("status", "a post to quote, edited")).status())
                    .isEqualTo(200);
            JsonNode updated = quoterStream.next(e -> e.event().equals("notification")).json(JSON);
            assertThat(updated.get("type").asText()).isEqualTo("quoted_update");
            assertThat(updated.get("status").get("id").asText()).isEqualTo(quote);

            // the author revokes: the quoting status comes again on the quoter's stream, revoked
            assertThat(atoll.http().postJson("/api/v1/statuses/" + original + "/quotes/" + quote + "/revoke", author.token(), null).status())
                    .isEqualTo(200);
            JsonNode again = quoterStream.next(e -> {
                if (!e.event().equals("status.update")) return false;
                JsonNode s = e.json(JSON);
                return s.get("id").asText().equals(quote) && s.get("quote").get("state").asText().equals("revoked");
            }).json(JSON);
            assertThat(again.get("quote").get("quoted_status").isNull()).isTrue();
        }
    }
}

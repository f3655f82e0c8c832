package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Streaming and the notification policy: a filtered notification is not pushed, accepting its request says
 * {@code notifications_merged} (payload "1", as Mastodon), and the sender's later notifications are pushed.
 */
class NotificationPolicyStreamingIT {

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

    @Test
    void filteredNotificationsAreNotPushedAndAcceptingMergesThem() {
        User alice = f.user("sp_alice");
        User stranger = f.user("sp_stranger");
        User friend = f.user("sp_friend");
        String post = f.post(alice, "like this", "public").get("id").asText();
        try (StreamClient user = StreamClient.sse(atoll.baseUrl() + "/api/v1/streaming/user?access_token=" + alice.token(), null);
             StreamClient notif = StreamClient.sse(atoll.baseUrl() + "/api/v1/streaming/user/notification?access_token=" + alice.token(), null)) {
            Await.until("both streams subscribed", () -> atoll.app().streamRegistry.on(Subscription.userTopic(alice.id())).size() >= 1
                    && atoll.app().streamRegistry.on(Subscription.notificationTopic(alice.id())).size() >= 1);
            f.post(stranger, "@sp_alice a private word", "direct");
            assertThat(atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", friend.token(), Map.of()).status()).isEqualTo(200);

            // the first notification pushed is the favourite: the filtered mention before it never was
            var first = notif.next(e -> e.event().equals("notification")).json(JSON);
            assertThat(first.get("type").asText()).isEqualTo("favourite");
            var firstOnUser = user.next(e -> e.event().equals("notification")).json(JSON);
            assertThat(firstOnUser.get("type").asText()).isEqualTo("favourite");

            String request = atoll.http().get("/api/v1/notifications/requests", alice.token()).json().get(0).get("id").asText();
            assertThat(atoll.http().postJson("/api/v1/notifications/requests/" + request + "/accept", alice.token(), Map.of()).status())
                    .isEqualTo(200);
            var merged = notif.next(e -> e.event().startsWith("notification") && !e.event().equals("notification"));
            assertThat(merged.event()).isEqualTo("notifications_merged");
            assertThat(merged.payload()).isEqualTo("1");
            assertThat(user.next(e -> e.event().equals("notifications_merged")).payload()).isEqualTo("1");

            f.post(stranger, "@sp_alice thanks for accepting", "direct");
            var later = notif.next(e -> e.event().equals("notification")).json(JSON);
            assertThat(later.get("type").asText()).isEqualTo("mention");
            assertThat(later.get("account").get("username").asText()).isEqualTo("sp_stranger");
        }
    }
}

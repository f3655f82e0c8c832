package social.atoll.api.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class ConversationsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static List<String> lastStatusIds(JsonNode conversations) {
        List<String> out = new ArrayList<>();
        conversations.forEach(c -> out.add(c.get("last_status").get("id").asText()));
        return out;
    }

    @Test
    void directStatusesMakeConversationsWithUnreadState() {
        User alice = f.user("dm_alice");
        User bob = f.user("dm_bob");
        User carol = f.user("dm_carol");
        String first = f.post(alice, "@dm_bob psst", "direct").get("id").asText();
        f.post(alice, "public, not a conversation", "public");

        JsonNode bobs = atoll.http().get("/api/v1/conversations", bob.token()).json();
        assertThat(bobs).hasSize(1);
        JsonNode c = bobs.get(0);
        assertThat(c.get("unread").asBoolean()).isTrue();
        assertThat(c.get("accounts")).hasSize(1);
        assertThat(c.get("accounts").get(0).get("id").asText()).isEqualTo(alice.idString());
        assertThat(c.get("last_status").get("id").asText()).isEqualTo(first);
        JsonNode alices = atoll.http().get("/api/v1/conversations", alice.token()).json();
        assertThat(alices).hasSize(1);
        assertThat(alices.get(0).get("unread").asBoolean()).as("one's own post is read").isFalse();
        assertThat(alices.get(0).get("accounts").get(0).get("id").asText()).isEqualTo(bob.idString());
        assertThat(atoll.http().get("/api/v1/conversations", carol.token()).json()).isEmpty();

        String bobConversation = c.get("id").asText();
        JsonNode read = atoll.http().postJson("/api/v1/conversations/" + bobConversation + "/read", bob.token(), null).json();
        assertThat(read.get("unread").asBoolean()).isFalse();
        assertThat(atoll.http().postJson("/api/v1/conversations/" + bobConversation + "/read", carol.token(), null).status()).isEqualTo(404);

        // a reply in the thread moves it forward and makes it unread for the other side
        String reply = f.reply(bob, "@dm_alice hi back", first, "direct").get("id").asText();
        JsonNode alicesNow = atoll.http().get("/api/v1/conversations", alice.token()).json();
        assertThat(alicesNow).hasSize(1);
        assertThat(alicesNow.get(0).get("unread").asBoolean()).isTrue();
        assertThat(alicesNow.get(0).get("last_status").get("id").asText()).isEqualTo(reply);
        assertThat(atoll.http().get("/api/v1/conversations", bob.token()).json().get(0).get("unread").asBoolean()).isFalse();

        // deleting the latest status hands "latest" back to the previous one
        atoll.http().delete("/api/v1/statuses/" + reply, bob.token());
        assertThat(lastStatusIds(atoll.http().get("/api/v1/conversations", alice.token()).json())).containsExactly(first);

        // removed from the list
        assertThat(atoll.http().delete("/api/v1/conversations/" + bobConversation, carol.token()).status()).isEqualTo(404);
        TestHttp.Response removed = atoll.http().delete("/api/v1/conversations/" + bobConversation, bob.token());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body()).isEqualTo("{}");
        assertThat(atoll.http().get("/api/v1/conversations", bob.token()).json()).isEmpty();
    }

    @Test
    void conversationsPageOnTheirLatestStatusBothWays() {
        User alice = f.user("dmp_alice");
        List<String> latest = new ArrayList<>();
        for (String friend : List.of("dmp_b", "dmp_c", "dmp_d")) {
            f.user(friend);
            latest.add(f.post(alice, "@" + friend + " hello", "direct").get("id").asText());
        }
        TestHttp.Response first = atoll.http().get("/api/v1/conversations?limit=2", alice.token());
        assertThat(lastStatusIds(first.json())).containsExactly(latest.get(2), latest.get(1));
        String link = first.header("Link");
        assertThat(link).startsWith("<" + atoll.baseUrl() + "/api/v1/conversations?limit=2&max_id=" + latest.get(1) + ">; rel=\"next\"");
        String next = link.substring(1, link.indexOf('>'));
        TestHttp.Response second = atoll.http().get(next, alice.token());
        assertThat(lastStatusIds(second.json())).containsExactly(latest.get(0));
        String secondLink = second.header("Link");
        int prevStart = secondLink.indexOf('<', secondLink.indexOf("rel=\"next\""));
        String prev = secondLink.substring(prevStart + 1, secondLink.indexOf('>', prevStart));
        assertThat(lastStatusIds(atoll.http().get(prev, alice.token()).json())).containsExactly(latest.get(2), latest.get(1));

        assertThat(atoll.http().get("/api/v1/conversations", atoll.token(alice.id(), "read:accounts")).status()).isEqualTo(403);
        String id = first.json().get(0).get("id").asText();
        assertThat(atoll.http().postJson("/api/v1/conversations/" + id + "/read", atoll.token(alice.id(), "read write:statuses"), null).status())
                .isEqualTo(403);
    }
}

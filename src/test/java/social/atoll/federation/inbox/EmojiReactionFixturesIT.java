package social.atoll.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Emoji reactions as Akkoma ({@code EmojiReact}, its custom emoji tag named without colons and with no id) and Misskey
 * ({@code Like} with {@code _misskey_reaction}, undone with the Like embedded) send them, from the files under
 * {@code fixtures/activities}: counted once, shown with the emoji's image through the media proxy, notified, and taken
 * back by their Undo.
 */
class EmojiReactionFixturesIT {

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

    private record Local(String token, String name, String statusId, String statusUri) {}

    private static Local local(String name, String visibility) {
        String token = atoll.createUser(name);
        JsonNode s = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "a local post", "visibility", visibility)).json();
        return new Local(token, name, s.get("id").asText(), s.get("uri").asText());
    }

    private static Map<String, String> values(FakeFediServer.Actor actor, Local l, long n) {
        Map<String, String> v = new HashMap<>();
        v.put("actor", actor.uri());
        v.put("base", remote.base());
        v.put("name", actor.name());
        v.put("n", Long.toString(n));
        v.put("local", Fed.actorUri(atoll, l.name()));
        v.put("localStatus", l.statusUri());
        return v;
    }

    private static int send(String fixture, FakeFediServer.Actor actor, Map<String, String> values) {
        return remote.post(Fed.sharedInbox(atoll), actor, Fed.fixture(fixture, values));
    }

    private static JsonNode reactions(Local l) {
        return atoll.http().get("/api/v1/statuses/" + l.statusId(), l.token()).json().path("pleroma").path("emoji_reactions");
    }

    @Test
    void akkomaCustomEmojiReactionIsShownThroughTheProxyNotifiedAndUndone() {
        Local l = local("rx1", "public");
        FakeFediServer.Actor akko = remote.actor("akko");
        long n = Fed.unique();
        Map<String, String> v = values(akko, l, n);
        assertThat(send("akkoma-emojireact-custom.json", akko, v)).isEqualTo(202);
        assertThat(send("akkoma-emojireact-custom.json", akko, v)).isEqualTo(202); // delivered twice: counted once
        Await.until("the reaction counts", () -> reactions(l).size() == 1);
        Fed.awaitInboxIdle(atoll);
        JsonNode r = reactions(l).get(0);
        assertThat(r.get("name").asText()).isEqualTo("mouse@" + remote.domain());
        assertThat(r.get("count").asInt()).isEqualTo(1);
        assertThat(r.get("me").asBoolean()).isFalse();
        assertThat(r.get("url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");

        JsonNode notes = atoll.http().get("/api/v1/notifications", l.token()).json();
        JsonNode note = notes.get(0);
        assertThat(note.get("type").asText()).isEqualTo("pleroma:emoji_reaction");
        assertThat(note.get("emoji").asText()).isEqualTo(":mouse:");
        assertThat(note.get("emoji_url").asText()).isEqualTo(r.get("url").asText());
        assertThat(note.get("account").get("acct").asText()).isEqualTo("akko@" + remote.domain());
        assertThat(note.get("status").get("id").asText()).isEqualTo(l.statusId());

        JsonNode who = atoll.http().get("/api/v1/pleroma/statuses/" + l.statusId() + "/reactions", l.token()).json();
        assertThat(who.get(0).get("accounts").get(0).get("acct").asText()).isEqualTo("akko@" + remote.domain());

        assertThat(send("akkoma-undo-emojireact.json", akko, v)).isEqualTo(202);
        Await.until("the Undo removes it", () -> reactions(l).isEmpty());
        Fed.awaitInboxIdle(atoll);
        assertThat(atoll.http().get("/api/v1/notifications", l.token()).json()).isEmpty();
    }

    @Test
    void misskeyUnicodeReactionAndItsUndo() {
        Local l = local("rx2", "public");
        FakeFediServer.Actor mk = remote.actor("mk");
        long n = Fed.unique();
        Map<String, String> v = values(mk, l, n);
        assertThat(send("misskey-like-unicode.json", mk, v)).isEqualTo(202);
        Await.until("the reaction counts", () -> reactions(l).size() == 1);
        JsonNode s = atoll.http().get("/api/v1/statuses/" + l.statusId(), l.token()).json();
        assertThat(s.get("pleroma").get("emoji_reactions").get(0).get("name").asText()).isEqualTo("🎉");
        assertThat(s.get("pleroma").get("emoji_reactions").get(0).has("url")).isFalse();
        assertThat(s.get("favourites_count").asInt()).isZero();
        JsonNode note = atoll.http().get("/api/v1/notifications", l.token()).json().get(0);
        assertThat(note.get("emoji").asText()).isEqualTo("🎉");
        assertThat(note.has("emoji_url")).isFalse();

        assertThat(send("misskey-undo-like.json", mk, v)).isEqualTo(202);
        Await.until("the Undo removes it", () -> reactions(l).isEmpty());
    }

    @Test
    void reactionToAPostTheActorCannotSeeChangesNothing() {
        Local l = local("rx3", "private");
        FakeFediServer.Actor stranger = remote.actor("stranger");
        assertThat(send("misskey-like-unicode.json", stranger, values(stranger, l, Fed.unique()))).isEqualTo(202);
        assertThat(send("akkoma-emojireact-custom.json", stranger, values(stranger, l, Fed.unique()))).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(reactions(l)).isEmpty();
        assertThat(atoll.http().get("/api/v1/notifications", l.token()).json()).isEmpty();
    }
}

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
 * Payloads as Mastodon, Pixelfed, GoToSocial, Misskey, Pleroma/Akkoma, Friendica and PeerTube send them (files under
 * {@code fixtures/activities}), each accepted and mapped, or ignored for the reason its test names.
 */
class FixturesIT {

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

    private static Local local(String name) {
        String token = atoll.createUser(name);
        JsonNode s = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "a local post")).json();
        return new Local(token, name, s.get("id").asText(), s.get("uri").asText());
    }

    private static Map<String, String> values(FakeFediServer.Actor actor, Local l, long n) {
        Map<String, String> v = new HashMap<>();
        v.put("actor", actor.uri());
        v.put("base", remote.base());
        v.put("name", actor.name());
        v.put("domain", remote.domain());
        v.put("n", Long.toString(n));
        v.put("local", Fed.actorUri(atoll, l.name()));
        v.put("localUrl", atoll.baseUrl() + "/@" + l.name());
        v.put("localName", l.name());
        v.put("localDomain", atoll.domain());
        v.put("localStatus", l.statusUri());
        return v;
    }

    private static JsonNode mentionWhenItArrives(Local l) {
        Await.until("the mention arrives", () -> atoll.http().get("/api/v1/notifications?types[]=mention", l.token()).json().size() == 1);
        return atoll.http().get("/api/v1/notifications?types[]=mention", l.token()).json().get(0).get("status");
    }

    private static int send(String fixture, FakeFediServer.Actor actor, Map<String, String> values) {
        return remote.post(Fed.sharedInbox(atoll), actor, Fed.fixture(fixture, values));
    }

    @Test
    void mastodonNoteWithMentionAndHashtagThenItsDelete() {
        Local l = local("fx1");
        FakeFediServer.Actor m = remote.actor("masto1");
        long n = Fed.unique();
        assertThat(send("mastodon-create-note.json", m, values(m, l, n))).isEqualTo(202);
        JsonNode s = mentionWhenItArrives(l);
        assertThat(s.get("visibility").asText()).isEqualTo("public");
        assertThat(s.get("content").asText()).contains("from Mastodon").doesNotContain("<script");
        assertThat(s.get("url").asText()).isEqualTo(remote.base() + "/@masto1/" + n);
        assertThat(s.get("tags").get(0).get("name").asText()).isEqualTo("sunset");
        assertThat(s.get("language").asText()).isEqualTo("en");

        assertThat(send("mastodon-delete-tombstone.json", m, values(m, l, n))).isEqualTo(202);
        Await.until("the status is gone", () -> atoll.http().get("/api/v1/statuses/" + s.get("id").asText(), l.token()).status() == 404);
    }

    @Test
    void pixelfedAlbumKeepsEveryPhotoWithItsAltText() {
        Local l = local("fx2");
        FakeFediServer.Actor p = remote.actor("pixel1");
        assertThat(send("pixelfed-create-album.json", p, values(p, l, Fed.unique()))).isEqualTo(202);
        JsonNode s = mentionWhenItArrives(l);
        var media = atoll.app().infra.db.read(h -> h.createQuery(
                        "SELECT type, remote_url, description FROM media_attachments WHERE status_id = :s ORDER BY position")
                .bind("s", Long.parseLong(s.get("id").asText())).mapToMap().list());
        assertThat(media).hasSize(3);
        assertThat(media.get(0).get("type")).isEqualTo("image");
        assertThat(media.get(0).get("description")).isEqualTo("First photo");
        assertThat(media.get(2).get("remote_url").toString()).endsWith("/storage/m/3.png");
    }

    @Test
    void goToSocialFollowersOnlyPostWithSingleValuedFieldsAndSummaryAltText() {
        Local l = local("fx3");
        FakeFediServer.Actor g = remote.actor("gts1");
        assertThat(send("gotosocial-create-followers-only.json", g, values(g, l, Fed.unique()))).isEqualTo(202);
        JsonNode s = mentionWhenItArrives(l);
        assertThat(s.get("visibility").asText()).isEqualTo("private");
        assertThat(s.get("spoiler_text").asText()).isEmpty();
        var alt = atoll.app().infra.db.read(h -> h.createQuery("SELECT description FROM media_attachments WHERE status_id = :s")
                .bind("s", Long.parseLong(s.get("id").asText())).mapTo(String.class).one());
        assertThat(alt).isEqualTo("A small cat on a sofa");
        // nobody else may see it
        String other = atoll.createUser("fx3other");
        assertThat(atoll.http().get("/api/v1/statuses/" + s.get("id").asText(), other).status()).isEqualTo(404);
    }

    @Test
    void misskeyQuoteIsStoredAsAPostWithItsTextualFallbackAndAnEmptyContentWarning() {
        Local l = local("fx4");
        FakeFediServer.Actor k = remote.actor("misskey1");
        assertThat(send("misskey-create-quote.json", k, values(k, l, Fed.unique()))).isEqualTo(202);
        JsonNode s = mentionWhenItArrives(l);
        // _misskey_quote / quoteUrl carry no FEP-044f approval: shown as the link in the text, not as a quote
        assertThat(s.get("content").asText()).contains("RE:").contains(l.statusUri());
        assertThat(s.get("spoiler_text").asText()).isEmpty(); // Misskey's zero-width space
        assertThat(s.get("sensitive").asBoolean()).isTrue();
    }

    @Test
    void misskeyReactionWithCustomEmojiIsAReaction() {
        // as Pleroma and Akkoma take it: Misskey's Like with _misskey_reaction is a reaction, not a favourite
        Local l = local("fx5");
        FakeFediServer.Actor k = remote.actor("misskey2");
        assertThat(send("misskey-like-reaction.json", k, values(k, l, Fed.unique()))).isEqualTo(202);
        Await.until("the reaction counts", () -> atoll.http().get("/api/v1/statuses/" + l.statusId(), l.token()).json()
                .path("pleroma").path("emoji_reactions").size() == 1);
        JsonNode s = atoll.http().get("/api/v1/statuses/" + l.statusId(), l.token()).json();
        JsonNode r = s.get("pleroma").get("emoji_reactions").get(0);
        assertThat(r.get("name").asText()).isEqualTo("blobcat@" + remote.domain());
        assertThat(r.get("count").asInt()).isEqualTo(1);
        assertThat(r.get("url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");
        assertThat(s.get("favourites_count").asInt()).isZero();
    }

    @Test
    void pleromaEmojiReactIsAReaction() {
        Local l = local("fx6");
        FakeFediServer.Actor p = remote.actor("pleroma1");
        assertThat(send("pleroma-emojireact.json", p, values(p, l, Fed.unique()))).isEqualTo(202);
        Await.until("the reaction counts", () -> atoll.http().get("/api/v1/statuses/" + l.statusId(), l.token()).json()
                .path("pleroma").path("emoji_reactions").size() == 1);
        JsonNode s = atoll.http().get("/api/v1/statuses/" + l.statusId(), l.token()).json();
        assertThat(s.get("pleroma").get("emoji_reactions").get(0).get("name").asText()).isEqualTo("🔥");
        assertThat(s.get("favourites_count").asInt()).isZero();
        assertThat(atoll.app().infra.jobs.deadJobs(50)).noneMatch(j -> j.taskName().equals("federation.inbox"));
    }

    @Test
    void friendicaArticleIsConvertedWithItsTitleAndLink() {
        Local l = local("fx7");
        FakeFediServer.Actor f = remote.actor("friendica1");
        long n = Fed.unique();
        assertThat(send("friendica-create-article.json", f, values(f, l, n))).isEqualTo(202);
        JsonNode s = mentionWhenItArrives(l);
        assertThat(s.get("content").asText()).startsWith("<p><strong>A titled post from Friendica</strong></p>")
                .contains("Plain body").contains(remote.base() + "/display/" + n);
        assertThat(s.get("spoiler_text").asText()).isEqualTo("An abstract, not a content warning");
    }

    @Test
    void peerTubeViewIsAnUnknownTypeAcceptedAndIgnored() {
        Local l = local("fx8");
        FakeFediServer.Actor p = remote.actor("peertube1");
        assertThat(send("peertube-view.json", p, values(p, l, Fed.unique()))).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(atoll.app().infra.jobs.deadJobs(50)).noneMatch(j -> j.taskName().equals("federation.inbox"));
    }

    @Test
    void aCreateOfAnObjectOnAnotherServerIsRejected() {
        // Mastodon's rule: an actor cannot create objects on another host (the object would be forged)
        Local l = local("fx9");
        FakeFediServer.Actor liar = remote.actor("liar1");
        assertThat(send("spoofed-create-other-origin.json", liar, values(liar, l, Fed.unique()))).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(atoll.http().get("/api/v1/notifications", l.token()).json()).isEmpty();
    }
}

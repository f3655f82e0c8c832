package social.atoll.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.RemoteActor;
import social.atoll.federation.keys.Pem;

/** Real-world actor documents (written from each server's published shape) read into safe account values. */
class ActorReaderTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = ActorReaderTest.class.getResourceAsStream("/fixtures/actors/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void mastodon() throws Exception {
        RemoteActor a = ActorReader.read(fixture("mastodon"));
        assertThat(a.uri()).isEqualTo("https://mastodon.example/users/alice");
        assertThat(a.username()).isEqualTo("alice");
        assertThat(AsValues.authority(a.uri())).isEqualTo("mastodon.example");
        assertThat(a.displayName()).isEqualTo("Alice :blobcat:");
        assertThat(a.note()).contains("Photographer", "class=\"mention hashtag\"").doesNotContain("script", "onclick", "alert");
        assertThat(a.url()).isEqualTo("https://mastodon.example/@alice");
        assertThat(a.inbox()).isEqualTo("https://mastodon.example/users/alice/inbox");
        assertThat(a.sharedInbox()).isEqualTo("https://mastodon.example/inbox");
        assertThat(a.featured()).isEqualTo("https://mastodon.example/users/alice/collections/featured");
        assertThat(a.featuredTags()).isEqualTo("https://mastodon.example/users/alice/collections/tags");
        assertThat(a.publicKeyId()).isEqualTo("https://mastodon.example/users/alice#main-key");
        assertThat(Pem.publicKey(a.publicKeyPem()).getAlgorithm()).isEqualTo("RSA");
        assertThat(a.locked()).isTrue();
        assertThat(a.discoverable()).isTrue();
        assertThat(a.indexable()).isFalse();
        assertThat(a.bot()).isFalse();
        assertThat(a.avatarUrl()).endsWith("/a.png");
        assertThat(a.headerUrl()).endsWith("/h.jpg");
        assertThat(a.published()).isEqualTo(Instant.parse("2022-11-05T00:00:00Z"));
        assertThat(a.alsoKnownAs()).containsExactly("https://old.example/users/alice");
        assertThat(a.fields()).hasSize(2);
        assertThat(a.fields().get(0).name()).isEqualTo("Website");
        assertThat(a.fields().get(0).value()).contains("href=\"https://alice.example\"", "rel=\"nofollow noopener noreferrer\"", "class=\"invisible\"")
                .doesNotContain("translate");
        assertThat(a.fields().get(1).value()).isEqualTo("she/her");
    }

    @Test
    void pixelfed() throws Exception {
        RemoteActor a = ActorReader.read(fixture("pixelfed"));
        assertThat(a.username()).isEqualTo("photog");
        assertThat(a.note()).isEqualTo("Landscapes &amp; light");
        assertThat(a.url()).isEqualTo("https://pixelfed.example/photog");
        assertThat(a.sharedInbox()).isEqualTo("https://pixelfed.example/f/inbox");
        assertThat(a.published()).isEqualTo(Instant.parse("2021-03-01T10:00:00Z"));
        assertThat(a.indexable()).isTrue();
    }

    @Test
    void goToSocialWithItsMainKeyPathAndASingleField() throws Exception {
        RemoteActor a = ActorReader.read(fixture("gotosocial"));
        assertThat(a.publicKeyId()).isEqualTo("https://gts.example/users/gerard/main-key");
        assertThat(a.sharedInbox()).isNull(); // GoToSocial has none: deliver to the personal inbox
        assertThat(a.locked()).isTrue();
        assertThat(a.fields()).extracting(RemoteActor.Field::name).containsExactly("Matrix");
        assertThat(a.displayName()).isEqualTo("Gérard");
        // the key stub served at the key id is not an actor document we could store
        assertThatThrownBy(() -> ActorReader.read(fixture("gotosocial-main-key"))).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void misskeyWithOpaqueIdsAndTopLevelSharedInbox() throws Exception {
        ObjectNode doc = fixture("misskey");
        RemoteActor a = ActorReader.read(doc);
        assertThat(a.uri()).isEqualTo("https://misskey.example/users/9abcdefghi");
        assertThat(a.username()).isEqualTo("neko"); // from preferredUsername, never from the path
        assertThat(a.displayName()).isEqualTo("ねこ");
        assertThat(a.headerUrl()).isNull();
        assertThat(a.avatarUrl()).isEqualTo("https://misskey.example/files/avatar.webp");
        doc.remove("endpoints");
        assertThat(ActorReader.read(doc).sharedInbox()).isEqualTo("https://misskey.example/inbox");
    }

    @Test
    void pleromaNamesAreTextAndItsWebfingerPropertyIsRead() throws Exception {
        RemoteActor a = ActorReader.read(fixture("pleroma"));
        assertThat(a.displayName()).isEqualTo("Lain Iwakura");
        assertThat(a.note()).contains("Present day", "<br />");
        assertThat(a.webfinger()).isEqualTo("lain@pleroma.example");
        assertThat(a.sharedInbox()).isEqualTo("https://pleroma.example/inbox");
    }

    @Test
    void friendica() throws Exception {
        RemoteActor a = ActorReader.read(fixture("friendica"));
        assertThat(a.uri()).isEqualTo("https://friendica.example/profile/heidi");
        assertThat(a.username()).isEqualTo("heidi");
        assertThat(a.inbox()).isEqualTo("https://friendica.example/inbox/heidi");
        assertThat(a.note()).isEqualTo("Alpine &lt;hiker&gt;");
        assertThat(a.bot()).isFalse();
    }

    @Test
    void servicesAndApplicationsAreBots() throws Exception {
        ObjectNode doc = fixture("mastodon");
        doc.put("type", "Service");
        assertThat(ActorReader.read(doc).bot()).isTrue();
        doc.putArray("type").add("Application");
        assertThat(ActorReader.read(doc).bot()).isTrue();
    }

    @Test
    void documentsMastodonWouldRefuseAreRefused() throws Exception {
        ObjectNode noContext = fixture("mastodon");
        noContext.remove("@context");
        assertRefused(noContext, "context");

        ObjectNode note = fixture("mastodon");
        note.put("type", "Note");
        assertRefused(note, "not an actor");

        ObjectNode noInbox = fixture("mastodon");
        noInbox.remove("inbox");
        assertRefused(noInbox, "inbox");

        ObjectNode noKey = fixture("mastodon");
        noKey.remove("publicKey");
        assertRefused(noKey, "publicKey");

        ObjectNode foreignKey = fixture("mastodon");
        ((ObjectNode) foreignKey.get("publicKey")).put("id", "https://evil.example/key");
        assertRefused(foreignKey, "another host");

        ObjectNode otherOwner = fixture("mastodon");
        ((ObjectNode) otherOwner.get("publicKey")).put("owner", "https://mastodon.example/users/mallory");
        assertRefused(otherOwner, "another actor");

        ObjectNode badName = fixture("mastodon");
        badName.put("preferredUsername", "a b/c");
        assertRefused(badName, "preferredUsername");

        ObjectNode javascriptUrl = fixture("mastodon");
        javascriptUrl.put("id", "javascript:alert(1)");
        assertRefused(javascriptUrl, "id");
    }

    private static void assertRefused(JsonNode doc, String reason) {
        assertThatThrownBy(() -> ActorReader.read(doc)).isInstanceOf(InvalidDocumentException.class).hasMessageContaining(reason);
    }
}

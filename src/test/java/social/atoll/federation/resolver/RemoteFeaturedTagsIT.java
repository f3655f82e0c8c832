package social.atoll.federation.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.federation.resolver.RemoteResolveIT.LOOPBACK;
import static social.atoll.federation.resolver.RemoteResolveIT.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Issue 9, item 10: B reads the hashtags alice of A features from her actor's {@code featuredTags} collection when
 * it fetches her, and again when it refreshes her, and serves them at {@code /api/v1/accounts/:id/featured_tags}
 * in Mastodon's shape (counts from the statuses B knows).
 */
class RemoteFeaturedTagsIT {

    @Test
    void aRemoteAccountsFeaturedTagsAreReadFromItsCollection() {
        try (TestInstance a = TestInstance.start(LOOPBACK); TestInstance b = TestInstance.start(LOOPBACK)) {
            String alice = a.createUser("alice");
            for (String tag : List.of("Photography", "cats"))
                assertThat(a.http().postJson("/api/v1/featured_tags", alice, Map.of("name", tag)).status()).isEqualTo(200);
            String postUrl = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "light #Photography", "visibility", "public"))
                    .json().get("url").asText();
            String carol = b.createUser("carol");

            String id = b.http().get("/api/v1/accounts/lookup?acct=" + enc("alice@" + a.domain()), carol).json().get("id").asText();
            var found = b.http().get("/api/v2/search?resolve=true&type=statuses&q=" + enc(postUrl), carol).json().get("statuses");
            assertThat(found).hasSize(1);

            Await.until("B reads alice's featured tags", () -> names(b, id).equals(List.of("Photography", "cats")));
            JsonNode tags = b.http().get("/api/v1/accounts/" + id + "/featured_tags").json();
            JsonNode photo = tags.get(0);
            assertThat(photo.get("id").asText()).matches("[0-9]+");
            assertThat(photo.get("url").asText()).isEqualTo(a.baseUrl() + "/@alice/tagged/photography");
            assertThat(photo.get("statuses_count").asText()).as("the one post of hers B knows").isEqualTo("1");
            assertThat(photo.get("last_status_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(tags.get(1).get("statuses_count").asText()).isEqualTo("0");
            assertThat(tags.get(1).get("last_status_at").isNull()).isTrue();

            // she changes them; B's next refresh of her actor follows
            long cats = a.http().get("/api/v1/featured_tags", alice).json().get(1).get("id").asLong();
            assertThat(a.http().delete("/api/v1/featured_tags/" + cats, alice).status()).isEqualTo(200);
            assertThat(a.http().postJson("/api/v1/featured_tags", alice, Map.of("name", "travel")).status()).isEqualTo(200);
            b.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET fetched_at = :t WHERE id = :id")
                    .bind("t", java.time.Instant.now().minus(java.time.Duration.ofDays(2))).bind("id", Long.parseLong(id)).execute());
            assertThat(b.app().federation.actorRefresh.run()).isEqualTo(1);
            Await.until("B reads the new set", () -> names(b, id).equals(List.of("Photography", "travel")));
            assertThat(b.http().get("/api/v1/accounts/" + id + "/featured_tags").json().get(0).get("id").asText())
                    .as("a tag still featured keeps its row").isEqualTo(photo.get("id").asText());
        }
    }

    private static List<String> names(TestInstance b, String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : b.http().get("/api/v1/accounts/" + id + "/featured_tags").json()) out.add(t.get("name").asText());
        return out;
    }
}

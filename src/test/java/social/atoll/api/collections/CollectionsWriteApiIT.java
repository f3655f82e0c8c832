package social.atoll.api.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Changing collections over the API at Pixelfed's paths (issue 11): {@code add} and {@code remove} a post,
 * {@code update/:id}, {@code delete/:id}, and Atoll's {@code create}, with JSON or a form as Pixelfed's apps send
 * them; answered as Pixelfed answers (the post, the collection, the bare {@code 200}); scopes and errors as Mastodon's.
 */
class CollectionsWriteApiIT {

    private static TestInstance atoll;
    private static String alice;
    private static String aliceId;
    private static String bob;
    private static String aliceReadOnly;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        alice = atoll.createUser("alice");
        bob = atoll.createUser("bob");
        aliceId = atoll.http().get("/api/v1/accounts/verify_credentials", alice).json().get("id").asText();
        aliceReadOnly = atoll.token(Long.parseLong(aliceId), "read");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void aCollectionIsMadeFilledChangedEmptiedAndDeletedInPixelfedsShapes() {
        String first = post(alice, "First light on the reef");
        String second = post(alice, "Low tide");

        JsonNode made = ok(atoll.http().postJson("/api/v1.1/collections/create", alice,
                Map.of("title", "Reef", "description", "Mornings on the reef", "visibility", "public"))).json();
        assertThat(fields(made)).containsExactlyInAnyOrder("id", "pid", "visibility", "title", "description", "thumb", "url",
                "updated_at", "published_at", "avatar", "username", "post_count");
        String id = made.get("id").asText();
        assertThat(made.get("pid").asText()).isEqualTo(aliceId);
        assertThat(made.get("title").asText()).isEqualTo("Reef");
        assertThat(made.get("visibility").asText()).isEqualTo("public");
        assertThat(made.get("username").asText()).isEqualTo("alice");
        assertThat(made.get("post_count").asInt()).isZero();
        assertThat(made.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@alice/collections/" + id);

        // add answers the post (a Mastodon status), as Pixelfed's storeId does; JSON numbers and form strings both work
        JsonNode added = ok(atoll.http().postJson("/api/v1.1/collections/add", alice,
                Map.of("collection_id", Long.parseLong(id), "post_id", Long.parseLong(first)))).json();
        assertThat(added.get("id").asText()).isEqualTo(first);
        assertThat(added.get("content").asText()).contains("First light on the reef");
        ok(atoll.http().postForm("/api/v1.1/collections/add", alice, Map.of("collection_id", id, "post_id", second)));
        // adding it again changes nothing
        ok(atoll.http().postForm("/api/v1.1/collections/add", alice, Map.of("collection_id", id, "post_id", second)));
        assertThat(items(id)).containsExactly(first, second);
        assertThat(atoll.http().get("/api/v1.1/collections/view/" + id).json().get("post_count").asInt()).isEqualTo(2);

        // update changes only what is sent
        JsonNode renamed = ok(atoll.http().postJson("/api/v1.1/collections/update/" + id, alice, Map.of("title", "The reef"))).json();
        assertThat(renamed.get("title").asText()).isEqualTo("The reef");
        assertThat(renamed.get("description").asText()).isEqualTo("Mornings on the reef");
        assertThat(renamed.get("visibility").asText()).isEqualTo("public");
        assertThat(renamed.get("post_count").asInt()).isEqualTo(2);
        JsonNode hidden = ok(atoll.http().postForm("/api/v1.1/collections/update/" + id, alice,
                Map.of("visibility", "private", "description", ""))).json();
        assertThat(hidden.get("visibility").asText()).isEqualTo("private");
        assertThat(hidden.get("description").asText()).isEmpty();
        assertThat(hidden.get("title").asText()).isEqualTo("The reef");
        // a private collection is out of sight for a visitor now
        assertThat(atoll.http().get("/api/v1.1/collections/view/" + id).status()).isEqualTo(404);

        // remove answers Pixelfed's bare 200
        TestHttp.Response removed = ok(atoll.http().postJson("/api/v1.1/collections/remove", alice,
                Map.of("collection_id", id, "post_id", first)));
        assertThat(removed.body().strip()).isEqualTo("200");
        assertThat(itemsAs(alice, id)).containsExactly(second);

        TestHttp.Response deleted = ok(atoll.http().delete("/api/v1.1/collections/delete/" + id, alice));
        assertThat(deleted.body().strip()).isEqualTo("200");
        assertThat(atoll.http().get("/api/v1.1/collections/view/" + id, alice).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1.1/collections/accounts/" + aliceId, alice).json()).isEmpty();
    }

    @Test
    void someoneElsesCollectionOrPostIsRefusedAsMastodonRefuses() {
        String mine = post(alice, "Mine");
        String bobs = post(bob, "Bob's");
        String id = ok(atoll.http().postJson("/api/v1.1/collections/create", alice, Map.of("title", "Guarded"))).json().get("id").asText();

        // another person's collection does not exist for them
        assertError(atoll.http().postJson("/api/v1.1/collections/add", bob, Map.of("collection_id", id, "post_id", bobs)), 404,
                "Record not found");
        assertError(atoll.http().postJson("/api/v1.1/collections/update/" + id, bob, Map.of("title", "Taken")), 404, "Record not found");
        assertError(atoll.http().postJson("/api/v1.1/collections/remove", bob, Map.of("collection_id", id, "post_id", mine)), 404,
                "Record not found");
        assertError(atoll.http().delete("/api/v1.1/collections/delete/" + id, bob), 404, "Record not found");
        assertError(atoll.http().delete("/api/v1.1/collections/delete/not-a-number", alice), 404, "Record not found");
        // only one's own posts go in
        assertError(atoll.http().postJson("/api/v1.1/collections/add", alice, Map.of("collection_id", id, "post_id", bobs)), 422,
                "Only your own posts");
        // missing and malformed fields
        assertError(atoll.http().postJson("/api/v1.1/collections/add", alice, Map.of("collection_id", id)), 400, "post_id");
        assertError(atoll.http().postJson("/api/v1.1/collections/add", alice, Map.of("collection_id", id, "post_id", "abc")), 422,
                "post_id");
        assertError(atoll.http().postJson("/api/v1.1/collections/create", alice, Map.of("title", " ")), 422, "needs a title");
        assertError(atoll.http().postJson("/api/v1.1/collections/update/" + id, alice, Map.of("visibility", "draft")), 422,
                "Visibility must be");
        assertError(atoll.http().postJson("/api/v1.1/collections/create", alice, Map.of("title", "x".repeat(101))), 422, "too long");
        // without a token, and with a token that may only read
        assertError(atoll.http().postJson("/api/v1.1/collections/create", null, Map.of("title", "Anonymous")), 401,
                "The access token is invalid");
        assertError(atoll.http().postJson("/api/v1.1/collections/create", aliceReadOnly, Map.of("title", "Read only")), 403,
                "outside the authorized scopes");
        assertError(atoll.http().delete("/api/v1.1/collections/delete/" + id, aliceReadOnly), 403, "outside the authorized scopes");
        // nothing of that changed the collection
        JsonNode still = atoll.http().get("/api/v1.1/collections/view/" + id).json();
        assertThat(still.get("title").asText()).isEqualTo("Guarded");
        assertThat(still.get("post_count").asInt()).isZero();
        assertThat(atoll.http().get("/api/v1.1/collections/accounts/" + aliceId).json()).extracting(n -> n.get("title").asText())
                .containsExactly("Guarded");
    }

    @Test
    void aTokenWithTheWriteScopeAloneMayChangeCollections() {
        String writer = atoll.token(Long.parseLong(aliceId), "write:statuses");
        String id = ok(atoll.http().postJson("/api/v1.1/collections/create", writer, Map.of("title", "Scoped", "visibility", "unlisted")))
                .json().get("id").asText();
        assertThat(atoll.http().get("/api/v1.1/collections/view/" + id).json().get("visibility").asText()).isEqualTo("unlisted");
        ok(atoll.http().delete("/api/v1.1/collections/delete/" + id, writer));
    }

    private static List<String> items(String id) { return itemsAs(null, id); }

    private static List<String> itemsAs(String token, String id) {
        List<String> ids = new ArrayList<>();
        ok(atoll.http().get("/api/v1.1/collections/items/" + id, token)).json().forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private static String post(String token, String text) {
        return ok(atoll.http().postJson("/api/v1/statuses", token, Map.of("status", text))).json().get("id").asText();
    }

    private static List<String> fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertError(TestHttp.Response r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(fields(r.json())).contains("error");
        assertThat(r.json().get("error").asText()).contains(message);
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }
}

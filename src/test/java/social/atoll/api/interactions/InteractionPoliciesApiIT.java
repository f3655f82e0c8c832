package social.atoll.api.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * GoToSocial's interaction policies through the API, between local accounts: the defaults per visibility, a post's
 * {@code interaction_policy} (JSON and form) with the viewer's {@code me}, a forbidden boost (403), a held reply and
 * favourite ({@code pending.*} notifications, {@code /api/v1/interaction_requests}), approving and rejecting.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class InteractionPoliciesApiIT {

    private TestInstance atoll;
    private String alice;
    private String carol;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        alice = atoll.createUser("alice");
        carol = atoll.createUser("carol");
    }

    @AfterAll
    void stop() { atoll.close(); }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static List<String> strings(JsonNode n) {
        return n == null ? List.of() : java.util.stream.StreamSupport.stream(n.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Replies need approval from anyone; only alice boosts; anyone favourites with approval. */
    private JsonNode guardedPost(String text) {
        Map<String, Object> policy = Map.of(
                "can_reply", Map.of("automatic_approval", List.of("author"), "manual_approval", List.of("public")),
                "can_reblog", Map.of("automatic_approval", List.of("author")),
                "can_favourite", Map.of("automatic_approval", List.of("author"), "manual_approval", List.of("public")));
        return ok(atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", text, "interaction_policy", policy))).json();
    }

    @Test
    void defaultsFollowGoToSocialAndCanBeChanged() {
        JsonNode d = ok(atoll.http().get("/api/v1/interaction_policies/defaults", alice)).json();
        assertThat(d.fieldNames()).toIterable().containsExactly("direct", "private", "unlisted", "public");
        assertThat(strings(d.get("public").get("can_reply").get("automatic_approval"))).containsExactly("public");
        assertThat(strings(d.get("public").get("can_reply").get("always"))).containsExactly("public");
        assertThat(strings(d.get("private").get("can_reblog").get("automatic_approval"))).containsExactly("author");
        assertThat(strings(d.get("direct").get("can_favourite").get("automatic_approval"))).containsExactly("author", "mentioned");

        JsonNode changed = ok(atoll.http().patchJson("/api/v1/interaction_policies/defaults", carol, Map.of("unlisted", Map.of(
                "can_reply", Map.of("always", List.of("followers"), "with_approval", List.of("public")),
                "can_favourite", Map.of("automatic_approval", List.of("public")),
                "can_reblog", Map.of("automatic_approval", List.of("public")))))).json();
        // GoToSocial adds the author and the mentioned accounts to a reply rule that does not cover them
        assertThat(strings(changed.get("unlisted").get("can_reply").get("automatic_approval"))).containsExactly("followers", "author", "mentioned");
        assertThat(strings(changed.get("unlisted").get("can_reply").get("manual_approval"))).containsExactly("public");
        JsonNode post = ok(atoll.http().postJson("/api/v1/statuses", carol, Map.of("status", "unlisted default", "visibility", "unlisted"))).json();
        assertThat(strings(post.get("interaction_policy").get("can_reply").get("manual_approval"))).containsExactly("public");

        // "public" makes no sense for a followers-only post: refused with GoToSocial's reason
        TestHttp.Response bad = atoll.http().patchJson("/api/v1/interaction_policies/defaults", carol,
                Map.of("private", Map.of("can_reply", Map.of("automatic_approval", List.of("public")))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("not feasible");
    }

    @Test
    void theEntityShowsThePolicyAndWhatTheViewerMayDo() {
        JsonNode post = guardedPost("policy shown");
        JsonNode asCarol = ok(atoll.http().get("/api/v1/statuses/" + post.get("id").asText(), carol)).json().get("interaction_policy");
        assertThat(strings(asCarol.get("can_reply").get("manual_approval"))).containsExactly("public", "me");
        assertThat(strings(asCarol.get("can_reply").get("with_approval"))).containsExactly("public", "me");
        assertThat(strings(asCarol.get("can_reblog").get("automatic_approval"))).containsExactly("author");
        assertThat(strings(asCarol.get("can_reblog").get("manual_approval"))).isEmpty();
        JsonNode asAlice = ok(atoll.http().get("/api/v1/statuses/" + post.get("id").asText(), alice)).json().get("interaction_policy");
        assertThat(strings(asAlice.get("can_reblog").get("automatic_approval"))).containsExactly("author", "me");

        // the form encoding GoToSocial's clients send works the same
        TestHttp.Response form = atoll.http().send("POST", "/api/v1/statuses", alice,
                "status=form+policy&interaction_policy[can_reply][automatic_approval][]=author&interaction_policy[can_reply][automatic_approval][]=followers"
                        + "&interaction_policy[can_favourite][automatic_approval][]=public&interaction_policy[can_reblog][automatic_approval][]=public",
                "application/x-www-form-urlencoded");
        JsonNode formPolicy = ok(form).json().get("interaction_policy");
        assertThat(strings(formPolicy.get("can_reply").get("automatic_approval"))).containsExactly("author", "followers", "mentioned", "me");
    }

    @Test
    void aForbiddenBoostIsRefused() {
        JsonNode post = guardedPost("do not boost");
        TestHttp.Response r = atoll.http().postJson("/api/v1/statuses/" + post.get("id").asText() + "/reblog", carol, Map.of());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("you do not have permission to boost this status");
        assertThat(ok(atoll.http().postJson("/api/v1/statuses/" + post.get("id").asText() + "/reblog", alice, Map.of())).json()
                .get("reblog").get("id").asText()).isEqualTo(post.get("id").asText());
    }

    @Test
    void aHeldReplyWaitsForTheAuthorThenShows() {
        JsonNode post = guardedPost("reply with care");
        String postId = post.get("id").asText();
        JsonNode reply = ok(atoll.http().postJson("/api/v1/statuses", carol, Map.of("status", "@alice may I?", "in_reply_to_id", postId))).json();
        String replyId = reply.get("id").asText();
        // held: its author and alice see it; nobody else, nothing counted, not in the thread for others
        assertThat(atoll.http().get("/api/v1/statuses/" + replyId).status()).isEqualTo(404);
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + replyId, carol)).json().get("id").asText()).isEqualTo(replyId);
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + postId)).json().get("replies_count").asInt()).isZero();
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + postId + "/context")).json().get("descendants")).isEmpty();

        JsonNode notifications = ok(atoll.http().get("/api/v1/notifications", alice)).json();
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("pending.reply");
            assertThat(n.get("status").get("id").asText()).isEqualTo(replyId);
        });
        JsonNode requests = ok(atoll.http().get("/api/v1/interaction_requests?status_id=" + postId, alice)).json();
        assertThat(requests).hasSize(1);
        JsonNode req = requests.get(0);
        assertThat(req.get("type").asText()).isEqualTo("reply");
        assertThat(req.get("status").get("id").asText()).isEqualTo(postId);
        assertThat(req.get("reply").get("id").asText()).isEqualTo(replyId);
        assertThat(req.get("account").get("username").asText()).isEqualTo("carol");
        assertThat(req.has("accepted_at")).isFalse();
        // not carol's to see or answer
        assertThat(atoll.http().get("/api/v1/interaction_requests/" + req.get("id").asText(), carol).status()).isEqualTo(404);
        assertThat(atoll.http().postJson("/api/v1/interaction_requests/" + req.get("id").asText() + "/authorize", carol, Map.of()).status())
                .isEqualTo(404);

        JsonNode accepted = ok(atoll.http().postJson("/api/v1/interaction_requests/" + req.get("id").asText() + "/authorize", alice, Map.of())).json();
        assertThat(accepted.get("accepted_at").isTextual()).isTrue();
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + replyId)).json().get("id").asText()).isEqualTo(replyId);
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + postId)).json().get("replies_count").asInt()).isEqualTo(1);
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + postId + "/context")).json().get("descendants"))
                .extracting(n -> n.get("id").asText()).containsExactly(replyId);
        assertThat(ok(atoll.http().get("/api/v1/interaction_requests?status_id=" + postId, alice)).json()).isEmpty();
    }

    @Test
    void aHeldFavouriteCountsOnlyOnceApprovedAndARejectedOneNever() {
        JsonNode post = guardedPost("favourite with care");
        String postId = post.get("id").asText();
        JsonNode fav = ok(atoll.http().postJson("/api/v1/statuses/" + postId + "/favourite", carol, Map.of())).json();
        assertThat(fav.get("favourites_count").asInt()).isZero();
        assertThat(fav.get("favourited").asBoolean()).isFalse();
        JsonNode req = ok(atoll.http().get("/api/v1/interaction_requests?status_id=" + postId + "&replies=false&reblogs=false", alice)).json().get(0);
        assertThat(req.get("type").asText()).isEqualTo("favourite");
        assertThat(req.has("reply")).isFalse();
        assertThat(ok(atoll.http().get("/api/v1/notifications", alice)).json())
                .anySatisfy(n -> assertThat(n.get("type").asText()).isEqualTo("pending.favourite"));
        JsonNode rejected = ok(atoll.http().postJson("/api/v1/interaction_requests/" + req.get("id").asText() + "/reject", alice, Map.of())).json();
        assertThat(rejected.get("rejected_at").isTextual()).isTrue();
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + postId, carol)).json().get("favourites_count").asInt()).isZero();

        ok(atoll.http().postJson("/api/v1/statuses/" + postId + "/favourite", carol, Map.of()));
        JsonNode again = ok(atoll.http().get("/api/v1/interaction_requests?status_id=" + postId, alice)).json().get(0);
        ok(atoll.http().postJson("/api/v1/interaction_requests/" + again.get("id").asText() + "/authorize", alice, Map.of()));
        JsonNode after = ok(atoll.http().get("/api/v1/statuses/" + postId, carol)).json();
        assertThat(after.get("favourites_count").asInt()).isEqualTo(1);
        assertThat(after.get("favourited").asBoolean()).isTrue();
        assertThat(atoll.http().get("/api/v1/interaction_requests?favourites=false&replies=false&reblogs=false", alice).status()).isEqualTo(400);
    }
}

package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Quote posts between local accounts (Mastodon 4.5's API): posting a quote, the {@code quote} and
 * {@code quote_approval} of the status entity, the three policies, the quotes list, revoking, changing the policy,
 * the {@code quote} and {@code quoted_update} notifications, and {@code source.quote_policy}.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class QuotesApiIT {

    private TestInstance atoll;
    private String alice;
    private String bob;
    private String carol;
    private String bobId;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        alice = atoll.createUser("alice");
        bob = atoll.createUser("bob");
        carol = atoll.createUser("carol");
        bobId = atoll.http().get("/api/v1/accounts/verify_credentials", bob).json().get("id").asText();
        // alice follows bob; carol does not
        ok(atoll.http().postJson("/api/v1/accounts/" + bobId + "/follow", alice, null));
    }

    @AfterAll
    void stop() { atoll.close(); }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private JsonNode post(String token, Map<String, Object> body) {
        return ok(atoll.http().postJson("/api/v1/statuses", token, body)).json();
    }

    private List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void aPublicPostIsQuotedAtOnceAndItsAuthorIsTold() {
        JsonNode original = post(bob, Map.of("status", "a thought worth quoting"));
        assertThat(original.get("quote").isNull()).isTrue();
        assertThat(original.get("quotes_count").asInt()).isZero();
        JsonNode approval = original.get("quote_approval");
        assertThat(approval.get("automatic")).extracting(JsonNode::asText).containsExactly("public");
        assertThat(approval.get("manual")).isEmpty();
        assertThat(approval.get("current_user").asText()).isEqualTo("automatic"); // the author may always quote

        JsonNode seenByCarol = ok(atoll.http().get("/api/v1/statuses/" + original.get("id").asText(), carol)).json();
        assertThat(seenByCarol.get("quote_approval").get("current_user").asText()).isEqualTo("automatic");
        JsonNode seenByNobody = ok(atoll.http().get("/api/v1/statuses/" + original.get("id").asText())).json();
        assertThat(seenByNobody.get("quote_approval").get("current_user").asText()).isEqualTo("denied");

        JsonNode quote = post(carol, Map.of("status", "so true", "quoted_status_id", original.get("id").asText()));
        assertThat(quote.get("quote").get("state").asText()).isEqualTo("accepted");
        JsonNode quoted = quote.get("quote").get("quoted_status");
        assertThat(quoted.get("id").asText()).isEqualTo(original.get("id").asText());
        assertThat(quoted.get("quote").isNull()).isTrue();

        JsonNode again = ok(atoll.http().get("/api/v1/statuses/" + original.get("id").asText(), bob)).json();
        assertThat(again.get("quotes_count").asInt()).isEqualTo(1);
        List<String> quotes = ids(ok(atoll.http().get("/api/v1/statuses/" + original.get("id").asText() + "/quotes", bob)).json());
        assertThat(quotes).containsExactly(quote.get("id").asText());

        JsonNode notes = ok(atoll.http().get("/api/v1/notifications?types[]=quote", bob)).json();
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("quote");
            assertThat(n.get("status").get("id").asText()).isEqualTo(quote.get("id").asText());
        });
    }

    @Test
    void aQuoteOfAQuoteShowsTheInnerQuoteShallow() {
        JsonNode first = post(bob, Map.of("status", "first"));
        JsonNode second = post(alice, Map.of("status", "second", "quoted_status_id", first.get("id").asText()));
        JsonNode third = post(carol, Map.of("status", "third", "quoted_status_id", second.get("id").asText()));
        JsonNode inner = third.get("quote").get("quoted_status").get("quote");
        assertThat(inner.get("state").asText()).isEqualTo("accepted");
        assertThat(inner.get("quoted_status_id").asText()).isEqualTo(first.get("id").asText());
        assertThat(inner.has("quoted_status")).isFalse();
    }

    @Test
    void followersAndNobodyPoliciesAreEnforced() {
        JsonNode followersOnly = post(bob, Map.of("status", "for my followers to quote", "quote_approval_policy", "followers"));
        assertThat(followersOnly.get("quote_approval").get("automatic")).extracting(JsonNode::asText).containsExactly("followers");
        String id = followersOnly.get("id").asText();
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + id, alice)).json().get("quote_approval").get("current_user").asText()).isEqualTo("automatic");
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + id, carol)).json().get("quote_approval").get("current_user").asText()).isEqualTo("denied");

        JsonNode byFollower = post(alice, Map.of("status", "quoting as a follower", "quoted_status_id", id));
        assertThat(byFollower.get("quote").get("state").asText()).isEqualTo("accepted");
        TestHttp.Response refused = atoll.http().postJson("/api/v1/statuses", carol, Map.of("status", "may I?", "quoted_status_id", id));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("error").asText()).isEqualTo("The post you are trying to quote does not appear to exist.");

        JsonNode nobody = post(bob, Map.of("status", "not for quoting", "quote_approval_policy", "nobody"));
        assertThat(nobody.get("quote_approval").get("automatic")).isEmpty();
        assertThat(atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "x", "quoted_status_id", nobody.get("id").asText())).status())
                .isEqualTo(404);
        // the author may quote their own post whatever its policy
        assertThat(post(bob, Map.of("status", "me again", "quoted_status_id", nobody.get("id").asText())).get("quote").get("state").asText())
                .isEqualTo("accepted");

        // a private post is quotable by its author only, whatever policy was asked for
        JsonNode priv = post(bob, Map.of("status", "followers only", "visibility", "private", "quote_approval_policy", "public"));
        assertThat(priv.get("quote_approval").get("automatic")).isEmpty();
        assertThat(atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "x", "quoted_status_id", priv.get("id").asText())).status())
                .isEqualTo(404);

        TestHttp.Response bad = atoll.http().postJson("/api/v1/statuses", bob, Map.of("status", "x", "quote_approval_policy", "everyone"));
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void theAuthorRevokesAQuoteAndChangesWhoMayQuote() {
        JsonNode original = post(bob, Map.of("status", "changeable"));
        String id = original.get("id").asText();
        JsonNode quote = post(alice, Map.of("status", "quoting", "quoted_status_id", id));
        String quoteId = quote.get("id").asText();

        // only the quoted author revokes
        assertThat(atoll.http().postJson("/api/v1/statuses/" + id + "/quotes/" + quoteId + "/revoke", carol, null).status()).isEqualTo(403);
        JsonNode revoked = ok(atoll.http().postJson("/api/v1/statuses/" + id + "/quotes/" + quoteId + "/revoke", bob, null)).json();
        assertThat(revoked.get("id").asText()).isEqualTo(quoteId);
        assertThat(revoked.get("quote").get("state").asText()).isEqualTo("revoked");
        assertThat(revoked.get("quote").get("quoted_status").isNull()).isTrue();
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId, carol)).json().get("quote").get("state").asText()).isEqualTo("revoked");
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + id + "/quotes", bob)).json()).isEmpty();

        JsonNode changed = ok(atoll.http().putJson("/api/v1/statuses/" + id + "/interaction_policy", bob,
                Map.of("quote_approval_policy", "nobody"))).json();
        assertThat(changed.get("quote_approval").get("automatic")).isEmpty();
        assertThat(atoll.http().putJson("/api/v1/statuses/" + id + "/interaction_policy", alice, Map.of("quote_approval_policy", "public")).status())
                .isEqualTo(403);
        assertThat(atoll.http().putJson("/api/v1/statuses/" + id + "/interaction_policy", bob, Map.of("quote_approval_policy", "all")).status())
                .isEqualTo(422);
        assertThat(atoll.http().postJson("/api/v1/statuses", carol, Map.of("status", "x", "quoted_status_id", id)).status()).isEqualTo(404);
    }

    @Test
    void anEditOfAQuotedPostTellsTheQuoters() {
        JsonNode original = post(bob, Map.of("status", "before"));
        JsonNode quote = post(carol, Map.of("status", "quoting before", "quoted_status_id", original.get("id").asText()));
        ok(atoll.http().putJson("/api/v1/statuses/" + original.get("id").asText(), bob, Map.of("status", "after")));
        JsonNode notes = ok(atoll.http().get("/api/v1/notifications?types[]=quoted_update", carol)).json();
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("quoted_update");
            assertThat(n.get("account").get("id").asText()).isEqualTo(bobId);
            assertThat(n.get("status").get("id").asText()).isEqualTo(quote.get("id").asText()); // your quote, not the edited post
        });
    }

    @Test
    void theDefaultPolicyIsPartOfTheAccountSource() {
        String dora = atoll.createUser("dora");
        JsonNode me = ok(atoll.http().get("/api/v1/accounts/verify_credentials", dora)).json();
        assertThat(me.get("source").get("quote_policy").asText()).isEqualTo("public");
        JsonNode updated = ok(atoll.http().patchJson("/api/v1/accounts/update_credentials", dora, Map.of("source", Map.of("quote_policy", "followers")))).json();
        assertThat(updated.get("source").get("quote_policy").asText()).isEqualTo("followers");
        assertThat(ok(atoll.http().get("/api/v1/preferences", dora)).json().get("posting:default:quote_policy").asText()).isEqualTo("followers");
        JsonNode post = post(dora, Map.of("status", "with my default"));
        assertThat(post.get("quote_approval").get("automatic")).extracting(JsonNode::asText).containsExactly("followers");
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", dora, Map.of("source", Map.of("quote_policy", "anyone"))).status())
                .isEqualTo(422);
    }

    @Test
    void aPrivateMentionQuotesOnlySomeoneItMentions() {
        JsonNode original = post(bob, Map.of("status", "public words"));
        TestHttp.Response r = atoll.http().postJson("/api/v1/statuses", alice,
                Map.of("status", "psst", "visibility", "direct", "quoted_status_id", original.get("id").asText()));
        assertThat(r.status()).isEqualTo(422);
        JsonNode ok = post(alice, Map.of("status", "psst @bob", "visibility", "direct", "quoted_status_id", original.get("id").asText()));
        assertThat(ok.get("quote").get("state").asText()).isEqualTo("accepted");
    }

    /** Mastodon 4.5's states a viewer sees of an accepted quote: blocked_account, muted_account, deleted. */
    @Test
    void anAcceptedQuoteReadsAsTheViewerRelatesToTheQuotedAuthor() {
        String erin = atoll.createUser("erin");
        String frank = atoll.createUser("frank");
        String gina = atoll.createUser("gina");
        String ginaId = ok(atoll.http().get("/api/v1/accounts/verify_credentials", gina)).json().get("id").asText();
        JsonNode original = post(gina, Map.of("status", "gina's words"));
        String quoteId = post(alice, Map.of("status", "quoting gina", "quoted_status_id", original.get("id").asText())).get("id").asText();
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId, erin)).json().get("quote").get("state").asText()).isEqualTo("accepted");

        // erin blocks gina: the quote stands, but erin does not see gina's post in it
        ok(atoll.http().postJson("/api/v1/accounts/" + ginaId + "/block", erin, null));
        JsonNode blocked = ok(atoll.http().get("/api/v1/statuses/" + quoteId, erin)).json().get("quote");
        assertThat(blocked.get("state").asText()).isEqualTo("blocked_account");
        assertThat(blocked.get("quoted_status").isNull()).isTrue();
        // the other way round: gina blocks frank
        String frankId = ok(atoll.http().get("/api/v1/accounts/verify_credentials", frank)).json().get("id").asText();
        ok(atoll.http().postJson("/api/v1/accounts/" + frankId + "/block", gina, null));
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId, frank)).json().get("quote").get("state").asText()).isEqualTo("blocked_account");

        // carol mutes gina
        ok(atoll.http().postJson("/api/v1/accounts/" + ginaId + "/mute", carol, null));
        JsonNode muted = ok(atoll.http().get("/api/v1/statuses/" + quoteId, carol)).json().get("quote");
        assertThat(muted.get("state").asText()).isEqualTo("muted_account");
        assertThat(muted.get("quoted_status").isNull()).isTrue();
        // nobody signed in, and alice, still see it accepted
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId)).json().get("quote").get("state").asText()).isEqualTo("accepted");
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId, alice)).json().get("quote").get("quoted_status").get("id").asText())
                .isEqualTo(original.get("id").asText());

        // gina deletes her post: everyone sees the quote as deleted
        ok(atoll.http().delete("/api/v1/statuses/" + original.get("id").asText(), gina));
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId, alice)).json().get("quote").get("state").asText()).isEqualTo("deleted");
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + quoteId)).json().get("quote").get("state").asText()).isEqualTo("deleted");
    }

    /** A followers-only post quoted by its author reads as unauthorized to someone who may not see it. */
    @Test
    void aQuotedPostTheViewerMayNotSeeReadsAsUnauthorized() {
        JsonNode priv = post(bob, Map.of("status", "for followers", "visibility", "private"));
        JsonNode self = post(bob, Map.of("status", "me quoting me", "visibility", "public", "quoted_status_id", priv.get("id").asText()));
        assertThat(ok(atoll.http().get("/api/v1/statuses/" + self.get("id").asText(), alice)).json().get("quote").get("state").asText())
                .isEqualTo("accepted"); // alice follows bob
        JsonNode seen = ok(atoll.http().get("/api/v1/statuses/" + self.get("id").asText(), carol)).json().get("quote");
        assertThat(seen.get("state").asText()).isEqualTo("unauthorized");
        assertThat(seen.get("quoted_status").isNull()).isTrue();
    }

    /** {@code GET /api/v1/statuses/:id/quotes} pages newest first with Mastodon's Link header. */
    @Test
    void theQuotesListPages() {
        JsonNode original = post(bob, Map.of("status", "quote me many times"));
        String id = original.get("id").asText();
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < 5; i++) quotes.add(0, post(i % 2 == 0 ? alice : carol, Map.of("status", "quote " + i, "quoted_status_id", id)).get("id").asText());
        TestHttp.Response first = ok(atoll.http().get("/api/v1/statuses/" + id + "/quotes?limit=2", bob));
        assertThat(ids(first.json())).containsExactly(quotes.get(0), quotes.get(1));
        String link = first.header("Link");
        assertThat(link).contains("rel=\"next\"").contains("rel=\"prev\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        assertThat(next).contains("max_id=");
        TestHttp.Response second = ok(atoll.http().get(next.substring(next.indexOf("/api/")), bob));
        assertThat(ids(second.json())).containsExactly(quotes.get(2), quotes.get(3));
        String third = second.header("Link");
        String nextAgain = third.substring(third.indexOf('<') + 1, third.indexOf('>'));
        assertThat(ids(ok(atoll.http().get(nextAgain.substring(nextAgain.indexOf("/api/")) , bob)).json())).containsExactly(quotes.get(4));
        // anyone who may see the post may list them
        assertThat(ids(ok(atoll.http().get("/api/v1/statuses/" + id + "/quotes?limit=40")).json())).isEqualTo(quotes);
    }
}

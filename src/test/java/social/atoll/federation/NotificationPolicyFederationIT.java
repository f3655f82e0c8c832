package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * The notification policy against remote senders, with two real Atoll instances: a first-time remote account
 * (its actor's {@code published} is days old) is filtered as new, an older one is not; a remote account one does
 * not follow is filtered under "not following" until followed.
 */
class NotificationPolicyFederationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static String alice;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        alice = a.createUser("npf_alice");
        // b knows alice before its people mention her (a mention of an unknown handle is resolved the same way, later)
        assertThat(b.app().federation.actorResolver.byAcct("npf_alice", a.domain())).isPresent();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String mention(String token, String text) {
        var r = b.http().postJson("/api/v1/statuses", token, Map.of("status", text + " @npf_alice@" + a.domain()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String uri = r.json().get("uri").asText();
        Await.until("a has the mention", () -> a.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE uri = :u")
                .bind("u", uri).mapTo(Integer.class).one()) == 1);
        Fed.awaitInboxIdle(a);
        return uri;
    }

    private static JsonNode notifications(String query) {
        var r = a.http().get("/api/v1/notifications" + query, alice);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static boolean hasFrom(JsonNode list, String acct) {
        for (JsonNode n : list) if (n.get("account").get("acct").asText().equals(acct)) return true;
        return false;
    }

    private static JsonNode requests() { return a.http().get("/api/v1/notifications/requests", alice).json(); }

    @Test
    void newRemoteAccountsAndStrangersAreFilteredAsTheLocalOnesAre() {
        String newbie = b.createUser("npf_newbie");
        String oldtimer = b.createUser("npf_oldtimer");
        // on its home server the old account is 90 days old, so its actor says so before a first sees it
        b.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET created_at = created_at - " + 90L * 86_400_000
                + " WHERE username = 'npf_oldtimer' AND domain IS NULL").execute());
        String newbieAcct = "npf_newbie@" + b.domain();
        String oldAcct = "npf_oldtimer@" + b.domain();

        assertThat(a.http().patchJson("/api/v2/notifications/policy", alice, Map.of("for_new_accounts", "filter")).status()).isEqualTo(200);
        mention(newbie, "hello, I am new here");
        mention(oldtimer, "hello from an old hand");
        assertThat(hasFrom(notifications(""), newbieAcct)).isFalse();
        assertThat(hasFrom(notifications(""), oldAcct)).isTrue();
        assertThat(hasFrom(notifications("?include_filtered=true"), newbieAcct)).isTrue();
        JsonNode reqs = requests();
        assertThat(reqs).hasSize(1);
        assertThat(reqs.get(0).get("account").get("acct").asText()).isEqualTo(newbieAcct);
        assertThat(reqs.get(0).get("last_status").get("account").get("acct").asText()).isEqualTo(newbieAcct);

        // not following: the old hand is filtered now, until alice follows them
        assertThat(a.http().patchJson("/api/v2/notifications/policy", alice,
                Map.of("for_new_accounts", "accept", "for_not_following", "filter")).status()).isEqualTo(200);
        String second = mention(oldtimer, "are you there?");
        assertThat(notifications("").toString()).doesNotContain(second);
        assertThat(requests()).hasSize(2);
        String oldOnA = Fed.remoteId(a, oldAcct);
        assertThat(a.http().postJson("/api/v1/accounts/" + oldOnA + "/follow", alice, null).status()).isEqualTo(200);
        Await.until("alice follows the old hand", () -> Fed.relationship(a, alice, oldOnA).get("following").asBoolean());
        String third = mention(oldtimer, "now you follow me");
        assertThat(notifications("").toString()).contains(third);

        // accepting the newbie's request brings the filtered mention back and lets the next through
        String newbieRequest = null;
        for (JsonNode r : requests()) if (r.get("account").get("acct").asText().equals(newbieAcct)) newbieRequest = r.get("id").asText();
        assertThat(newbieRequest).isNotNull();
        assertThat(a.http().postJson("/api/v1/notifications/requests/" + newbieRequest + "/accept", alice, null).status()).isEqualTo(200);
        assertThat(hasFrom(notifications(""), newbieAcct)).isTrue();
        String later = mention(newbie, "thanks!");
        assertThat(notifications("").toString()).contains(later);
    }
}

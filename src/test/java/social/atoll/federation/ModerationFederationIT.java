package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Moderation across two real Atoll servers: a domain block with severity {@code suspend} cuts follows both ways
 * and refuses the blocked server's activities and fetches; a silenced account's posts leave the public timeline for
 * those who do not follow it; a suspended remote account's activities are refused.
 */
class ModerationFederationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static String adminOnA;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        User admin = a.app().core.accountService.createLocal(new NewLocalAccount("mf_admin", "mf_admin@example.test", "password-admin",
                User.Role.ADMIN, true, true, "en", null, null), true);
        adminOnA = a.token(admin.accountId(), "read write admin:read admin:write");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String known(TestInstance on, String user, TestInstance home) {
        return on.app().federation.actorResolver.byAcct(user, home.domain()).orElseThrow().id() + "";
    }

    private static void follow(TestInstance on, String token, String targetId) {
        var r = on.http().postJson("/api/v1/accounts/" + targetId + "/follow", token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static int storedOn(TestInstance i, String uri) {
        return i.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE uri = :u").bind("u", uri).mapTo(Integer.class).one());
    }

    /** Relationships of suspended accounts are only listed when asked for (Mastodon 4.3). */
    private static JsonNode withSuspended(TestInstance on, String token, String id) {
        return on.http().get("/api/v1/accounts/relationships?with_suspended=true&id[]=" + id, token).json().get(0);
    }

    private static List<String> uris(JsonNode statuses) {
        List<String> out = new ArrayList<>();
        statuses.forEach(s -> out.add(s.get("uri").asText()));
        return out;
    }

    @Test
    void aSuspendedDomainLosesItsFollowsBothWaysAndIsNoLongerHeard() {
        String alice = a.createUser("mf_alice");
        String bob = b.createUser("mf_bob");
        String bobOnA = known(a, "mf_bob", b);
        String aliceOnB = known(b, "mf_alice", a);
        follow(a, alice, bobOnA);
        follow(b, bob, aliceOnB);
        Await.until("alice follows bob", () -> Fed.relationship(a, alice, bobOnA).get("following").asBoolean());
        Await.until("alice is followed by bob", () -> Fed.relationship(a, alice, bobOnA).get("followed_by").asBoolean());

        // before the block, bob's posts reach alice
        String before = b.http().postJson("/api/v1/statuses", bob, Map.of("status", "hi @mf_alice@" + a.domain())).json().get("uri").asText();
        Await.until("alice has bob's post", () -> storedOn(a, before) == 1);

        var block = a.http().postJson("/api/v1/admin/domain_blocks", adminOnA, Map.of("domain", b.domain(), "severity", "suspend"));
        assertThat(block.status()).as(block.body()).isEqualTo(200);

        JsonNode rel = withSuspended(a, alice, bobOnA);
        assertThat(rel.get("following").asBoolean()).isFalse();
        assertThat(rel.get("followed_by").asBoolean()).isFalse();
        assertThat(a.http().get("/api/v1/admin/accounts/" + bobOnA, adminOnA).json().get("suspended").asBoolean()).isTrue();
        assertThat(a.app().core.federationPolicy.allows(b.domain())).isFalse();

        // b still believes alice follows bob (a sends nothing to a suspended server); what it delivers is refused
        String after = b.http().postJson("/api/v1/statuses", bob, Map.of("status", "still there? @mf_alice@" + a.domain())).json().get("uri").asText();
        Fed.awaitDeliveries(b);
        Fed.awaitInboxIdle(a);
        assertThat(storedOn(a, after)).isZero();
        // nor does a fetch from it any more
        b.createUser("mf_bert");
        assertThat(a.app().federation.actorResolver.byAcct("mf_bert", b.domain())).isEmpty();
        int logged = a.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM admin_action_logs WHERE action = 'create'"
                + " AND target_type = 'DomainBlock' AND human_identifier = :d").bind("d", b.domain()).mapTo(Integer.class).one());
        assertThat(logged).isEqualTo(1);

        // lifting the block lifts the suspension it caused (follows stay cut, as Mastodon)
        String id = block.json().get("id").asText();
        assertThat(a.http().delete("/api/v1/admin/domain_blocks/" + id, adminOnA).status()).isEqualTo(200);
        assertThat(a.http().get("/api/v1/admin/accounts/" + bobOnA, adminOnA).json().get("suspended").asBoolean()).isFalse();
        assertThat(Fed.relationship(a, alice, bobOnA).get("following").asBoolean()).isFalse();
    }

    @Test
    void aSilencedAccountLeavesThePublicTimelineButReachesItsFollowers() {
        String carol = a.createUser("mf_carol");
        String fan = a.createUser("mf_fan");
        String stranger = a.createUser("mf_stranger");
        String carolId = Fed.accountId(a, carol);
        follow(a, fan, carolId);
        String loud = a.http().postJson("/api/v1/statuses", carol, Map.of("status", "before silence")).json().get("uri").asText();
        assertThat(uris(a.http().get("/api/v1/timelines/public", stranger).json())).contains(loud);

        var r = a.http().postJson("/api/v1/admin/accounts/" + carolId + "/action", adminOnA, Map.of("type", "silence"));
        assertThat(r.status()).isEqualTo(200);
        String quiet = a.http().postJson("/api/v1/statuses", carol, Map.of("status", "after silence")).json().get("uri").asText();

        assertThat(uris(a.http().get("/api/v1/timelines/public", stranger).json())).doesNotContain(loud, quiet);
        assertThat(uris(a.http().get("/api/v1/timelines/public").json())).doesNotContain(loud, quiet);
        assertThat(uris(a.http().get("/api/v1/timelines/public?local=true", fan).json())).doesNotContain(quiet);
        Await.until("the follower's home has the post", () -> uris(a.http().get("/api/v1/timelines/home", fan).json()).contains(quiet));
    }

    @Test
    void aSuspendedRemoteAccountIsCutOffAndNotHeard() {
        String dora = a.createUser("mf_dora");
        String eve = b.createUser("mf_eve");
        String eveOnA = known(a, "mf_eve", b);
        String doraOnB = known(b, "mf_dora", a);
        follow(b, eve, doraOnB);
        Await.until("dora is followed by eve", () -> Fed.relationship(a, dora, eveOnA).get("followed_by").asBoolean());

        var r = a.http().postJson("/api/v1/admin/accounts/" + eveOnA + "/action", adminOnA, Map.of("type", "suspend"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(withSuspended(a, dora, eveOnA).get("followed_by").asBoolean()).isFalse();
        // no strike for a remote account
        int strikes = a.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM account_warnings WHERE target_account_id = :t")
                .bind("t", Long.parseLong(eveOnA)).mapTo(Integer.class).one());
        assertThat(strikes).isZero();

        String post = b.http().postJson("/api/v1/statuses", eve, Map.of("status", "hello @mf_dora@" + a.domain())).json().get("uri").asText();
        Fed.awaitDeliveries(b);
        Fed.awaitInboxIdle(a);
        assertThat(storedOn(a, post)).isZero();
    }

    @Test
    void aSilencedDomainsNewcomersStartSilencedAndItsReportsAreIgnoredWhenAsked() {
        // a fresh pair of servers, so this block touches no other test's accounts
        try (TestInstance c = Fed.start(); TestInstance d = Fed.start()) {
            User admin = c.app().core.accountService.createLocal(new NewLocalAccount("mf_admin2", "mf_admin2@example.test", "password-admin",
                    User.Role.ADMIN, true, true, "en", null, null), true);
            String token = c.token(admin.accountId(), "admin:read admin:write");
            String gina = c.createUser("mf_gina");
            String image = c.app().core.mediaProxySigner.proxied(d.baseUrl() + "/avatars/original/missing.png");
            assertThat(c.http().get(image.substring(c.baseUrl().length())).status()).isEqualTo(200);
            String frank = d.createUser("mf_frank");
            var block = c.http().postJson("/api/v1/admin/domain_blocks", token, Map.of("domain", d.domain(), "severity", "silence",
                    "reject_reports", true));
            assertThat(block.status()).as(block.body()).isEqualTo(200);

            String frankOnC = known(c, "mf_frank", d);
            assertThat(c.http().get("/api/v1/admin/accounts/" + frankOnC, token).json().get("silenced").asBoolean()).isTrue();

            String ginaOnD = known(d, "mf_gina", c);
            var report = d.http().postJson("/api/v1/reports", frank, Map.of("account_id", ginaOnD, "comment", "rude", "forward", true));
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            Fed.awaitDeliveries(d);
            Fed.awaitInboxIdle(c);
            int reports = c.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM reports").mapTo(Integer.class).one());
            assertThat(reports).isZero();
            // the same report is heard once the block stops rejecting reports
            c.http().putJson("/api/v1/admin/domain_blocks/" + block.json().get("id").asText(), token, Map.of("reject_reports", false, "reject_media", true));
            // reject_media: the proxy no longer serves the domain's media, not even the copy it cached
            assertThat(c.http().get(image.substring(c.baseUrl().length())).status()).isEqualTo(404);
            d.http().postJson("/api/v1/reports", frank, Map.of("account_id", ginaOnD, "comment", "rude again", "forward", true));
            Await.until("the forwarded report arrives", () -> c.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM reports")
                    .mapTo(Integer.class).one()) == 1);

            assertThat(c.http().delete("/api/v1/admin/domain_blocks/" + block.json().get("id").asText(), token).status()).isEqualTo(200);
            assertThat(c.http().get("/api/v1/admin/accounts/" + frankOnC, token).json().get("silenced").asBoolean()).isFalse();
            assertThat(gina).isNotNull();
        }
    }

    @Test
    void inLimitedFederationADomainAllowLetsTheServerAndItsSubdomainsIn() {
        try (TestInstance limited = TestInstance.start(Map.of("ATOLL_LIMITED_FEDERATION", "true"))) {
            var policy = limited.app().core.federationPolicy;
            assertThat(policy.allows("friends.example")).isFalse();
            limited.app().core.domainModeration.createAllow(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "friends.example");
            assertThat(policy.allows("friends.example")).isTrue();
            assertThat(policy.allows("social.friends.example")).isTrue();
            assertThat(policy.allows("others.example")).isFalse();
        }
    }
}

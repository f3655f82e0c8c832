package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.List;
import social.atoll.core.auth.Scopes;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestInstance;

/**
 * E-mail domain, canonical e-mail and IP blocks through the admin API, applied to sign-ups through
 * {@code POST /api/v1/accounts}; a moderator (no {@code manage_blocks}) is refused, and each change is audited.
 */
class SignUpBlocksIT {

    private static TestInstance atoll;
    private static String admin;
    private static String moderator;
    private static String app;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open"));
        admin = staff("sb_admin", User.Role.ADMIN);
        moderator = staff("sb_mod", User.Role.MODERATOR);
        var registered = atoll.app().core.oauth.register("Sign-up blocks test", List.of("urn:ietf:wg:oauth:2.0:oob"), Scopes.parse("read write"), null);
        app = atoll.app().core.tokens.issue(registered.id(), null, Scopes.parse("read write")).token();
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static String staff(String name, User.Role role) {
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, true, "en", null, null), true);
        return atoll.token(u.accountId(), "admin:read admin:write");
    }

    private static int signUp(String username, String email) {
        return atoll.http().postJson("/api/v1/accounts", app, Map.of("username", username, "email", email, "password", "correct horse battery",
                "agreement", true)).status();
    }

    private static long audited(String action, String type) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM admin_action_logs WHERE action = :a AND target_type = :t")
                .bind("a", action).bind("t", type).mapTo(Long.class).one());
    }

    @Test
    void emailDomainAndCanonicalBlocksStopSignUps() {
        var r = atoll.http().postJson("/api/v1/admin/email_domain_blocks", admin, Map.of("domain", "throwaway.example"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("domain").asText()).isEqualTo("throwaway.example");
        assertThat(r.json().get("history").isArray()).isTrue();
        assertThat(atoll.http().postJson("/api/v1/admin/email_domain_blocks", moderator, Map.of("domain", "x.example")).status()).isEqualTo(403);
        var refused = atoll.http().postJson("/api/v1/accounts", app, Map.of("username", "sb_throw", "email", "me@mx.throwaway.example",
                "password", "correct horse battery", "agreement", true));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("details").get("email").get(0).get("error").asText()).isEqualTo("ERR_BLOCKED");
        assertThat(audited("create", "EmailDomainBlock")).isEqualTo(1);

        var c = atoll.http().postJson("/api/v1/admin/canonical_email_blocks", admin, Map.of("email", "Spam.Mer+x@people.example"));
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().get("canonical_email_hash").asText()).hasSize(64);
        var test = atoll.http().postJson("/api/v1/admin/canonical_email_blocks/test", admin, Map.of("email", "spammer+other@people.example"));
        assertThat(test.json().size()).isEqualTo(1);
        assertThat(signUp("sb_spammer", "s.pammer@people.example")).isEqualTo(422);
        assertThat(signUp("sb_fine", "fine@people.example")).isEqualTo(200);

        String id = r.json().get("id").asText();
        assertThat(atoll.http().get("/api/v1/admin/email_domain_blocks", moderator).status()).isEqualTo(403);
        assertThat(atoll.http().delete("/api/v1/admin/email_domain_blocks/" + id, admin).status()).isEqualTo(200);
        assertThat(signUp("sb_throw2", "me@throwaway.example")).isEqualTo(200);
        assertThat(audited("destroy", "EmailDomainBlock")).isEqualTo(1);
        assertThat(atoll.http().delete("/api/v1/admin/canonical_email_blocks/" + c.json().get("id").asText(), admin).status()).isEqualTo(200);
    }

    @Test
    void ipBlocksStopOrHoldSignUps() {
        var r = atoll.http().postJson("/api/v1/admin/ip_blocks", admin, Map.of("ip", "127.0.0.0/8", "severity", "sign_up_requires_approval",
                "comment", "test range", "expires_in", 3600));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("ip").asText()).isEqualTo("127.0.0.0/8");
        assertThat(r.json().get("expires_at").isTextual()).isTrue();
        var held = atoll.http().postJson("/api/v1/accounts", app, Map.of("username", "sb_held", "email", "held@people.example",
                "password", "correct horse battery", "agreement", true));
        assertThat(held.status()).isEqualTo(200);
        String link = new social.atoll.testing.EmlMailbox(atoll).await("held@people.example", 1).link(atoll.baseUrl() + "/auth/confirmation?token=");
        assertThat(atoll.http().get(link.substring(atoll.baseUrl().length())).status()).isEqualTo(200);
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", held.json().get("access_token").asText()).json().get("error").asText())
                .isEqualTo("Your login is currently pending approval");

        String id = r.json().get("id").asText();
        var put = atoll.http().putJson("/api/v1/admin/ip_blocks/" + id, admin, Map.of("severity", "sign_up_block"));
        assertThat(put.json().get("severity").asText()).isEqualTo("sign_up_block");
        assertThat(signUp("sb_blocked", "blocked@people.example")).isEqualTo(403);
        assertThat(atoll.http().postJson("/api/v1/admin/ip_blocks", moderator, Map.of("ip", "10.0.0.1", "severity", "no_access")).status()).isEqualTo(403);
        assertThat(atoll.http().postJson("/api/v1/admin/ip_blocks", admin, Map.of("ip", "not-an-ip", "severity", "no_access")).status()).isEqualTo(422);
        assertThat(atoll.http().delete("/api/v1/admin/ip_blocks/" + id, admin).status()).isEqualTo(200);
        assertThat(signUp("sb_after", "after@people.example")).isEqualTo(200);
        assertThat(audited("create", "IpBlock")).isEqualTo(1);
        assertThat(audited("update", "IpBlock")).isEqualTo(1);
        assertThat(audited("destroy", "IpBlock")).isEqualTo(1);
    }
}

package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.Scopes;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.invite.Invite;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.testing.TestInstance;

/**
 * Invitations through {@code POST /api/v1/accounts} with {@code invite_code} (closed and approval modes, expired and
 * used-up codes), who may manage invites, and the privacy policy and terms of service: Markdown set by staff,
 * served sanitized by {@code /api/v1/instance/privacy_policy} and {@code /terms_of_service} in Mastodon's shapes.
 */
class InvitesAndPoliciesIT {

    private static TestInstance atoll;
    private static Fixtures f;
    private static StaffAccess.Actor admin;
    private static StaffAccess.Actor moderator;
    private static StaffAccess.Actor plain;
    private static String app;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "closed"));
        f = new Fixtures(atoll);
        admin = actor("inv_admin", User.Role.ADMIN);
        moderator = actor("inv_mod", User.Role.MODERATOR);
        plain = actor("inv_plain", User.Role.USER);
        OAuthApp a = atoll.app().core.oauth.register("Invite test app", List.of("urn:ietf:wg:oauth:2.0:oob"), Scopes.parse("read write"), null);
        app = atoll.app().core.tokens.issue(a.id(), null, Scopes.parse("read write")).token();
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static StaffAccess.Actor actor(String name, User.Role role) {
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, true, "en", null, null), true);
        return atoll.app().core.roles.actor(u.accountId(), u);
    }

    private static Map<String, Object> form(String username, String invite) {
        return invite == null
                ? Map.of("username", username, "email", username + "@people.test", "password", "correct horse battery", "agreement", true)
                : Map.of("username", username, "email", username + "@people.test", "password", "correct horse battery", "agreement", true,
                        "invite_code", invite);
    }

    private static boolean approved(String username) {
        return f.count("SELECT COUNT(*) FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = '" + username
                + "' AND u.approved") == 1;
    }

    @Test
    void anInviteOpensClosedRegistrationsUntilItIsUsedUp() {
        assertThat(atoll.http().postJson("/api/v1/accounts", app, form("uninvited", null)).status()).isEqualTo(403);

        Invite invite = atoll.app().core.invites.create(plain, 1, Duration.ofDays(1));
        assertThat(invite.code()).hasSize(8);
        var ok = atoll.http().postJson("/api/v1/accounts", app, form("invited", invite.code()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("access_token").asText()).isNotBlank();
        assertThat(approved("invited")).isTrue();
        assertThat(atoll.app().core.invites.mine(plain)).filteredOn(i -> i.id() == invite.id()).singleElement()
                .satisfies(i -> assertThat(i.uses()).isEqualTo(1));

        var usedUp = atoll.http().postJson("/api/v1/accounts", app, form("second", invite.code()));
        assertThat(usedUp.status()).isEqualTo(403);
        assertThat(usedUp.json().get("error").asText()).isEqualTo("This invite link has expired or has already been used up");
        var unknown = atoll.http().postJson("/api/v1/accounts", app, form("third", "nosuchcode"));
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json().get("error").asText()).isEqualTo("This invite link has expired or has already been used up");
        assertThat(f.count("SELECT COUNT(*) FROM accounts WHERE username IN ('second', 'third', 'uninvited')")).isZero();

        // a field error does not spend the invite
        Invite twice = atoll.app().core.invites.create(plain, null, null);
        var bad = atoll.http().postJson("/api/v1/accounts", app, Map.of("username", "bad name!", "email", "x@people.test",
                "password", "correct horse battery", "agreement", true, "invite_code", twice.code()));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(atoll.app().core.invites.byCode(twice.code()).orElseThrow().uses()).isZero();
    }

    @Test
    void anExpiredInviteIsRefusedAndAnInviteSkipsApproval() {
        Invite invite = atoll.app().core.invites.create(plain, null, Duration.ofHours(1));
        atoll.app().core.invites.expire(plain, invite.id());
        var expired = atoll.http().postJson("/api/v1/accounts", app, form("late", invite.code()));
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.json().get("error").asText()).contains("expired");

        atoll.app().core.serverSettings.updateTexts(admin, Map.of("registrations_mode", "approval"));
        try {
            assertThat(atoll.http().get("/api/v2/instance").json().get("registrations").get("approval_required").asBoolean()).isTrue();
            var waiting = atoll.http().postJson("/api/v1/accounts", app, form("waiter", null));
            assertThat(waiting.status()).isEqualTo(200);
            assertThat(approved("waiter")).isFalse();
            Invite fresh = atoll.app().core.invites.create(moderator, 5, null);
            assertThat(atoll.http().postJson("/api/v1/accounts", app, form("welcome", fresh.code())).status()).isEqualTo(200);
            assertThat(approved("welcome")).isTrue();
        } finally {
            atoll.app().core.serverSettings.updateTexts(admin, Map.of("registrations_mode", ""));
        }
        assertThat(f.count("SELECT COUNT(*) FROM admin_action_logs WHERE action = 'update' AND target_type = 'Settings'"
                + " AND human_identifier = 'registrations_mode'")).isEqualTo(2);
    }

    @Test
    void onlyTheCreatorOrStaffWithManageInvitesMayExpireAndSeeAll() {
        Invite mine = atoll.app().core.invites.create(plain, 10, null);
        assertThatThrownBy(() -> atoll.app().core.invites.expire(moderator, mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> atoll.app().core.invites.all(moderator)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> atoll.app().core.invites.all(plain)).isInstanceOf(ForbiddenException.class);
        assertThat(atoll.app().core.invites.all(admin)).extracting(Invite::id).contains(mine.id());
        assertThat(atoll.app().core.invites.expire(admin, mine.id()).valid(java.time.Instant.now())).isFalse();
        assertThat(f.count("SELECT COUNT(*) FROM admin_action_logs WHERE action = 'expire' AND target_type = 'Invite' AND target_id = "
                + mine.id())).isEqualTo(1);
    }

    @Test
    void policiesAreMarkdownServedSanitizedInMastodonsShapes() {
        var defaults = atoll.http().get("/api/v1/instance/privacy_policy");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().get("content").asText()).contains("<p>").contains(atoll.domain());
        assertThat(defaults.json().get("updated_at").asText()).isEqualTo("1970-01-01T00:00:00Z");
        var none = atoll.http().get("/api/v1/instance/terms_of_service");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("error").asText()).isEqualTo("Record not found");
        assertThat(atoll.http().get("/api/v2/instance").json().get("configuration").get("urls").get("terms_of_service").isNull()).isTrue();

        assertThatThrownBy(() -> atoll.app().core.serverSettings.updateTexts(moderator, Map.of("privacy_policy", "x")))
                .isInstanceOf(ForbiddenException.class);
        atoll.app().core.serverSettings.updateTexts(admin, Map.of(
                "privacy_policy", "## Data\n\nWe keep **little**. <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org/)",
                "terms_of_service", "# Terms\n\n1. Be kind\n2. No spam"));
        var p = atoll.http().get("/api/v1/instance/privacy_policy").json();
        String html = p.get("content").asText();
        assertThat(html).contains("<h2>Data</h2>", "<strong>little</strong>", "href=\"https://example.org/\"")
                .doesNotContain("<script", "javascript:");
        assertThat(java.time.Instant.parse(p.get("updated_at").asText())).isAfter(java.time.Instant.now().minusSeconds(600));
        var t = atoll.http().get("/api/v1/instance/terms_of_service");
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.json().fieldNames()).toIterable().containsExactly("effective_date", "effective", "content", "succeeded_by");
        assertThat(t.json().get("effective_date").asText()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(t.json().get("effective").asBoolean()).isTrue();
        assertThat(t.json().get("content").asText()).contains("<h1>Terms</h1>", "<li>Be kind</li>");
        assertThat(t.json().get("succeeded_by").isNull()).isTrue();
        var urls = atoll.http().get("/api/v2/instance").json().get("configuration").get("urls");
        assertThat(urls.get("privacy_policy").asText()).isEqualTo(atoll.baseUrl() + "/privacy-policy");
        assertThat(urls.get("terms_of_service").asText()).isEqualTo(atoll.baseUrl() + "/terms");

        atoll.app().core.serverSettings.updateTexts(admin, Map.of("terms_of_service_effective_date", "2999-01-01"));
        var future = atoll.http().get("/api/v1/instance/terms_of_service").json();
        assertThat(future.get("effective").asBoolean()).isFalse();
        assertThat(future.get("effective_date").asText()).isEqualTo("2999-01-01");

        var page = atoll.http().get("/privacy-policy");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<strong>little</strong>").doesNotContain("<script>alert");
        assertThat(atoll.http().get("/terms").body()).contains("Be kind");
        assertThat(f.count("SELECT COUNT(*) FROM admin_action_logs WHERE action = 'update' AND target_type = 'Settings'"
                + " AND human_identifier LIKE '%privacy_policy%'")).isEqualTo(1);
    }
}

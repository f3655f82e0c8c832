package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * The admin API through its real door: per endpoint the happy path, the refusals (a plain user, a moderator lacking
 * the permission bit, a token without the admin scope) and the audit-log row the action wrote.
 */
class AdminApiIT {

    private static TestInstance atoll;
    private static Fixtures f;
    private static Fixtures.User admin;
    private static Fixtures.User moderator;
    private static Fixtures.User plain;
    private static final String ADMIN_SCOPES = "read write admin:read admin:write";

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
        admin = staff("adm_admin", User.Role.ADMIN);
        moderator = staff("adm_mod", User.Role.MODERATOR);
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount("adm_plain", "adm_plain@example.test", "password-plain",
                User.Role.USER, true, true, "en", null, null), true);
        plain = new Fixtures.User("adm_plain", u.accountId(), atoll.token(u.accountId(), ADMIN_SCOPES));
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static Fixtures.User staff(String name, User.Role role) {
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, true, "en", null, null), true);
        return new Fixtures.User(name, u.accountId(), atoll.token(u.accountId(), ADMIN_SCOPES));
    }

    private static TestHttp http() { return atoll.http(); }

    private static long auditRows(String action, String targetType, long targetId) {
        return f.count("SELECT COUNT(*) FROM admin_action_logs WHERE action = '" + action + "' AND target_type = '" + targetType
                + "' AND target_id = " + targetId);
    }

    private static void refused(String method, String path, Object body) {
        for (Fixtures.User who : List.of(plain)) {
            var r = http().json(method, path, who.token(), body);
            assertThat(r.status()).as(method + " " + path + " by a plain user: " + r.body()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("This action is not allowed");
        }
        String noAdminScope = atoll.token(admin.id(), "read write");
        var r = http().json(method, path, noAdminScope, body);
        assertThat(r.status()).as(method + " " + path + " without admin scope").isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("This action is outside the authorized scopes");
        assertThat(http().json(method, path, null, body).status()).isEqualTo(401);
    }

    private static TestHttp.Response ap(String path) {
        return http().send("GET", path, null, null, null, Map.of("Accept", "application/activity+json"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void listsAndShowsAccountsWithMastodonsShapeAndFilters() {
        Fixtures.User target = f.user("adm_listed");
        var r = http().get("/api/v1/admin/accounts?local=true&username=adm_list", moderator.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(ids(r.json())).containsExactly(target.idString());
        JsonNode a = r.json().get(0);
        assertThat(a.get("username").asText()).isEqualTo("adm_listed");
        assertThat(a.get("domain").isNull()).isTrue();
        assertThat(a.get("email").asText()).isEqualTo("adm_listed@example.test");
        for (String k : List.of("created_at", "ip", "ips", "role", "confirmed", "suspended", "silenced", "sensitized", "disabled",
                "approved", "locale", "invite_request", "account")) assertThat(a.has(k)).as(k).isTrue();
        assertThat(a.get("account").get("id").asText()).isEqualTo(target.idString());
        assertThat(a.get("role").get("id").asText()).isEqualTo("-99");

        // several text filters at once, each with a LIKE wildcard character taken literally (ApiFuzzIT found a 500 here:
        // the second ESCAPE clause lost its backslash to Jdbi's template engine)
        var combined = http().get("/api/v1/admin/accounts?username=adm_l&email=listed@", moderator.token());
        assertThat(combined.status()).as(combined.body()).isEqualTo(200);
        assertThat(ids(combined.json())).containsExactly(target.idString());
        var literal = http().get("/api/v1/admin/accounts?username=adm%25&email=adm", moderator.token());
        assertThat(literal.status()).as(literal.body()).isEqualTo(200);
        assertThat(ids(literal.json())).isEmpty();

        var staff = http().get("/api/v1/admin/accounts?staff=true", admin.token()).json();
        assertThat(ids(staff)).contains(admin.idString(), moderator.idString()).doesNotContain(target.idString());
        var v2 = http().get("/api/v2/admin/accounts?origin=local&permissions=staff&role_ids[]=1", admin.token()).json();
        assertThat(ids(v2)).containsExactly(moderator.idString());
        var one = http().get("/api/v1/admin/accounts/" + target.id(), moderator.token());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("id").asText()).isEqualTo(target.idString());
        assertThat(http().get("/api/v1/admin/accounts/999999", admin.token()).status()).isEqualTo(404);

        refused("GET", "/api/v1/admin/accounts", null);
        refused("GET", "/api/v2/admin/accounts", null);
        refused("GET", "/api/v1/admin/accounts/" + target.id(), null);
    }

    @Test
    void suspendingRevokesTokensStrikesAndIsAudited() {
        Fixtures.User target = f.user("adm_suspended");
        String status = f.post(target, "about to be suspended", "public").get("id").asText();
        var report = http().postJson("/api/v1/reports", plain.token(), Map.of("account_id", target.idString(), "status_ids", List.of(status),
                "comment", "spam"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        String reportId = report.json().get("id").asText();

        refused("POST", "/api/v1/admin/accounts/" + target.id() + "/action", Map.of("type", "suspend"));
        var r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "suspend", "report_id", reportId, "text", "You posted spam."));
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        assertThat(http().get("/api/v1/accounts/verify_credentials", target.token()).status()).isEqualTo(401);
        assertThat(ap("/users/adm_suspended").status()).isEqualTo(410);
        assertThat(ap("/users/adm_suspended/statuses/" + status).status())
                .isEqualTo(410);
        assertThat(http().get("/api/v1/statuses/" + status, plain.token()).status()).isEqualTo(404);
        assertThat(auditRows("suspend", "Account", target.id())).isEqualTo(1);
        assertThat(auditRows("resolve", "Report", Long.parseLong(reportId))).isEqualTo(1);

        var shown = http().get("/api/v1/admin/accounts/" + target.id(), admin.token()).json();
        assertThat(shown.get("suspended").asBoolean()).isTrue();
        var resolved = http().get("/api/v1/admin/reports/" + reportId, moderator.token()).json();
        assertThat(resolved.get("action_taken").asBoolean()).isTrue();
        assertThat(resolved.get("action_taken_by_account").get("id").asText()).isEqualTo(moderator.idString());

        // the strike: a warning with the text and the reported post, and a moderation_warning notification
        assertThat(f.count("SELECT COUNT(*) FROM account_warnings WHERE target_account_id = " + target.id()
                + " AND action = 'suspend' AND text = 'You posted spam.' AND status_ids LIKE '%" + status + "%'")).isEqualTo(1);
        var notes = atoll.app().core.notificationService.page(target.id(), List.of("moderation_warning"), List.of(), null,
                social.atoll.core.common.IdRange.newest(10));
        assertThat(notes).hasSize(1);

        // a moderator lacks delete_user_data; an admin has it
        var del = http().delete("/api/v1/admin/accounts/" + target.id(), moderator.token());
        assertThat(del.status()).as(del.body()).isEqualTo(403);
        refused("DELETE", "/api/v1/admin/accounts/" + target.id(), null);
        assertThat(http().delete("/api/v1/admin/accounts/" + target.id(), admin.token()).status()).isEqualTo(200);
        assertThat(auditRows("destroy", "Account", target.id())).isEqualTo(1);
        // a local account's posts go in the deletion's purge job, after the answer
        social.atoll.testing.Await.until("the deleted account's posts are removed",
                () -> f.count("SELECT COUNT(*) FROM statuses WHERE account_id = " + target.id() + " AND deleted_at IS NULL") == 0);
    }

    @Test
    void unsuspendRestoresAndTheNotificationShowsTheStrikeToItsPerson() {
        Fixtures.User target = f.user("adm_warned");
        var r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "none", "text", "Please read the rules."));
        assertThat(r.status()).isEqualTo(200);
        var notes = http().get("/api/v1/notifications?types[]=moderation_warning", target.token());
        assertThat(notes.status()).as(notes.body()).isEqualTo(200);
        JsonNode w = notes.json().get(0).get("moderation_warning");
        assertThat(w.get("action").asText()).isEqualTo("none");
        assertThat(w.get("text").asText()).isEqualTo("Please read the rules.");
        assertThat(w.get("target_account").get("id").asText()).isEqualTo(target.idString());
        assertThat(w.has("appeal")).isTrue();
        assertThat(auditRows("create", "AccountWarning", w.get("id").asLong())).isEqualTo(1);

        http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(), Map.of("type", "silence"));
        assertThat(http().get("/api/v1/admin/accounts/" + target.id(), moderator.token()).json().get("silenced").asBoolean()).isTrue();
        refused("POST", "/api/v1/admin/accounts/" + target.id() + "/unsilence", null);
        var un = http().postJson("/api/v1/admin/accounts/" + target.id() + "/unsilence", moderator.token(), null);
        assertThat(un.status()).isEqualTo(200);
        assertThat(un.json().get("silenced").asBoolean()).isFalse();
        assertThat(auditRows("unsilence", "Account", target.id())).isEqualTo(1);

        http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(), Map.of("type", "sensitive"));
        var uns = http().postJson("/api/v1/admin/accounts/" + target.id() + "/unsensitive", moderator.token(), null);
        assertThat(uns.json().get("sensitized").asBoolean()).isFalse();
        assertThat(auditRows("sensitive", "Account", target.id())).isEqualTo(1);
        assertThat(auditRows("unsensitive", "Account", target.id())).isEqualTo(1);

        http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(), Map.of("type", "disable"));
        assertThat(http().get("/api/v1/accounts/verify_credentials", target.token()).status()).isEqualTo(403);
        var en = http().postJson("/api/v1/admin/accounts/" + target.id() + "/enable", moderator.token(), null);
        assertThat(en.json().get("disabled").asBoolean()).isFalse();
        assertThat(http().get("/api/v1/accounts/verify_credentials", target.token()).status()).isEqualTo(200);
        assertThat(auditRows("enable", "User", atoll.app().core.accounts.userByAccountId(target.id()).orElseThrow().id())).isEqualTo(1);

        http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(), Map.of("type", "suspend"));
        var unsus = http().postJson("/api/v1/admin/accounts/" + target.id() + "/unsuspend", moderator.token(), null);
        assertThat(unsus.json().get("suspended").asBoolean()).isFalse();
        assertThat(ap("/users/adm_warned").status()).isEqualTo(200);
        assertThat(auditRows("unsuspend", "Account", target.id())).isEqualTo(1);

        var bad = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(), Map.of("type", "banish"));
        assertThat(bad.status()).isEqualTo(422);
        // staff cannot act on their equals or betters
        var up = http().postJson("/api/v1/admin/accounts/" + admin.id() + "/action", moderator.token(), Map.of("type", "suspend"));
        assertThat(up.status()).isEqualTo(403);
    }

    @Test
    void pendingSignUpsAreApprovedOrRejected() {
        User pending = atoll.app().core.accountService.createLocal(new NewLocalAccount("adm_pending", "adm_pending@example.test",
                "password-pending", User.Role.USER, true, false, "en", "I like boats", "192.0.2.7"), true);
        User other = atoll.app().core.accountService.createLocal(new NewLocalAccount("adm_pending2", "adm_pending2@example.test",
                "password-pending", User.Role.USER, true, false, "en", null, null), true);
        var queue = http().get("/api/v2/admin/accounts?status=pending", moderator.token()).json();
        assertThat(ids(queue)).contains(Long.toString(pending.accountId()), Long.toString(other.accountId()));
        JsonNode p = queue.get(ids(queue).indexOf(Long.toString(pending.accountId())));
        assertThat(p.get("approved").asBoolean()).isFalse();
        assertThat(p.get("invite_request").asText()).isEqualTo("I like boats");
        assertThat(p.get("ip").asText()).isEqualTo("192.0.2.7");
        assertThat(ids(http().get("/api/v1/admin/accounts?ip=192.0.2.7", admin.token()).json())).containsExactly(Long.toString(pending.accountId()));

        refused("POST", "/api/v1/admin/accounts/" + pending.accountId() + "/approve", null);
        var ok = http().postJson("/api/v1/admin/accounts/" + pending.accountId() + "/approve", moderator.token(), null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("approved").asBoolean()).isTrue();
        assertThat(auditRows("approve", "User", pending.id())).isEqualTo(1);

        var rej = http().postJson("/api/v1/admin/accounts/" + other.accountId() + "/reject", moderator.token(), null);
        assertThat(rej.status()).isEqualTo(200);
        assertThat(http().get("/api/v1/admin/accounts/" + other.accountId(), moderator.token()).status()).isEqualTo(404);
        assertThat(auditRows("reject", "User", other.id())).isEqualTo(1);
        // approving someone already approved is refused, as Mastodon's policy does
        assertThat(http().postJson("/api/v1/admin/accounts/" + pending.accountId() + "/approve", moderator.token(), null).status()).isEqualTo(403);
    }

    @Test
    void reportsAreListedAssignedResolvedAndReopened() {
        Fixtures.User reporter = f.user("adm_reporter");
        Fixtures.User target = f.user("adm_reported");
        String status = f.post(target, "offending", "public").get("id").asText();
        String id = http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", target.idString(),
                "status_ids", List.of(status), "comment", "bad", "category", "spam")).json().get("id").asText();

        var list = http().get("/api/v1/admin/reports?target_account_id=" + target.id(), moderator.token());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(ids(list.json())).containsExactly(id);
        JsonNode r = list.json().get(0);
        assertThat(r.get("account").get("id").asText()).isEqualTo(reporter.idString());
        assertThat(r.get("target_account").get("account").get("acct").asText()).isEqualTo("adm_reported");
        assertThat(r.get("statuses").get(0).get("id").asText()).isEqualTo(status);
        assertThat(r.get("assigned_account").isNull()).isTrue();
        for (String k : List.of("action_taken", "action_taken_at", "category", "comment", "forwarded", "created_at", "updated_at",
                "action_taken_by_account", "rules")) assertThat(r.has(k)).as(k).isTrue();
        refused("GET", "/api/v1/admin/reports", null);

        String base = "/api/v1/admin/reports/" + id;
        refused("POST", base + "/assign_to_self", null);
        var assigned = http().postJson(base + "/assign_to_self", moderator.token(), null);
        assertThat(assigned.json().get("assigned_account").get("id").asText()).isEqualTo(moderator.idString());
        assertThat(http().postJson(base + "/unassign", moderator.token(), null).json().get("assigned_account").isNull()).isTrue();
        var resolved = http().postJson(base + "/resolve", moderator.token(), null);
        assertThat(resolved.json().get("action_taken").asBoolean()).isTrue();
        assertThat(ids(http().get("/api/v1/admin/reports?resolved=true&account_id=" + reporter.id(), moderator.token()).json())).containsExactly(id);
        assertThat(ids(http().get("/api/v1/admin/reports?target_account_id=" + target.id(), moderator.token()).json())).isEmpty();
        assertThat(http().postJson(base + "/reopen", moderator.token(), null).json().get("action_taken").asBoolean()).isFalse();
        var put = http().putJson(base, moderator.token(), Map.of("category", "legal"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("category").asText()).isEqualTo("legal");
        for (String action : List.of("assigned_to_self", "unassigned", "resolve", "reopen", "update"))
            assertThat(auditRows(action, "Report", Long.parseLong(id))).as(action).isEqualTo(1);
        assertThat(http().get("/api/v1/admin/reports/424242", moderator.token()).status()).isEqualTo(404);
    }

    @Test
    void domainBlocksAndAllowsNeedManageFederation() {
        var created = http().postJson("/api/v1/admin/domain_blocks", admin.token(), Map.of("domain", "Spam.Example", "severity", "suspend",
                "reject_media", true, "public_comment", "spam factory", "private_comment", "seen in reports", "obfuscate", true));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode b = created.json();
        assertThat(b.get("domain").asText()).isEqualTo("spam.example");
        assertThat(b.get("severity").asText()).isEqualTo("suspend");
        assertThat(b.get("reject_media").asBoolean()).isTrue();
        assertThat(b.get("reject_reports").asBoolean()).isFalse();
        assertThat(b.get("private_comment").asText()).isEqualTo("seen in reports");
        String id = b.get("id").asText();
        assertThat(auditRows("create", "DomainBlock", Long.parseLong(id))).isEqualTo(1);
        assertThat(atoll.app().core.federationPolicy.allows("spam.example")).isFalse();
        assertThat(atoll.app().core.federationPolicy.allows("media.spam.example")).isFalse();
        assertThat(atoll.app().core.federationPolicy.allows("example")).isTrue();

        // a moderator lacks manage_federation
        var mod = http().postJson("/api/v1/admin/domain_blocks", moderator.token(), Map.of("domain", "other.example"));
        assertThat(mod.status()).isEqualTo(403);
        assertThat(http().get("/api/v1/admin/domain_blocks", moderator.token()).status()).isEqualTo(403);
        refused("POST", "/api/v1/admin/domain_blocks", Map.of("domain", "other.example"));
        assertThat(http().postJson("/api/v1/admin/domain_blocks", admin.token(), Map.of("domain", "spam.example")).status()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/admin/domain_blocks", admin.token(), Map.of("domain", "x.example", "severity", "nuke")).status())
                .isEqualTo(422);

        assertThat(ids(http().get("/api/v1/admin/domain_blocks", admin.token()).json())).contains(id);
        var updated = http().putJson("/api/v1/admin/domain_blocks/" + id, admin.token(), Map.of("severity", "silence"));
        assertThat(updated.json().get("severity").asText()).isEqualTo("silence");
        assertThat(updated.json().get("reject_media").asBoolean()).isTrue();
        assertThat(atoll.app().core.federationPolicy.allows("spam.example")).isTrue();
        assertThat(atoll.app().core.federationPolicy.silences("a.spam.example")).isTrue();

        // the public list, as the server chooses to show it
        assertThat(http().get("/api/v1/instance/domain_blocks").status()).isEqualTo(404);
        atoll.app().core.siteSettings.put("show_domain_blocks", "all");
        var pub = http().get("/api/v1/instance/domain_blocks");
        assertThat(pub.status()).isEqualTo(200);
        JsonNode shown = pub.json().get(0);
        assertThat(shown.get("domain").asText()).isEqualTo("spam.****ple").isNotEqualTo("spam.example");
        assertThat(shown.get("digest").asText()).hasSize(64);
        assertThat(shown.get("comment").asText()).isEqualTo("spam factory");
        assertThat(shown.has("private_comment")).isFalse();

        refused("DELETE", "/api/v1/admin/domain_blocks/" + id, null);
        assertThat(http().delete("/api/v1/admin/domain_blocks/" + id, admin.token()).status()).isEqualTo(200);
        assertThat(auditRows("destroy", "DomainBlock", Long.parseLong(id))).isEqualTo(1);
        assertThat(http().get("/api/v1/admin/domain_blocks/" + id, admin.token()).status()).isEqualTo(404);

        var allow = http().postJson("/api/v1/admin/domain_allows", admin.token(), Map.of("domain", "friends.example"));
        assertThat(allow.status()).as(allow.body()).isEqualTo(200);
        String allowId = allow.json().get("id").asText();
        assertThat(allow.json().get("domain").asText()).isEqualTo("friends.example");
        assertThat(http().postJson("/api/v1/admin/domain_allows", moderator.token(), Map.of("domain", "x.example")).status()).isEqualTo(403);
        refused("GET", "/api/v1/admin/domain_allows", null);
        assertThat(ids(http().get("/api/v1/admin/domain_allows", admin.token()).json())).containsExactly(allowId);
        assertThat(http().delete("/api/v1/admin/domain_allows/" + allowId, admin.token()).status()).isEqualTo(200);
        assertThat(auditRows("create", "DomainAllow", Long.parseLong(allowId))).isEqualTo(1);
        assertThat(auditRows("destroy", "DomainAllow", Long.parseLong(allowId))).isEqualTo(1);
    }

    @Test
    void rolesCarryMastodonsPermissionBits() {
        var me = http().get("/api/v1/accounts/verify_credentials", moderator.token()).json().get("role");
        assertThat(me.get("id").asText()).isEqualTo("1");
        assertThat(me.get("name").asText()).isEqualTo("Moderator");
        long bits = Long.parseLong(me.get("permissions").asText());
        assertThat(bits & (1 << 10)).as("manage_users").isNotZero();
        assertThat(bits & (1 << 5)).as("manage_federation").isZero();
        var a = http().get("/api/v1/accounts/verify_credentials", admin.token()).json().get("role");
        assertThat(Long.parseLong(a.get("permissions").asText()) & (1 << 19)).as("delete_user_data").isNotZero();
    }

    @Test
    void aSilencedAccountsNotificationsReachOnlyItsFollowers() {
        Fixtures.User loud = f.user("adm_loud");
        Fixtures.User fan = f.user("adm_fan");
        Fixtures.User stranger = f.user("adm_stranger");
        f.follow(fan, loud);
        assertThat(http().postJson("/api/v1/admin/accounts/" + loud.id() + "/action", moderator.token(), Map.of("type", "silence")).status())
                .isEqualTo(200);
        f.post(loud, "hey @adm_fan and @adm_stranger", "public");
        assertThat(http().get("/api/v1/notifications?types[]=mention", fan.token()).json().size()).isEqualTo(1);
        assertThat(http().get("/api/v1/notifications?types[]=mention", stranger.token()).json().size()).isZero();
    }
}

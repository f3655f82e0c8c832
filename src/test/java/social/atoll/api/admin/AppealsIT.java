package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Issue 12's strike → appeal loop and report details through their real doors (the admin API, the core services the
 * web pages call), with GreenMail as the SMTP server: warning presets filling an action's text, one appeal per strike
 * within 20 days, approval undoing the action and rejection keeping it, the AccountWarning's {@code appeal} in the
 * person's notification, notes between moderators, reported posts surviving their deletion, the reporter told; each
 * refusal for a plain user and a moderator lacking the bit, each audit row, each mail.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AppealsIT {

    private SmtpInbox smtp;
    private TestInstance atoll;
    private Fixtures f;
    private Fixtures.User admin;
    private Fixtures.User moderator;
    private Fixtures.User moderator2;
    private Fixtures.User plain;

    @BeforeAll
    void start() {
        smtp = SmtpInbox.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(smtp.port()), "ATOLL_SMTP_TLS", "none"));
        f = new Fixtures(atoll);
        admin = staff("ap_admin", User.Role.ADMIN);
        moderator = staff("ap_mod", User.Role.MODERATOR);
        moderator2 = staff("ap_mod2", User.Role.MODERATOR);
        plain = staff("ap_plain", User.Role.USER);
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.close();
    }

    private Fixtures.User staff(String name, User.Role role) {
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, true, "en", null, null), true);
        return new Fixtures.User(name, u.accountId(), atoll.token(u.accountId(), "read write admin:read admin:write"));
    }

    private StaffAccess.Actor actor(Fixtures.User u) {
        return atoll.app().core.roles.actor(u.id(), atoll.app().core.accounts.userByAccountId(u.id()).orElseThrow());
    }

    private TestHttp http() { return atoll.http(); }

    private long auditRows(String action, String targetType, long targetId) {
        return f.count("SELECT COUNT(*) FROM admin_action_logs WHERE action = '" + action + "' AND target_type = '" + targetType
                + "' AND target_id = " + targetId);
    }

    private long latestStrike(Fixtures.User target) {
        return atoll.app().core.accountModeration.strikes(StaffAccess.Actor.SYSTEM, target.id()).get(0).id();
    }

    private JsonNode notifications(Fixtures.User u, String type) {
        var r = http().get("/api/v1/notifications?types[]=" + type, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void presetsFillTheActionsTextAndAreKeptByThoseWithManageSettings() {
        var presets = atoll.app().core.warningPresets;
        assertThatThrownBy(() -> presets.create(actor(moderator), "Spam", "Spam breaks rule 1.")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> presets.create(actor(plain), "Spam", "Spam breaks rule 1.")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> presets.create(actor(admin), "Empty", "  ")).isInstanceOf(ValidationException.class);
        var preset = presets.create(actor(admin), "Spam", "Spam breaks rule 1.");
        assertThat(auditRows("create", "AccountWarningPreset", preset.id())).isEqualTo(1);
        // a moderator acting on accounts may read them for the action form
        assertThat(presets.list(actor(moderator))).extracting(p -> p.id()).contains(preset.id());
        assertThatThrownBy(() -> presets.list(actor(plain))).isInstanceOf(ForbiddenException.class);

        Fixtures.User target = f.user("ap_preset_target");
        var r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "none", "warning_preset_id", Long.toString(preset.id()), "text", "This is the last warning."));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode w = notifications(target, "moderation_warning").get(0).get("moderation_warning");
        assertThat(w.get("text").asText()).isEqualTo("Spam breaks rule 1.\n\nThis is the last warning.");
        // the preset alone, without words of the moderator's own
        r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "none", "warning_preset_id", Long.toString(preset.id())));
        assertThat(r.status()).isEqualTo(200);
        assertThat(notifications(target, "moderation_warning").get(0).get("moderation_warning").get("text").asText()).isEqualTo("Spam breaks rule 1.");
        // an unknown preset is Mastodon's 404, and nothing happens
        long before = f.count("SELECT COUNT(*) FROM account_warnings WHERE target_account_id = " + target.id());
        r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "silence", "warning_preset_id", "987654321"));
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(f.count("SELECT COUNT(*) FROM account_warnings WHERE target_account_id = " + target.id())).isEqualTo(before);
        assertThat(http().get("/api/v1/admin/accounts/" + target.id(), moderator.token()).json().get("silenced").asBoolean()).isFalse();

        var edited = presets.update(actor(admin), preset.id(), "Spam", "Spam breaks rule one.");
        assertThat(edited.text()).isEqualTo("Spam breaks rule one.");
        assertThat(auditRows("update", "AccountWarningPreset", preset.id())).isEqualTo(1);
        assertThatThrownBy(() -> presets.delete(actor(moderator), preset.id())).isInstanceOf(ForbiddenException.class);
        presets.delete(actor(admin), preset.id());
        assertThat(auditRows("destroy", "AccountWarningPreset", preset.id())).isEqualTo(1);
        assertThat(presets.list(actor(admin))).extracting(p -> p.id()).doesNotContain(preset.id());
    }

    @Test
    void everyKindOfStrikeIsMailedWithItsOwnSubject() throws Exception {
        Map<String, String> subjects = Map.of(
                "none", "A warning from the moderators of " + atoll.domain(),
                "sensitive", "Your media on " + atoll.domain() + " are marked sensitive",
                "disable", "Your account on " + atoll.domain() + " is disabled",
                "silence", "Your account on " + atoll.domain() + " is limited",
                "suspend", "Your account on " + atoll.domain() + " is suspended");
        for (var kind : subjects.entrySet()) {
            String type = kind.getKey();
            String subject = kind.getValue();
            Fixtures.User target = f.user("ap_kind_" + type);
            var r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                    Map.of("type", type, "text", "Strike of type " + type + ".", "send_email_notification", true));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            MimeMessage mail = smtp.await("ap_kind_" + type + "@example.test", 1);
            assertThat(mail.getSubject()).as(type).isEqualTo(subject);
            assertThat(SmtpInbox.text(mail)).contains("Strike of type " + type + ".");
        }
    }

    @Test
    void aLimitedPersonAppealsOnceAndTheApprovalLiftsTheLimit() throws Exception {
        Fixtures.User target = f.user("ap_silenced");
        var r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "silence", "text", "Rule 2: no brigading.", "send_email_notification", true));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long strike = latestStrike(target);

        // the strike mail says what happened, quotes the moderator and links to the strike
        MimeMessage warning = smtp.await("ap_silenced@example.test", 1);
        assertThat(warning.getSubject()).isEqualTo("Your account on " + atoll.domain() + " is limited");
        assertThat(SmtpInbox.text(warning)).contains("Rule 2: no brigading.");
        assertThat(SmtpInbox.link(warning, atoll.baseUrl() + "/disputes/strikes/" + strike + "?key=")).isNotNull();

        JsonNode w = notifications(target, "moderation_warning").get(0).get("moderation_warning");
        assertThat(w.get("id").asText()).isEqualTo(Long.toString(strike));
        assertThat(w.get("appeal").isNull()).isTrue();

        var appeals = atoll.app().core.appeals;
        assertThatThrownBy(() -> appeals.appeal(target.id(), strike, "  ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> appeals.appeal(target.id(), strike, "x".repeat(2001))).isInstanceOf(ValidationException.class);
        // someone else's strike is not found, not "forbidden"
        assertThatThrownBy(() -> appeals.appeal(plain.id(), strike, "Not mine")).isInstanceOf(NotFoundException.class);
        var appeal = appeals.appeal(target.id(), strike, "I was quoting the brigade to report it.");
        assertThat(appeal.state()).isEqualTo("pending");
        assertThatThrownBy(() -> appeals.appeal(target.id(), strike, "Again")).isInstanceOf(ValidationException.class)
                .hasMessage("This strike has already been appealed");
        // staff who may decide appeals are mailed (Mastodon's new_appeal); a moderator, who may not, is not
        Await.until("the appeal mailed to an admin", () -> smtp.mailsTo("ap_admin@example.test").stream().anyMatch(m -> SmtpInbox.text(m)
                .contains("@ap_silenced: I was quoting the brigade to report it.")));
        MimeMessage toStaff = smtp.mailsTo("ap_admin@example.test").stream()
                .filter(m -> SmtpInbox.text(m).contains("@ap_silenced: I was quoting")).findFirst().orElseThrow();
        assertThat(toStaff.getSubject()).isEqualTo("A moderation decision on " + atoll.domain() + " is appealed");
        assertThat(SmtpInbox.text(toStaff)).contains("@ap_silenced: I was quoting the brigade to report it.").contains(atoll.baseUrl() + "/admin/appeals");
        assertThat(smtp.mailsTo("ap_mod@example.test")).isEmpty();

        // Mastodon's AccountWarning now carries the Appeal entity
        JsonNode a = notifications(target, "moderation_warning").get(0).get("moderation_warning").get("appeal");
        assertThat(a.get("text").asText()).isEqualTo("I was quoting the brigade to report it.");
        assertThat(a.get("state").asText()).isEqualTo("pending");
        assertThat(a.size()).isEqualTo(2);

        // deciding needs manage_appeals: a plain user and a moderator (whose role lacks it) are refused
        assertThatThrownBy(() -> appeals.approve(actor(plain), appeal.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> appeals.approve(actor(moderator), appeal.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> appeals.pending(actor(moderator), null, 10)).isInstanceOf(ForbiddenException.class);
        assertThat(appeals.pending(actor(admin), null, 10)).extracting(p -> p.appeal().id()).contains(appeal.id());

        var decided = appeals.approve(actor(admin), appeal.id());
        assertThat(decided.state()).isEqualTo("approved");
        assertThat(decided.approvedByAccountId()).isEqualTo(admin.id());
        assertThat(http().get("/api/v1/admin/accounts/" + target.id(), admin.token()).json().get("silenced").asBoolean()).isFalse();
        assertThat(f.count("SELECT COUNT(*) FROM account_warnings WHERE id = " + strike + " AND overruled_at IS NOT NULL")).isEqualTo(1);
        assertThat(auditRows("approve", "Appeal", appeal.id())).isEqualTo(1);
        assertThat(appeals.pending(actor(admin), null, 10)).extracting(p -> p.appeal().id()).doesNotContain(appeal.id());
        // decided once
        assertThatThrownBy(() -> appeals.reject(actor(admin), appeal.id())).isInstanceOf(ForbiddenException.class);

        JsonNode told = notifications(target, "atoll.appeal_decided");
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("moderation_warning").get("appeal").get("state").asText()).isEqualTo("approved");
        MimeMessage decision = smtp.await("ap_silenced@example.test", 2);
        assertThat(decision.getSubject()).isEqualTo("Your appeal on " + atoll.domain() + " was approved");
        assertThat(appeals.strike(target.id(), strike).appealable()).isFalse();
    }

    @Test
    void aRejectedAppealKeepsTheSuspensionAndLateOrForeignAppealsAreRefused() throws Exception {
        Fixtures.User target = f.user("ap_suspended");
        var r = http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "suspend", "text", "Spam."));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long strike = latestStrike(target);
        // the suspended person cannot sign in: the mail's key opens the strike
        String link = SmtpInbox.link(smtp.await("ap_suspended@example.test", 1), atoll.baseUrl() + "/disputes/strikes/" + strike + "?key=");
        String key = link.substring(link.indexOf("key=") + 4);
        var appeals = atoll.app().core.appeals;
        assertThatThrownBy(() -> appeals.strikeByKey(strike, key + "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> appeals.strikeByKey(strike, "")).isInstanceOf(NotFoundException.class);
        assertThat(appeals.strikeByKey(strike, key).appealable()).isTrue();
        var appeal = appeals.appealByKey(strike, key, "It was not spam.");

        var rejected = appeals.reject(actor(admin), appeal.id());
        assertThat(rejected.state()).isEqualTo("rejected");
        assertThat(http().get("/api/v1/admin/accounts/" + target.id(), admin.token()).json().get("suspended").asBoolean()).isTrue();
        assertThat(f.count("SELECT COUNT(*) FROM account_warnings WHERE id = " + strike + " AND overruled_at IS NULL")).isEqualTo(1);
        assertThat(auditRows("reject", "Appeal", appeal.id())).isEqualTo(1);
        assertThat(smtp.await("ap_suspended@example.test", 2).getSubject()).isEqualTo("Your appeal on " + atoll.domain() + " was rejected");

        // Mastodon's 20 days: an older strike can no longer be appealed
        Fixtures.User late = f.user("ap_late");
        http().postJson("/api/v1/admin/accounts/" + late.id() + "/action", moderator.token(), Map.of("type", "none", "text", "Old news."));
        long old = latestStrike(late);
        long days21 = System.currentTimeMillis() - 21L * 24 * 3600 * 1000;
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE account_warnings SET created_at = " + days21 + " WHERE id = " + old).execute());
        assertThat(appeals.strike(late.id(), old).appealable()).isFalse();
        assertThatThrownBy(() -> appeals.appeal(late.id(), old, "Too late?")).isInstanceOf(ValidationException.class)
                .hasMessage("It is too late to appeal this strike");
    }

    @Test
    void reportsKeepTheirPostsCarryNotesAndTellTheReporter() throws Exception {
        Fixtures.User reporter = f.user("ap_reporter");
        Fixtures.User target = f.user("ap_reported");
        String status = f.post(target, "Evidence that will be deleted", "public").get("id").asText();
        var report = http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", target.idString(), "status_ids", List.of(status),
                "comment", "Harassment"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        long reportId = report.json().get("id").asLong();
        var reports = atoll.app().core.reportModeration;

        // the author deletes the post: the report keeps it as it was
        assertThat(http().delete("/api/v1/statuses/" + status, target.token()).status()).isEqualTo(200);
        var snaps = reports.snapshots(actor(moderator), reportId);
        assertThat(snaps).hasSize(1);
        assertThat(snaps.get(0).statusId()).isEqualTo(Long.parseLong(status));
        assertThat(snaps.get(0).content()).contains("Evidence that will be deleted");
        assertThat(snaps.get(0).visibility()).isEqualTo("public");
        assertThatThrownBy(() -> reports.snapshots(actor(plain), reportId)).isInstanceOf(ForbiddenException.class);

        // notes between moderators: added and deleted, audited, refused to a plain user and to an equal who is not the author
        assertThatThrownBy(() -> reports.addNote(actor(plain), reportId, "hi")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reports.addNote(actor(moderator), reportId, " ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> reports.addNote(actor(moderator), reportId, "x".repeat(501))).isInstanceOf(ValidationException.class);
        var note = reports.addNote(actor(moderator), reportId, "Checked their other posts: same pattern.");
        assertThat(auditRows("create", "ReportNote", note.id())).isEqualTo(1);
        var mine = reports.addNote(actor(moderator2), reportId, "Agreed.");
        assertThat(reports.notes(actor(moderator), reportId)).extracting(n -> n.content())
                .containsExactly("Checked their other posts: same pattern.", "Agreed.");
        assertThatThrownBy(() -> reports.deleteNote(actor(moderator2), note.id())).isInstanceOf(ForbiddenException.class);
        assertThat(reports.deleteNote(actor(moderator2), mine.id())).isEqualTo(reportId);
        assertThat(reports.deleteNote(actor(admin), note.id())).isEqualTo(reportId);
        assertThat(auditRows("destroy", "ReportNote", note.id())).isEqualTo(1);
        assertThat(auditRows("destroy", "ReportNote", mine.id())).isEqualTo(1);
        assertThat(reports.notes(actor(moderator), reportId)).isEmpty();

        // resolved: the reporter hears of it, once, by notification and by mail
        assertThat(http().postJson("/api/v1/admin/reports/" + reportId + "/resolve", moderator.token(), null).status()).isEqualTo(200);
        assertThat(http().postJson("/api/v1/admin/reports/" + reportId + "/resolve", moderator.token(), null).status()).isEqualTo(200);
        JsonNode told = notifications(reporter, "atoll.report_resolved");
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("report").get("id").asText()).isEqualTo(Long.toString(reportId));
        MimeMessage mail = smtp.await("ap_reporter@example.test", 1);
        assertThat(mail.getSubject()).isEqualTo("Your report on " + atoll.domain() + " was handled");

        // a report settled by an action tells its reporter too
        String other = f.post(target, "Another one", "public").get("id").asText();
        long second = http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", target.idString(), "status_ids", List.of(other)))
                .json().get("id").asLong();
        http().postJson("/api/v1/admin/accounts/" + target.id() + "/action", moderator.token(),
                Map.of("type", "none", "report_id", Long.toString(second), "send_email_notification", false));
        assertThat(notifications(reporter, "atoll.report_resolved")).hasSize(2);
        smtp.await("ap_reporter@example.test", 2);
        // without send_email_notification the person gets no strike mail
        assertThat(smtp.mailsTo("ap_reported@example.test")).isEmpty();
    }
}

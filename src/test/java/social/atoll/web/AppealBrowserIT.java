package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.status.Status;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The strike → appeal loop in a real browser, with GreenMail as the SMTP server: a suspended person appeals from the
 * strike mail's link (they cannot sign in) and an admin approves it from the appeals queue; a limited person appeals
 * from their notification and the approval comes from the account page; staff without {@code manage_appeals} and
 * plain users are refused; a moderator reads a deleted post's snapshot on its report, leaves notes and acts with a
 * warning preset an admin keeps. Every page passes axe on a desktop and fits a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AppealBrowserIT {

    private SmtpInbox smtp;
    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;

    @BeforeAll
    void start() {
        smtp = SmtpInbox.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(smtp.port()), "ATOLL_SMTP_TLS", "none"));
        seed = new WebSeed(atoll);
        staff("mod", User.Role.MODERATOR);
        staff("boss", User.Role.ADMIN);
        seed.user("plain");
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.close();
    }

    private void staff(String name, User.Role role) {
        atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name, role, true, true,
                "en", null, null), true);
    }

    private Account account(String username) { return atoll.app().core.accounts.byAcct(username, null).orElseThrow(); }

    private StaffAccess.Actor actor(String username) {
        Account a = account(username);
        return atoll.app().core.roles.actor(a.id(), atoll.app().core.accounts.userByAccountId(a.id()).orElseThrow());
    }

    private long auditRows(String action, String targetType, long targetId) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM admin_action_logs WHERE action = :a AND target_type = :t"
                + " AND target_id = :id").bind("a", action).bind("t", targetType).bind("id", targetId).mapTo(Long.class).one());
    }

    private void awaitNotice(String text) {
        browser.waitUntil(10, d -> d.findElements(By.cssSelector(".notice")).stream().anyMatch(e -> e.getText().equals(text)));
    }

    /** Passes axe on a desktop, and on a phone does not scroll sideways. */
    private void checkPage(String screenshot) {
        assertThat(browser.accessibilityViolations()).as("axe on " + browser.path()).isEmpty();
        String path = currentPathAndQuery();
        if (screenshot != null) browser.screenshot(screenshot + "-desktop");
        browser.size(WebBrowser.PHONE);
        try {
            browser.open(path);
            assertThat(browser.scrollsSideways()).as("sideways scroll on " + path).isFalse();
            if (screenshot != null) browser.screenshot(screenshot + "-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
            browser.open(path);
        }
    }

    private String currentPathAndQuery() {
        String url = browser.driver().getCurrentUrl();
        return url.substring(atoll.baseUrl().length());
    }

    private int fetchStatus(String method, String path) {
        Object status = browser.js("return fetch('" + path + "', {method: '" + method + "', headers: {'Content-Type': "
                + "'application/x-www-form-urlencoded'}, body: " + (method.equals("GET") ? "undefined" : "'text=x'") + "}).then(r => r.status)");
        return ((Number) status).intValue();
    }

    @Test
    void aSuspendedPersonAppealsFromTheMailAndAnAdminApprovesItInTheQueue() throws Exception {
        Account sus = seed.user("sus");
        Status post = seed.post(sus, "Cheap coral, click here");
        Account reporter = seed.user("sus_reporter");
        long reportId = atoll.app().core.reports.create(reporter.id(), new ReportService.NewReport(sus.id(), List.of(post.id()), "Spam",
                "spam", List.of(), false, List.of())).id();
        atoll.app().core.accountModeration.act(actor("mod"), sus.id(),
                new AccountModeration.ActionRequest("suspend", reportId, "Spam in every reply.", null, true));
        assertThat(account("sus").suspended()).isTrue();
        long strike = atoll.app().core.accountModeration.strikes(StaffAccess.Actor.SYSTEM, sus.id()).get(0).id();

        // the person cannot sign in; the mail's link opens the strike without an account
        MimeMessage warning = smtp.await("sus@example.test", 1);
        assertThat(warning.getSubject()).isEqualTo("Your account on " + atoll.domain() + " is suspended");
        String link = SmtpInbox.link(warning, atoll.baseUrl() + "/disputes/strikes/" + strike + "?key=");
        browser.driver().manage().deleteAllCookies();
        browser.size(WebBrowser.DESKTOP);
        browser.driver().get(link);
        browser.await(".appeal-form", 10);
        assertThat(browser.find("h1").getText()).isEqualTo("Your account is suspended");
        assertThat(browser.find(".strike-text").getText()).isEqualTo("Spam in every reply.");
        assertThat(browser.find(".strike-posts").getText()).contains("Cheap coral, click here");
        checkPage("strike-by-mail");

        // a post without the form's CSRF token is refused
        assertThat(fetchStatus("POST", "/disputes/strikes/" + strike + "/appeal")).isEqualTo(403);
        // an empty appeal is refused on the page; the form comes back
        browser.js("document.getElementById('appeal-text').removeAttribute('required')");
        browser.find(".appeal-form button[type=submit]").click();
        browser.await("#form-error", 10);
        assertThat(browser.find("#form-error").getText()).isEqualTo("Text can't be blank");
        browser.find("#appeal-text").sendKeys("I was reporting the spam, not sending it.");
        browser.find(".appeal-form button[type=submit]").click();
        awaitNotice("Your appeal was sent to the moderators.");
        assertThat(browser.find(".appeal-state").getText()).isEqualTo("Appeal pending");
        assertThat(browser.all(".appeal-form")).isEmpty();

        browser.signIn("boss");
        browser.open("/admin");
        browser.find(".admin-nav a[href='/admin/appeals']").click();
        browser.await(".appeals-queue", 10);
        assertThat(browser.find(".appeals-queue").getText()).contains("@sus").contains("Suspended")
                .contains("I was reporting the spam, not sending it.").contains("Spam in every reply.");
        checkPage("admin-appeals");
        long appealId = atoll.app().core.appeals.ofStrikes(List.of(strike)).get(strike).id();
        browser.find("form[action='/admin/appeals/" + appealId + "/approve'] button").click();
        awaitNotice("The appeal was approved and the action undone.");
        assertThat(browser.find("main").getText()).contains("There are no appeals waiting for a decision.");

        assertThat(account("sus").suspended()).isFalse();
        assertThat(auditRows("approve", "Appeal", appealId)).isEqualTo(1);
        assertThat(smtp.await("sus@example.test", 2).getSubject()).isEqualTo("Your appeal on " + atoll.domain() + " was approved");
        // the reporter was told their report was handled
        assertThat(smtp.await("sus_reporter@example.test", 1).getSubject()).isEqualTo("Your report on " + atoll.domain() + " was handled");
    }

    @Test
    void aLimitedPersonAppealsFromTheNotificationAndTheAccountPageApprovesIt() {
        Account lim = seed.user("lim");
        atoll.app().core.accountModeration.act(actor("mod"), lim.id(),
                new AccountModeration.ActionRequest("silence", null, "Rule 3: no brigading.", null, true));
        long strike = atoll.app().core.accountModeration.strikes(StaffAccess.Actor.SYSTEM, lim.id()).get(0).id();

        browser.signIn("lim");
        browser.open("/notifications");
        browser.await("a[href='/disputes/strikes/" + strike + "']", 10);
        assertThat(browser.find(".n-moderation_warning").getText()).contains("the moderators took action on your account");
        checkPage("strike-notification");
        browser.find("a[href='/disputes/strikes/" + strike + "']").click();
        browser.await(".appeal-form", 10);
        assertThat(browser.find(".column-head h1").getText()).isEqualTo("Your account is limited");
        checkPage("strike-signed-in");
        browser.find("#appeal-text").sendKeys("I only quoted them to report it.");
        browser.find(".appeal-form button[type=submit]").click();
        awaitNotice("Your appeal was sent to the moderators.");

        // a moderator's role lacks manage_appeals: no buttons, and a forged post is refused
        browser.signIn("mod");
        browser.open("/admin/accounts/" + lim.id());
        assertThat(browser.find(".strikes").getText()).contains("I only quoted them to report it.").contains("Appeal pending");
        assertThat(browser.all(".strikes form[action$='/approve']")).isEmpty();
        long appealId = atoll.app().core.appeals.ofStrikes(List.of(strike)).get(strike).id();
        assertThat(fetchStatus("GET", "/admin/appeals")).isEqualTo(403);
        assertThat(browser.find(".admin-nav").getText()).doesNotContain("Appeals");

        browser.signIn("boss");
        browser.open("/admin/accounts/" + lim.id());
        checkPage(null);
        browser.find(".strikes form[action='/admin/appeals/" + appealId + "/approve'] button").click();
        awaitNotice("The appeal was approved and the action undone.");
        assertThat(browser.path()).startsWith("/admin/accounts/" + lim.id());
        assertThat(browser.find(".strikes").getText()).contains("Appeal approved").contains("Overruled on appeal");
        assertThat(account("lim").silenced()).isFalse();
        assertThat(auditRows("approve", "Appeal", appealId)).isEqualTo(1);

        // the person's list of strikes shows the outcome, and their notifications the decision
        browser.signIn("lim");
        browser.open("/disputes/strikes");
        assertThat(browser.find(".strike-list").getText()).contains("Your account is limited").contains("Appeal approved");
        checkPage(null);
        browser.open("/notifications");
        browser.await(".n-atoll-appeal_decided", 10);
        assertThat(browser.find(".n-atoll-appeal_decided").getText()).contains("the moderators decided on your appeal");
    }

    @Test
    void othersCannotSeeAStrikeAndPlainUsersCannotDecideAppeals() {
        Account target = seed.user("other_target");
        atoll.app().core.accountModeration.act(actor("mod"), target.id(),
                new AccountModeration.ActionRequest("none", null, "Mind the rules.", null, false));
        long strike = atoll.app().core.accountModeration.strikes(StaffAccess.Actor.SYSTEM, target.id()).get(0).id();
        browser.signIn("plain");
        browser.open("/home");
        assertThat(fetchStatus("GET", "/disputes/strikes/" + strike)).isEqualTo(404);
        assertThat(fetchStatus("GET", "/disputes/strikes/" + strike + "?key=guess")).isEqualTo(404);
        assertThat(fetchStatus("GET", "/admin/appeals")).isEqualTo(403);
        assertThat(fetchStatus("GET", "/admin/warning_presets")).isEqualTo(403);
        browser.driver().manage().deleteAllCookies();
        browser.open("/disputes/strikes/" + strike);
        assertThat(browser.path()).startsWith("/auth/sign_in");
    }

    @Test
    void aModeratorReadsADeletedPostsSnapshotLeavesNotesAndActsWithAPreset() throws Exception {
        // an admin keeps the warning presets
        browser.signIn("boss");
        browser.open("/admin/warning_presets");
        browser.await("form[action='/admin/warning_presets']", 10);
        browser.find("#preset-title").sendKeys("Harassment");
        browser.find("#preset-text").sendKeys("Harassment breaks rule 4.");
        browser.find("form[action='/admin/warning_presets'] button[type=submit]").click();
        awaitNotice("The preset was added.");
        assertThat(browser.find(".preset-list").getText()).contains("Harassment breaks rule 4.");
        checkPage("admin-presets");
        browser.find(".preset-list a.button").click();
        browser.await("#preset-text", 10);
        browser.find("#preset-text").clear();
        browser.find("#preset-text").sendKeys("Harassment breaks rule four.");
        browser.find("main form button[type=submit]").click();
        awaitNotice("The preset was saved.");
        assertThat(browser.find(".preset-list").getText()).contains("Harassment breaks rule four.");
        long presetId = atoll.app().core.warningPresets.list(StaffAccess.Actor.SYSTEM).get(0).id();
        assertThat(auditRows("update", "AccountWarningPreset", presetId)).isEqualTo(1);

        Account reporter = seed.user("snap_reporter");
        Account bully = seed.user("bully");
        Status post = seed.post(bully, "You are all worthless");
        long reportId = atoll.app().core.reports.create(reporter.id(), new ReportService.NewReport(bully.id(), List.of(post.id()),
                "Insults", "other", List.of(), false, List.of())).id();
        atoll.app().core.statusService.delete(post);

        browser.signIn("mod");
        browser.open("/admin/reports/" + reportId);
        browser.await(".report-snapshot", 10);
        assertThat(browser.find(".report-snapshot").getText()).contains("You are all worthless").contains("Deleted since; as reported");
        browser.find("#note-content").sendKeys("Looked at their other replies: same tone.");
        browser.find(".note-form button[type=submit]").click();
        awaitNotice("The note was added.");
        assertThat(browser.find(".report-notes").getText()).contains("Looked at their other replies: same tone.").contains("@mod");
        checkPage("admin-report-notes");
        long noteId = atoll.app().core.reportModeration.notes(StaffAccess.Actor.SYSTEM, reportId).get(0).id();
        assertThat(auditRows("create", "ReportNote", noteId)).isEqualTo(1);
        browser.find("form[action='/admin/report_notes/" + noteId + "/delete'] button").click();
        awaitNotice("The note was deleted.");
        assertThat(browser.all(".report-notes")).isEmpty();
        assertThat(auditRows("destroy", "ReportNote", noteId)).isEqualTo(1);

        // act with the preset: the strike's text is the preset's, then the moderator's words
        browser.find(".admin-action input[value='silence']").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#action-preset")).selectByValue(Long.toString(presetId));
        browser.find("#action-text").sendKeys("Second time this week.");
        browser.find(".admin-action button[type=submit]").click();
        awaitNotice("The action was taken.");
        var strikes = atoll.app().core.accountModeration.strikes(StaffAccess.Actor.SYSTEM, bully.id());
        assertThat(strikes.get(0).text()).isEqualTo("Harassment breaks rule four.\n\nSecond time this week.");
        // "tell the person" was left checked: the strike was mailed
        assertThat(smtp.await("bully@example.test", 1).getSubject()).isEqualTo("Your account on " + atoll.domain() + " is limited");
        assertThat(account("bully").silenced()).isTrue();
        // the moderator lacks manage_settings: the presets page is not theirs
        assertThat(fetchStatus("GET", "/admin/warning_presets")).isEqualTo(403);
    }
}

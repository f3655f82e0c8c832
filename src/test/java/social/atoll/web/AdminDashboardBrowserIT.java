package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.SignUpService;
import social.atoll.core.account.User;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.Scopes;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.status.Status;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The moderation dashboard in a real browser: a moderator handles a report from the queue to a suspension, an admin
 * blocks a domain and approves a pending sign-up, a plain user is refused; each page passes axe and fits a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AdminDashboardBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;

    @BeforeAll
    void start() {
        atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "approval"));
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
    }

    private void staff(String name, User.Role role) {
        atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name, role, true, true,
                "en", null, null), true);
    }

    private Account account(String username) {
        return atoll.app().core.accounts.byAcct(username, null).orElseThrow();
    }

    /** Waits for the page that a form led to, by the notice it shows (the previous page may show another). */
    private void awaitNotice(String text) {
        browser.waitUntil(10, d -> d.findElements(By.cssSelector(".notice")).stream().anyMatch(e -> e.getText().equals(text)));
    }

    /** Every admin page passes axe on a desktop and does not scroll sideways on a phone. */
    private void checkPage(String screenshot) {
        assertThat(browser.accessibilityViolations()).as("axe on " + browser.path()).isEmpty();
        String path = browser.path();
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

    @Test
    void aModeratorSuspendsAReportedAccountFromTheReportPage() {
        Account reporter = seed.user("reporter");
        Account spammer = seed.user("spammer");
        Status spam = seed.post(spammer, "Buy cheap coral at example.invalid now!");
        long reportId = atoll.app().core.reports.create(reporter.id(), new ReportService.NewReport(spammer.id(), List.of(spam.id()),
                "Selling coral in every reply", "spam", List.of(), false, List.of())).id();

        browser.signIn("mod");
        browser.open("/home");
        browser.find("nav.sidenav a[href='/admin']").click();
        browser.await(".admin-nav", 10);
        assertThat(browser.path()).isEqualTo("/admin/reports");
        assertThat(browser.find(".reports-queue").getText()).contains("Report #" + reportId).contains("@spammer").contains("Selling coral");
        // a moderator lacks manage_federation: no domain blocks in the navigation
        assertThat(browser.find(".admin-nav").getText()).contains("Reports").contains("Accounts").contains("Audit log").doesNotContain("Domain blocks");
        checkPage("admin-reports");

        browser.find(".reports-queue a[href='/admin/reports/" + reportId + "']").click();
        browser.await(".admin-statuses article.status", 10);
        assertThat(browser.find(".admin-statuses").getText()).contains("Buy cheap coral");
        assertThat(browser.find(".admin-facts").getText()).contains("@spammer").contains("@reporter").contains("Spam");
        checkPage(null);

        browser.find("form[action='/admin/reports/" + reportId + "/assign_to_self'] button").click();
        awaitNotice("The report is assigned to you.");
        assertThat(browser.find(".admin-facts").getText()).contains("@mod");

        // a form post without this browser's CSRF token is refused and changes nothing
        Object status = browser.js("return fetch('/admin/reports/" + reportId + "/action', {method: 'POST', headers: {'Content-Type': "
                + "'application/x-www-form-urlencoded'}, body: 'type=suspend'}).then(r => r.status)");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(account("spammer").suspended()).isFalse();

        browser.find(".admin-action input[value='suspend']").click();
        browser.find("#action-text").sendKeys("Spam is against rule 1.");
        browser.find(".admin-action button[type=submit]").click();
        awaitNotice("The action was taken.");
        assertThat(browser.find(".report-state").getText()).contains("Resolved").contains("@mod");
        assertThat(browser.find(".admin-facts").getText()).contains("Suspended");
        browser.screenshot("admin-report"); // copied by hand to docs/screenshots/admin-report.png

        // the core agrees: the report is resolved, the account suspended, with a strike carrying the text
        var actor = social.atoll.core.moderation.StaffAccess.Actor.SYSTEM;
        assertThat(atoll.app().core.reportModeration.get(actor, reportId).resolved()).isTrue();
        assertThat(account("spammer").suspended()).isTrue();
        var strikes = atoll.app().core.accountModeration.strikes(actor, spammer.id());
        assertThat(strikes).hasSize(1);
        assertThat(strikes.get(0).action()).isEqualTo("suspend");
        assertThat(strikes.get(0).text()).isEqualTo("Spam is against rule 1.");
        assertThat(strikes.get(0).reportId()).isEqualTo(reportId);

        // the account page shows the strike, the queue's resolved tab the report, the audit log the suspension
        browser.open("/admin/accounts/" + spammer.id());
        assertThat(browser.find(".strikes").getText()).contains("Suspended").contains("Spam is against rule 1.");
        checkPage(null);
        browser.open("/admin/reports");
        assertThat(browser.all(".reports-queue a[href='/admin/reports/" + reportId + "']")).isEmpty();
        browser.find("a[href='/admin/reports?resolved=true']").click();
        assertThat(browser.find(".reports-queue").getText()).contains("Report #" + reportId);
        browser.find(".admin-nav a[href='/admin/audit']").click();
        var audit = browser.awaitText(".audit-log", 10);
        assertThat(audit).contains("@mod suspended account spammer").contains("@mod resolved report " + reportId)
                .contains("@mod took report " + reportId);
        checkPage("admin-audit");

        // a moderator lacking manage_federation is refused the domain blocks page
        browser.open("/admin/domains");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
    }

    @Test
    void aPlainUserGetsForbiddenAndNoNavigationEntry() {
        browser.signIn("plain");
        browser.open("/home");
        assertThat(browser.all("nav.sidenav a[href='/admin']")).isEmpty();
        for (String path : List.of("/admin", "/admin/reports", "/admin/accounts", "/admin/domains", "/admin/audit")) {
            browser.open(path);
            assertThat(browser.find("h1").getText()).as(path).isEqualTo("Staff only");
            assertThat(browser.all(".admin-nav")).isEmpty();
        }
    }

    @Test
    void anAdminBlocksADomainFromTheForm() {
        browser.signIn("boss");
        browser.open("/admin/domains");
        checkPage("admin-domains");
        browser.find("#block-domain").sendKeys("spam.example");
        new org.openqa.selenium.support.ui.Select(browser.find("#block-severity")).selectByValue("suspend");
        browser.find("input[name=reject_media]").click();
        browser.find("#block-public").sendKeys("Spam wave");
        browser.find("form[action='/admin/domains'] button[type=submit]").click();
        awaitNotice("The domain is blocked.");
        assertThat(browser.find(".domain-blocks").getText()).contains("spam.example").contains("Suspend").contains("Reject media")
                .contains("Spam wave");
        var block = atoll.app().core.federationPolicy.blockFor("spam.example").orElseThrow();
        assertThat(block.severity()).isEqualTo("suspend");
        assertThat(block.rejectMedia()).isTrue();
        assertThat(atoll.app().core.federationPolicy.allows("spam.example")).isFalse();

        // the same domain again: the form comes back with the reason and the values kept
        browser.find("#block-domain").sendKeys("spam.example");
        browser.find("form[action='/admin/domains'] button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).contains("already been taken");
        assertThat(browser.find("#block-domain").getAttribute("value")).isEqualTo("spam.example");
        checkPage(null);

        browser.find("form[action='/admin/domains/" + block.id() + "/delete'] button").click();
        awaitNotice("The domain block was lifted.");
        assertThat(atoll.app().core.federationPolicy.blockFor("spam.example")).isEmpty();
    }

    @Test
    void anAdminApprovesAPendingSignUp() {
        var app = atoll.app().core.oauth.register("Sign-up app", List.of(OAuthService.OOB), Scopes.parse("read"), null);
        atoll.app().core.signUps.signUp(app.id(), Scopes.parse("read"), new SignUpService.SignUp("newcomer", "newcomer@example.test",
                "tern-lagoon-4417", true, "en", "I run the island's bird census", "192.0.2.9"));
        Account newcomer = account("newcomer");
        assertThat(atoll.app().core.accounts.userByEmail("newcomer@example.test").orElseThrow().approved()).isFalse();

        browser.signIn("boss");
        browser.open("/admin/accounts");
        new org.openqa.selenium.support.ui.Select(browser.find("#filter-status")).selectByValue("pending");
        browser.find(".admin-filters button[type=submit]").click();
        browser.waitUntil(10, d -> d.getCurrentUrl().contains("status=pending"));
        var list = browser.find(".accounts-list").getText();
        assertThat(list).contains("@newcomer").contains("I run the island's bird census").doesNotContain("@plain");
        checkPage("admin-accounts");

        browser.find("form[action='/admin/accounts/" + newcomer.id() + "/approve'] button").click();
        awaitNotice("The sign-up was approved.");
        assertThat(browser.all("form[action='/admin/accounts/" + newcomer.id() + "/approve']")).isEmpty();
        assertThat(atoll.app().core.accounts.userByEmail("newcomer@example.test").orElseThrow().approved()).isTrue();

        // a username search finds the account, now active
        browser.open("/admin/accounts?username=newc");
        assertThat(browser.find(".accounts-list").getText()).contains("@newcomer").doesNotContain("Pending");
        browser.find(".accounts-list a[href='/admin/accounts/" + newcomer.id() + "']").click();
        assertThat(browser.awaitText(".admin-facts", 10)).contains("newcomer@example.test").contains("I run the island's bird census");
    }
    @Test
    void anAdminSetsTheServerTextsAndRules() {
        browser.signIn("boss");
        browser.open("/admin/settings");
        checkPage(null);
        var title = browser.find("#setting-site_title");
        title.clear();
        title.sendKeys("Coral Commons");
        browser.find("#setting-site_short_description").sendKeys("A server for reef people.");
        browser.find("form[action='/admin/settings'] button[type=submit]").click();
        awaitNotice("The settings are saved.");
        assertThat(browser.find("#setting-site_title").getAttribute("value")).isEqualTo("Coral Commons");
        var instance = atoll.http().get("/api/v2/instance", null).json();
        assertThat(instance.get("title").asText()).isEqualTo("Coral Commons");
        assertThat(instance.get("description").asText()).isEqualTo("A server for reef people.");

        browser.open("/admin/rules");
        browser.find("#rule-text").sendKeys("No spam");
        browser.find("#rule-hint").sendKeys("Advertising counts.");
        browser.find("form[action='/admin/rules'] button[type=submit]").click();
        awaitNotice("The rule was added.");
        assertThat(browser.find(".admin-rule-list").getText()).contains("No spam").contains("Advertising counts.");
        checkPage(null);
        var rules = atoll.http().get("/api/v1/instance/rules", null).json();
        assertThat(rules.toString()).contains("No spam");
        browser.find(".admin-rule-list form button").click();
        awaitNotice("The rule was removed.");
        assertThat(atoll.http().get("/api/v1/instance/rules", null).json().toString()).doesNotContain("No spam");

        browser.open("/admin/audit");
        assertThat(browser.find(".audit-log").getText()).contains("@boss updated server settings site_title, site_short_description")
                .contains("@boss created rule No spam").contains("@boss removed rule No spam");

        // a moderator holds neither manage_settings nor manage_rules
        browser.signIn("mod");
        browser.open("/admin/reports");
        assertThat(browser.find(".admin-nav").getText()).doesNotContain("Server settings").doesNotContain("Rules");
        browser.open("/admin/settings");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
    }
}

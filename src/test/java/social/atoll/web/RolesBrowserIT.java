package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.moderation.StaffRole;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * /admin/roles in a real browser: an admin creates a custom role with permission checkboxes, gives it to someone from
 * their account page, and that person then sees only the parts of the dashboard the role allows; a moderator without
 * manage_roles has neither the page nor the form. Each page passes axe and fits a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class RolesBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;

    @BeforeAll
    void start() {
        atoll = TestInstance.start(Map.of());
        seed = new WebSeed(atoll);
        staff("boss", User.Role.ADMIN);
        staff("mod", User.Role.MODERATOR);
        seed.user("helper");
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

    private Account account(String username) { return atoll.app().core.accounts.byAcct(username, null).orElseThrow(); }

    private void awaitNotice(String text) {
        browser.waitUntil(10, d -> d.findElements(By.cssSelector(".notice")).stream().anyMatch(e -> e.getText().equals(text)));
    }

    private void checkPage(String screenshot) {
        assertThat(browser.accessibilityViolations()).as("axe on " + browser.path()).isEmpty();
        String path = browser.path();
        if (screenshot != null) browser.screenshot(screenshot);
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
    void anAdminCreatesARoleGivesItAndItsHolderSeesOnlyWhatItAllows() {
        Account reporter = seed.user("reporter");
        Account spammer = seed.user("spammer");
        atoll.app().core.reports.create(reporter.id(), new ReportService.NewReport(spammer.id(), List.of(), "Spam in replies", "spam",
                List.of(), false, List.of()));
        Account helper = account("helper");

        browser.signIn("boss");
        browser.open("/admin/reports");
        browser.find(".admin-nav a[href='/admin/roles']").click();
        browser.waitUntil(10, d -> browser.path().equals("/admin/roles"));
        assertThat(browser.awaitText(".role-list", 10)).contains("Moderator").contains("Admin").contains("Owner").contains("Everyone");
        checkPage("admin-roles");

        browser.find("a[href='/admin/roles/new']").click();
        browser.await("#role-name", 10);
        checkPage("admin-role-form");
        browser.find("#role-name").sendKeys("Reviewer");
        var position = browser.find("#role-position");
        position.clear();
        position.sendKeys("20");
        browser.find("input[name=highlighted]").click();
        browser.find("input[name=permissions][value=manage_reports]").click();
        browser.find("input[name=permissions][value=view_audit_log]").click();
        // an admin lacks administrator and view_devops: those boxes cannot be ticked
        assertThat(browser.find("input[name=permissions][value=administrator]").isEnabled()).isFalse();
        browser.find("form.role-form button[type=submit]").click();
        awaitNotice("Role created.");
        StaffRole reviewer = atoll.app().core.roles.find("Reviewer").orElseThrow();
        assertThat(reviewer.position()).isEqualTo(20);
        assertThat(reviewer.highlighted()).isTrue();
        assertThat(browser.find("#role-" + reviewer.id()).getText()).contains("Reviewer").contains("Manage reports").contains("View audit log");

        // the same name again: the form comes back with the reason, the values kept
        browser.open("/admin/roles/new");
        browser.find("#role-name").sendKeys("reviewer");
        browser.find("form.role-form button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).contains("already been taken");
        assertThat(browser.find("#role-name").getAttribute("value")).isEqualTo("reviewer");

        // given from the person's account page
        browser.open("/admin/accounts/" + helper.id());
        new Select(browser.find("#role-select")).selectByVisibleText("Reviewer");
        browser.find("form.role-assign button[type=submit]").click();
        awaitNotice("Role changed.");
        assertThat(browser.find(".admin-facts").getText()).contains("Reviewer");
        checkPage("admin-account-role");
        assertThat(atoll.app().core.accounts.userByAccountId(helper.id()).orElseThrow().roleId()).isEqualTo(reviewer.id());
        // Owner and Admin sit at or above an admin's own position: not offered
        assertThat(browser.all("#role-select option").stream().map(o -> o.getText()).toList())
                .contains("Reviewer", "Moderator", "No role (user)").doesNotContain("Admin", "Owner");

        // the holder: the dashboard's reports and audit log, nothing else
        browser.signIn("helper");
        browser.open("/home");
        browser.find("nav.sidenav a[href='/admin']").click();
        browser.waitUntil(10, d -> browser.path().equals("/admin/reports"));
        assertThat(browser.awaitText(".admin-nav", 10)).contains("Reports").contains("Audit log").doesNotContain("Accounts")
                .doesNotContain("Domain blocks").doesNotContain("Roles").doesNotContain("Server settings");
        assertThat(browser.find(".reports-queue").getText()).contains("Spam in replies");
        browser.find(".admin-nav a[href='/admin/audit']").click();
        assertThat(browser.awaitText(".audit-log", 10)).contains("@boss created role Reviewer").contains("@boss changed the role of user helper");
        for (String refused : List.of("/admin/accounts", "/admin/roles", "/admin/domains", "/admin/dashboard")) {
            browser.open(refused);
            assertThat(browser.find("h1").getText()).as(refused).isEqualTo("Not allowed");
        }
        // the profile shows the highlighted role
        assertThat(atoll.http().get("/api/v1/accounts/" + helper.id()).json().get("roles").get(0).get("name").asText()).isEqualTo("Reviewer");

        // the admin ticks manage_users too: the holder now has the accounts list
        browser.signIn("boss");
        browser.open("/admin/roles/" + reviewer.id() + "/edit");
        assertThat(browser.find("input[name=permissions][value=manage_reports]").isSelected()).isTrue();
        browser.find("input[name=permissions][value=manage_users]").click();
        browser.find("form.role-form button[type=submit]").click();
        awaitNotice("Role saved.");
        browser.signIn("helper");
        browser.open("/admin/accounts");
        assertThat(browser.awaitText(".admin-nav", 10)).contains("Accounts");
        assertThat(browser.find(".accounts-list").getText()).contains("@spammer");
    }

    @Test
    void aRoleNobodyHoldsIsDeletedAndAModeratorHasNoRolePages() {
        atoll.app().core.roles.create(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM,
                new social.atoll.core.moderation.Roles.RoleForm("Temporary", "", 3, 0, false));
        long id = atoll.app().core.roles.find("Temporary").orElseThrow().id();
        browser.signIn("boss");
        browser.open("/admin/roles");
        // built-in roles have no delete button; an admin cannot edit its own or a higher role
        assertThat(browser.all("form[action='/admin/roles/" + StaffRole.MODERATOR_ID + "/delete']")).isEmpty();
        assertThat(browser.all("a[href='/admin/roles/" + StaffRole.ADMIN_ID + "/edit']")).isEmpty();
        // a form post without this browser's CSRF token is refused and deletes nothing
        Object status = browser.js("return fetch('/admin/roles/" + id + "/delete', {method: 'POST', headers: {'Content-Type': "
                + "'application/x-www-form-urlencoded'}, body: ''}).then(r => r.status)");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(atoll.app().core.roles.find("Temporary")).isPresent();
        browser.find("form[action='/admin/roles/" + id + "/delete'] button").click();
        awaitNotice("Role deleted.");
        assertThat(atoll.app().core.roles.find("Temporary")).isEmpty();

        browser.signIn("mod");
        browser.open("/admin/reports");
        assertThat(browser.awaitText(".admin-nav", 10)).doesNotContain("Roles");
        browser.open("/admin/accounts/" + account("helper").id());
        assertThat(browser.all("#role-select")).isEmpty();
        browser.open("/admin/roles");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
    }
}

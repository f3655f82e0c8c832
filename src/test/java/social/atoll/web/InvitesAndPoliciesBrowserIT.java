package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * On a server with closed sign-ups: a person makes an invite link on /invites, a visitor signs up with it (approved at
 * once), an expired link is refused plainly; an admin writes the privacy policy and terms in the settings, and the
 * public pages show them. Each page passes axe and fits a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class InvitesAndPoliciesBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;

    @BeforeAll
    void start() {
        atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "closed"));
        new WebSeed(atoll).user("host");
        atoll.app().core.accountService.createLocal(new NewLocalAccount("boss", "boss@example.test", "password-boss", User.Role.ADMIN,
                true, true, "en", null, null), true);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    private void awaitNotice(String text) {
        browser.waitUntil(10, d -> d.findElements(By.cssSelector(".notice")).stream().anyMatch(e -> e.getText().equals(text)));
    }

    private void checkPage(String screenshot) {
        assertThat(browser.accessibilityViolations()).as("axe on " + browser.path()).isEmpty();
        browser.screenshot(screenshot);
        String path = browser.path();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open(path);
            assertThat(browser.scrollsSideways()).as("sideways scroll on " + path).isFalse();
            assertThat(browser.accessibilityViolations()).as("axe on the phone on " + path).isEmpty();
            browser.screenshot(screenshot + "-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
            browser.open(path);
        }
    }

    @Test
    void anInviteLinkLetsAVisitorSignUpOnAClosedServer() {
        browser.signIn("host");
        browser.open("/home");
        browser.find("nav.sidenav a[href='/invites']").click();
        browser.await("#invite-max-uses", 10);
        assertThat(browser.find(".invites .empty").getText()).isEqualTo("You have not made any invite links yet.");
        new Select(browser.find("#invite-max-uses")).selectByVisibleText("1 use");
        new Select(browser.find("#invite-expires-in")).selectByVisibleText("1 day");
        browser.find("form.invite-form button[type=submit]").click();
        awaitNotice("The invite link is ready: copy it from the list below.");
        String url = browser.find(".invite-url").getAttribute("value");
        assertThat(url).startsWith(atoll.baseUrl() + "/invite/");
        assertThat(browser.find(".invite-item").getText()).contains("0 of 1").contains("Expires");
        checkPage("invites");

        // a visitor follows the link: the form opens although sign-ups are closed
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_up");
        assertThat(browser.find("main").getText()).contains("does not take new accounts");
        assertThat(browser.all("#username")).isEmpty();
        browser.open(url.substring(atoll.baseUrl().length()));
        browser.await("#username", 10);
        assertThat(browser.find(".notice").getText()).isEqualTo("You were invited: your account will not need approval.");
        checkPage("sign-up-invited");
        browser.find("#username").sendKeys("guest");
        browser.find("#email").sendKeys("guest@people.test");
        browser.find("#password").sendKeys("correct horse battery");
        browser.find("input[name=agreement]").click();
        browser.find("form.sign-up button[type=submit]").click();
        browser.waitUntil(10, d -> d.findElements(By.id("username")).isEmpty());
        User guest = atoll.app().core.accounts.userByEmail("guest@people.test").orElseThrow();
        assertThat(guest.approved()).isTrue();

        // the link was for one person: now it is refused with a clear message
        browser.open(url.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main").getText()).contains("This invite link has expired or has already been used up.");
        assertThat(browser.all("#username")).isEmpty();

        browser.signIn("host");
        browser.open("/invites");
        assertThat(browser.find(".invite-item").getText()).contains("1 of 1").contains("Used up");
        new Select(browser.find("#invite-max-uses")).selectByVisibleText("No limit");
        new Select(browser.find("#invite-expires-in")).selectByVisibleText("Never expires");
        browser.find("form.invite-form button[type=submit]").click();
        awaitNotice("The invite link is ready: copy it from the list below.");
        assertThat(browser.find(".invite-item").getText()).contains("Never expires");
        browser.find(".invite-item form[action$='/expire'] button").click();
        awaitNotice("The invite link no longer works.");
        assertThat(browser.find(".invite-item").getText()).contains("Expired");
        assertThat(browser.all(".invite-item form[action$='/expire']")).hasSize(0);
    }

    @Test
    void anAdminWritesThePrivacyPolicyAndTermsThatThePublicPagesShow() {
        browser.signIn("boss");
        browser.open("/admin/settings");
        browser.await("#setting-privacy_policy", 10);
        new Select(browser.find("#setting-registrations_mode")).selectByVisibleText("Only people with an invitation");
        browser.find("#setting-privacy_policy").sendKeys("## What we keep\n\nOnly **what you post**. <script>alert(1)</script>");
        browser.find("#setting-terms_of_service").sendKeys("1. Be kind\n2. No spam");
        browser.find("form.settings-form button[type=submit]").click();
        awaitNotice("The settings are saved.");
        assertThat(atoll.app().core.instance.registrationMode().name()).isEqualTo("INVITE");
        checkPage("admin-settings-policies");

        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_in");
        browser.find(".card-foot a[href='/privacy-policy']").click();
        browser.await(".policy-text", 10);
        assertThat(browser.find(".policy h1").getText()).isEqualTo("Privacy policy");
        assertThat(browser.find(".policy-text h2").getText()).isEqualTo("What we keep");
        assertThat(browser.find(".policy-text strong").getText()).isEqualTo("what you post");
        assertThat(browser.find(".policy-text").getText()).contains("<script>alert(1)</script>");
        assertThat(browser.all(".policy-text script")).isEmpty();
        checkPage("privacy-policy");

        browser.open("/about");
        browser.find(".policy-links a[href='/terms']").click();
        browser.await(".policy-text", 10);
        assertThat(browser.find(".policy-text").getText()).contains("Be kind").contains("No spam");
        assertThat(browser.find(".policy .muted").getText()).startsWith("In effect since");
        checkPage("terms");
    }

    @Test
    void theDashboardShowsTheMeasuresAndTheWorkWaiting() {
        browser.signIn("boss");
        browser.open("/admin");
        browser.await(".admin-nav", 10);
        browser.find(".admin-nav a[href='/admin/dashboard']").click();
        browser.await(".dash-table", 10);
        assertThat(browser.find(".dash-pending").getText()).contains("open reports").contains("sign-ups waiting for approval");
        String newUsers = browser.find(".dash-new_users").getText();
        assertThat(newUsers).startsWith("New users");
        // boss and host at least, made today
        assertThat(Integer.parseInt(browser.find(".dash-new_users td").getText())).isGreaterThanOrEqualTo(2);
        assertThat(browser.all(".dash-new_users svg rect")).hasSize(30);
        assertThat(browser.find("#dash-servers").getText()).isEqualTo("Known servers");
        checkPage("admin-dashboard");
    }
}

package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.account.User;
import social.atoll.core.auth.WebSessions;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * In a real browser, with GreenMail as the SMTP server: deleting one's account from settings (password, warning),
 * changing the e-mail address (a link to the new address that works once, a notice to the old one), and the mail
 * about a sign-in from a new browser or IP. Each page checked with axe-core, on a desktop and a 390px phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AccountDeletionBrowserIT {

    private SmtpInbox smtp;
    private TestInstance atoll;
    private WebBrowser browser;

    @BeforeAll
    void start() {
        smtp = SmtpInbox.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(smtp.port()), "ATOLL_SMTP_TLS", "none"));
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.close();
    }

    @Test
    void aPersonDeletesTheirAccountWithTheirPasswordAndIsSignedOutEverywhere() {
        String apiToken = atoll.createUser("dora");
        atoll.http().postJson("/api/v1/statuses", apiToken, Map.of("status", "soon gone"));
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("dora");
        browser.open("/settings/profile");
        browser.find(".settings-nav a[href='/settings/delete']").click();
        browser.await("form[action='/settings/delete']", 10);
        assertThat(browser.find(".delete-warning").getText()).contains("cannot be undone", "@dora");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("settings-delete-desktop");

        browser.find("#password").sendKeys("not my password");
        browser.find("form[action='/settings/delete'] button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).isEqualTo("Your account was not deleted.");
        assertThat(browser.find("#password_error").getText()).isEqualTo("Password is invalid");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("settings-delete-error-phone");
        browser.size(WebBrowser.DESKTOP);
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", apiToken).status()).isEqualTo(200);

        browser.find("#password").sendKeys("password-dora");
        browser.find("form[action='/settings/delete'] button[type=submit]").click();
        awaitHeading("Your account is being deleted");
        assertThat(browser.accessibilityViolations()).isEmpty();
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", apiToken).status()).isEqualTo(401);
        browser.open("/settings/profile");
        assertThat(browser.path()).startsWith("/auth/sign_in");
        long id = atoll.app().core.accounts.byAcct("dora", null).orElseThrow().id();
        Await.until("the purge to finish", () -> atoll.app().core.accountDeletionStore.finished(id));
        int left = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE account_id = :a").bind("a", id)
                .mapTo(Integer.class).one());
        assertThat(left).isZero();
        // signing in again fails as for any unknown account
        browser.open("/auth/sign_in");
        browser.find("#email").sendKeys("dora");
        browser.find("#password").sendKeys("password-dora");
        browser.find("form[action='/auth/sign_in'] button[type=submit]").click();
        assertThat(browser.awaitText(".error", 10)).contains("Invalid");
    }

    @Test
    void theEmailAddressChangesOnlyThroughTheLinkSentToTheNewAddressAndTheOldOneIsTold() throws Exception {
        atoll.createUser("eli");
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("eli");
        browser.open("/settings/email");
        assertThat(browser.find(".settings-nav a[aria-current=page]").getText()).isEqualTo("E-mail address");
        assertThat(browser.find("main").getText()).contains("eli@example.test");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("settings-email-desktop");

        browser.find("#email").sendKeys("eli@new.test");
        browser.find("#current_password").sendKeys("wrong password");
        browser.find("form[action='/settings/email'] button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).isEqualTo("Your e-mail address was not changed.");
        assertThat(browser.find("#current_password_error").getText()).isEqualTo("Current password is invalid");
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo("eli@new.test");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.find("#current_password").sendKeys("password-eli");
        browser.find("form[action='/settings/email'] button[type=submit]").click();
        assertThat(browser.awaitText(".notice", 10)).contains("open the link we sent there");
        assertThat(browser.find("main").getText()).contains("A link was sent to eli@new.test");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("settings-email-sent-phone");
        browser.size(WebBrowser.DESKTOP);

        MimeMessage notice = smtp.await("eli@example.test", 1);
        assertThat(notice.getSubject()).isEqualTo("Your e-mail address on " + atoll.domain() + " is being changed");
        assertThat(SmtpInbox.text(notice)).contains("eli@new.test");
        MimeMessage confirm = smtp.await("eli@new.test", 1);
        assertThat(confirm.getSubject()).isEqualTo("Confirm your new e-mail address on " + atoll.domain());
        // nothing changes before the link is opened
        assertThat(user("eli").email()).isEqualTo("eli@example.test");

        String link = SmtpInbox.link(confirm, atoll.baseUrl() + "/auth/email/confirm?token=");
        browser.open(link.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main h1").getText()).isEqualTo("E-mail address changed");
        assertThat(browser.accessibilityViolations()).isEmpty();
        assertThat(user("eli").email()).isEqualTo("eli@new.test");
        browser.open(link.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main h1").getText()).isEqualTo("Link not valid");

        // the new address signs in; the old one does not
        signIn("eli@example.test", "password-eli");
        assertThat(browser.awaitText(".error", 10)).contains("Invalid");
        signIn("eli@new.test", "password-eli");
        Await.until("eli to be signed in", () -> !browser.path().startsWith("/auth/sign_in"));
    }

    @Test
    void aSignInFromANewBrowserOrIpIsMailedOnceButNotTheFirstSignIn() throws Exception {
        atoll.createUser("fay");
        browser.signIn("fay");
        browser.signIn("fay");
        User fay = user("fay");
        Account account = atoll.app().core.accounts.byId(fay.accountId()).orElseThrow();
        Await.until("any mail job to finish", () -> !atoll.app().infra.jobs.pendingCounts().containsKey("mail.send"));
        assertThat(smtp.mailsTo("fay@example.test")).isEmpty();

        String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        atoll.app().core.browserSignIn.start(new WebSessions.Person(fay, account), null, "203.0.113.9", firefox);
        MimeMessage mail = smtp.await("fay@example.test", 1);
        assertThat(mail.getSubject()).isEqualTo("New sign-in to your account on " + atoll.domain());
        assertThat(SmtpInbox.text(mail)).contains("203.0.113.9", "Firefox/128.0", atoll.baseUrl() + "/settings/sessions");

        // the same browser after an update, from the same place, is not new; another place is
        atoll.app().core.browserSignIn.start(new WebSessions.Person(fay, account), null, "203.0.113.9", firefox.replace("128.0", "129.0"));
        atoll.app().core.browserSignIn.start(new WebSessions.Person(fay, account), null, "198.51.100.4", firefox);
        smtp.await("fay@example.test", 2);
        Await.until("any mail job to finish", () -> !atoll.app().infra.jobs.pendingCounts().containsKey("mail.send"));
        assertThat(smtp.mailsTo("fay@example.test")).hasSize(2);
        assertThat(SmtpInbox.text(smtp.mailsTo("fay@example.test").get(1))).contains("198.51.100.4");
    }

    @Test
    void theNewFormsRefuseAPostWithoutThisBrowsersCsrfToken() {
        for (String path : List.of("/settings/delete", "/settings/email")) {
            var r = atoll.http().postForm(path, null, Map.of("password", "x", "current_password", "x", "email", "x@people.test"));
            assertThat(r.status()).as(path).isIn(403, 303);
        }
    }

    private User user(String username) {
        return atoll.app().core.accounts.byAcct(username, null).flatMap(a -> atoll.app().core.accounts.userByAccountId(a.id())).orElseThrow();
    }

    private void awaitHeading(String text) {
        Await.until("the heading " + text, () -> {
            try {
                return browser.all("main h1").stream().anyMatch(h -> h.getText().equals(text));
            } catch (org.openqa.selenium.WebDriverException e) { // stale, or Chrome's "node does not belong to the document" mid-navigation
                return false;
            }
        });
    }

    private void signIn(String login, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_in");
        browser.find("#email").sendKeys(login);
        browser.find("#password").sendKeys(password);
        browser.find("form[action='/auth/sign_in'] button[type=submit]").click();
    }
}

package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.Cookie;
import social.atoll.core.account.User;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Accounts a person can get back, in a real browser, with GreenMail as the SMTP server: sign-up and the
 * confirmation mail, the password reset mail, the password change in settings; each page checked with axe-core.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AccountMailBrowserIT {

    private SmtpInbox smtp;
    private TestInstance atoll;
    private WebBrowser browser;

    @BeforeAll
    void start() {
        smtp = SmtpInbox.start();
        atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open", "ATOLL_SMTP_HOST", "127.0.0.1",
                "ATOLL_SMTP_PORT", Integer.toString(smtp.port()), "ATOLL_SMTP_TLS", "none"));
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.close();
    }

    @Test
    void aNewcomerSignsUpOnTheWebConfirmsByMailOnceAndSignsIn() throws Exception {
        browser.driver().manage().deleteAllCookies();
        browser.size(WebBrowser.DESKTOP);
        browser.open("/");
        browser.find("a[href='/auth/sign_up']").click();
        browser.await("form[action='/auth/sign_up']", 10);
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("sign-up-desktop");

        fillSignUp("ana", "ana@people.test", "password123");
        browser.await("#form-error", 10);
        assertThat(browser.find("#form-error").getText()).contains("Password is too common");
        assertThat(browser.find("#username").getAttribute("value")).isEqualTo("ana");
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo("ana@people.test");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("sign-up-error-phone");
        browser.size(WebBrowser.DESKTOP);

        assertThat(browser.find("input[name=agreement]").isSelected()).isTrue();
        browser.find("#password").sendKeys("a quiet reef at dawn");
        // the meter under the field (htmx asks the server as the password is typed)
        assertThat(browser.awaitText(".password-strength-text", 10)).startsWith("Password strength:");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("sign-up-password-meter");
        browser.find("form[action='/auth/sign_up'] button[type=submit]").click();
        awaitHeading("Check your inbox");
        assertThat(browser.find("main").getText()).contains("ana@people.test");

        // not before the address is confirmed
        signIn("ana", "a quiet reef at dawn");
        assertThat(browser.awaitText(".error", 10)).contains("not confirmed");

        MimeMessage mail = smtp.await("ana@people.test", 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your e-mail address on " + atoll.domain());
        String link = SmtpInbox.link(mail, atoll.baseUrl() + "/auth/confirmation?token=");
        browser.open(link.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main h1").getText()).isEqualTo("Address confirmed");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.open(link.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main h1").getText()).isEqualTo("Link not valid");

        signIn("ana", "a quiet reef at dawn");
        Await.until("ana to be signed in", () -> !browser.path().startsWith("/auth/sign_in"));
        browser.open("/settings/profile");
        assertThat(browser.path()).isEqualTo("/settings/profile");
    }

    @Test
    void aForgottenPasswordIsResetByAMailLinkThatWorksOnceAndEndsEverySession() throws Exception {
        String apiToken = atoll.createUser("bob");
        browser.signIn("bob");
        Cookie oldSession = sessionCookie();
        browser.driver().manage().deleteAllCookies();

        browser.open("/auth/password/new");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find("#email").sendKeys("nobody@people.test");
        browser.find("form[action='/auth/password/new'] button[type=submit]").click();
        awaitHeading("Check your inbox");
        String unknownAnswer = browser.find("main").getText();
        browser.open("/auth/password/new");
        browser.find("#email").sendKeys("bob@example.test");
        browser.find("form[action='/auth/password/new'] button[type=submit]").click();
        awaitHeading("Check your inbox");
        String knownAnswer = browser.find("main").getText();
        // the same answer whether or not the address has an account
        assertThat(knownAnswer.replace("bob@example.test", "X")).isEqualTo(unknownAnswer.replace("nobody@people.test", "X"));

        MimeMessage mail = smtp.await("bob@example.test", 1);
        assertThat(mail.getSubject()).isEqualTo("Reset your password on " + atoll.domain());
        // asked again at once: the first link is still on its way, so no second mail (the form cannot flood an inbox)
        browser.open("/auth/password/new");
        browser.find("#email").sendKeys("bob@example.test");
        browser.find("form[action='/auth/password/new'] button[type=submit]").click();
        awaitHeading("Check your inbox");
        Await.until("the reset request and any mail to be handled", () -> {
            var pending = atoll.app().infra.jobs.pendingCounts();
            return !pending.containsKey("account.password_reset_request") && !pending.containsKey("mail.send");
        });
        assertThat(smtp.mailsTo("bob@example.test")).hasSize(1);
        String link = SmtpInbox.link(mail, atoll.baseUrl() + "/auth/password/edit?token=");
        browser.open(link.substring(atoll.baseUrl().length()));
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find("#password").sendKeys("bobs-password");
        browser.find("form[action='/auth/password/edit'] button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).isEqualTo("Password must not contain the username");
        browser.find("#password").sendKeys("a brand new secret for b");
        browser.find("form[action='/auth/password/edit'] button[type=submit]").click();
        awaitHeading("Password changed");

        // the link works once; the old browser session and the app token are over
        browser.open(link.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main h1").getText()).isEqualTo("Link not valid");
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", apiToken).status()).isEqualTo(401);
        browser.driver().manage().addCookie(oldSession);
        browser.open("/settings/profile");
        assertThat(browser.path()).startsWith("/auth/sign_in");

        MimeMessage changed = smtp.await("bob@example.test", 2);
        assertThat(changed.getSubject()).isEqualTo("Your password on " + atoll.domain() + " was changed");

        signIn("bob", "password-bob");
        assertThat(browser.awaitText(".error", 10)).contains("Invalid");
        signIn("bob", "a brand new secret for b");
        Await.until("bob to be signed in", () -> !browser.path().startsWith("/auth/sign_in"));

        // a link not used within the hour stops working
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/password/new");
        browser.find("#email").sendKeys("bob@example.test");
        browser.find("form[action='/auth/password/new'] button[type=submit]").click();
        String late = SmtpInbox.link(smtp.await("bob@example.test", 3), atoll.baseUrl() + "/auth/password/edit?token=");
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE user_tokens SET expires_at = :past WHERE purpose = 'password_reset' AND used_at IS NULL")
                .bind("past", Instant.now().minusSeconds(1)).execute());
        browser.open(late.substring(atoll.baseUrl().length()));
        assertThat(browser.find("main h1").getText()).isEqualTo("Link not valid");
    }

    @Test
    void aPasswordIsChangedInSettingsWithTheCurrentOneAndOtherSessionsEnd() throws Exception {
        String apiToken = atoll.createUser("cy");
        User cy = atoll.app().core.accounts.byAcct("cy", null).flatMap(a -> atoll.app().core.accounts.userByAccountId(a.id())).orElseThrow();
        var otherBrowser = atoll.app().core.webSessions.create(cy.id(), cy.accountId(), "192.0.2.7", "Other browser");
        browser.signIn("cy");
        browser.open("/settings/password");
        assertThat(browser.find(".settings-nav a[aria-current=page]").getText()).isEqualTo("Password");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.find("#current_password").sendKeys("not my password");
        browser.find("#password").sendKeys("cys quiet lagoon");
        browser.find("form[action='/settings/password'] button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).isEqualTo("The password was not changed.");
        assertThat(browser.find("#current_password_error").getText()).isEqualTo("Current password is invalid");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.find("#current_password").sendKeys("password-cy");
        browser.find("#password").sendKeys("cys quiet lagoon");
        browser.find("form[action='/settings/password'] button[type=submit]").click();
        assertThat(browser.awaitText(".notice", 10)).contains("Your password is changed");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("settings-password-phone");
        browser.size(WebBrowser.DESKTOP);

        // this browser stays signed in; the other one and the app do not
        browser.open("/settings/password");
        assertThat(browser.path()).isEqualTo("/settings/password");
        assertThat(atoll.app().core.webSessions.find(otherBrowser.secret())).isEmpty();
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", apiToken).status()).isEqualTo(401);
        assertThat(smtp.await("cy@example.test", 1).getSubject()).isEqualTo("Your password on " + atoll.domain() + " was changed");
    }

    @Test
    void formsWithoutThisBrowsersCsrfTokenAreRefused() {
        for (String path : List.of("/auth/sign_up", "/auth/password/new", "/auth/password/edit", "/settings/password")) {
            var r = atoll.http().postForm(path, null, Map.of("email", "x@people.test", "username", "x", "password", "long enough pass"));
            assertThat(r.status()).as(path).isIn(403, 303);
        }
    }

    /** Waits for the page after a form post: the old page's heading may still be there for a moment. */
    private void awaitHeading(String text) {
        Await.until("the heading " + text, () -> {
            try {
                return browser.all("main h1").stream().anyMatch(h -> h.getText().equals(text));
            } catch (org.openqa.selenium.WebDriverException e) {
                // the heading went with the old page between finding and reading it (stale, or "node does not belong
                // to the document", as Chrome words it mid-navigation): look again
                return false;
            }
        });
    }

    private void fillSignUp(String username, String email, String password) {
        browser.find("#username").sendKeys(username);
        browser.find("#email").sendKeys(email);
        browser.find("#password").sendKeys(password);
        browser.find("input[name=agreement]").click();
        browser.find("form[action='/auth/sign_up'] button[type=submit]").click();
    }

    private void signIn(String login, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_in");
        browser.find("#email").sendKeys(login);
        browser.find("#password").sendKeys(password);
        browser.find("form[action='/auth/sign_in'] button[type=submit]").click();
    }

    private Cookie sessionCookie() {
        return browser.driver().manage().getCookieNamed(BrowserSessions.SESSION_COOKIE);
    }
}

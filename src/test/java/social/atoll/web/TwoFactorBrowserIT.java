package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import social.atoll.core.twofactor.Totp;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Two-factor sign-in in a real browser: turning on an authenticator app (the secret read from the page, the code
 * computed here), signing in with a code, adding a passkey with Chrome's virtual authenticator, then signing in
 * with the passkey as the second step and without a password at all. Each page checked with axe-core, on a desktop
 * and on a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoFactorBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private VirtualAuthenticator authenticator;
    private String secret;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        atoll.createUser("vera");
        browser = new WebBrowser(atoll.baseUrl());
        // a platform authenticator that holds discoverable credentials and verifies its user (as a phone's screen lock does)
        authenticator = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    @Order(1)
    void turningOnAnAuthenticatorAppShowsAQrCodeThenRecoveryCodesOnce() {
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("vera");
        browser.open("/settings/two-factor");
        assertThat(browser.find(".settings-body h2").getText()).isEqualTo("Two-factor authentication");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find("form[action='/settings/two-factor/setup'] button").click();
        browser.await("svg.qr", 10);
        secret = browser.find("#totp-secret").getText().replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("two-factor-setup-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("two-factor-setup-phone");
        browser.size(WebBrowser.DESKTOP);

        browser.find("#code").sendKeys("000000");
        browser.find("form[action='/settings/two-factor/enable'] button").click();
        assertThat(browser.awaitText("#form-error", 10)).isEqualTo("The code is not valid");
        browser.find("#code").sendKeys(Totp.code(secret, Totp.step(Instant.now())));
        browser.find("form[action='/settings/two-factor/enable'] button").click();
        browser.await(".recovery-codes", 10);
        List<WebElement> codes = browser.all(".recovery-codes code");
        assertThat(codes).hasSize(10);
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("two-factor-codes-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("two-factor-codes-phone");
        browser.size(WebBrowser.DESKTOP);
        browser.find(".two-factor-codes a.button").click();
        browser.await("#passkey_name", 10);
        assertThat(browser.all(".recovery-codes")).isEmpty();
    }

    private String statusText() {
        return (String) browser.js("return Array.from(document.querySelectorAll('[data-passkey-status]')).map(e => e.textContent).join(' ');");
    }

    /** The password step, which now leads to the second step instead of into the app. */
    private void password(String username) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_in");
        browser.find("#email").sendKeys(username);
        browser.find("#password").sendKeys("password-" + username);
        browser.find("form[action='/auth/sign_in'] button[type=submit]").click();
        Await.until("the second step", () -> browser.path().startsWith("/auth/sign_in/two_factor"));
    }

    @Test
    @Order(2)
    void signingInAsksForTheCodeAfterThePassword() {
        password("vera");
        assertThat(browser.path()).startsWith("/auth/sign_in/two_factor");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("two-factor-sign-in-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("two-factor-sign-in-phone");
        browser.size(WebBrowser.DESKTOP);
        // the code after the one that turned it on (each is accepted once)
        browser.find("#code").sendKeys(Totp.code(secret, Totp.step(Instant.now()) + 1));
        browser.find("form[action='/auth/sign_in/two_factor'] button[type=submit]").click();
        Await.until("vera to be signed in", () -> !browser.path().startsWith("/auth/"));
        browser.open("/settings/two-factor");
        assertThat(browser.path()).isEqualTo("/settings/two-factor");
    }

    @Test
    @Order(3)
    void aPasskeyIsAddedThenSignsInAsSecondStepAndWithoutPassword() {
        browser.open("/settings/two-factor");
        browser.await("form[data-passkey=register] button:enabled", 10);
        browser.find("#passkey_name").sendKeys("Laptop");
        browser.find("form[data-passkey=register] button").click();
        Await.until("the passkey to be added", () -> browser.path().contains("notice=passkey_added") || !statusText().isEmpty());
        assertThat(browser.path()).as(statusText()).contains("notice=passkey_added");
        assertThat(browser.find(".notice").getText()).isEqualTo("The passkey is added.");
        assertThat(browser.find(".passkeys h4").getText()).isEqualTo("Laptop");
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(authenticator.getCredentials().get(0).isResidentCredential()).isTrue();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("two-factor-passkeys-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("two-factor-passkeys-phone");
        browser.size(WebBrowser.DESKTOP);

        // as the second step after the password
        password("vera");
        assertThat(browser.path()).startsWith("/auth/sign_in/two_factor");
        browser.await("[data-passkey=second] button", 10).click();
        Await.until("vera to be signed in with the passkey", () -> !browser.path().startsWith("/auth/"));

        // without a password: the sign-in page's passkey button
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_in");
        WebElement button = browser.await("[data-passkey=passwordless] button", 10);
        assertThat(button.getText()).isEqualTo("Sign in with a passkey");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("sign-in-passkey-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("sign-in-passkey-phone");
        browser.size(WebBrowser.DESKTOP);
        button.click();
        Await.until("vera to be signed in without a password", () -> !browser.path().startsWith("/auth/"));
        browser.open("/settings/two-factor");
        assertThat(browser.path()).isEqualTo("/settings/two-factor");
        assertThat(browser.find(".passkeys .small").getText()).contains("last used");

        // removed, it no longer signs in
        browser.find(".passkeys form button").click();
        Await.until("the passkey to be removed", () -> browser.path().contains("notice=passkey_removed"));
        assertThat(browser.all(".passkeys")).isEmpty();
        browser.driver().manage().deleteAllCookies();
        browser.open("/auth/sign_in");
        browser.await("[data-passkey=passwordless] button", 10).click();
        assertThat(browser.awaitText("[data-passkey=passwordless] [data-passkey-status]", 10))
                .isEqualTo("The passkey could not be verified.");
        assertThat(browser.path()).startsWith("/auth/sign_in");
    }
}

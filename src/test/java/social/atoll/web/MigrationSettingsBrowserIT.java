package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/** The settings pages for moving between servers (aliases, moving out) and a moved profile, in a real browser. */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class MigrationSettingsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        for (String name : new String[] {"nova", "vera", "otto", "tara"}) atoll.createUser(name);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    /** Clicks a form's button and waits for the page the form leads to (the old page goes stale). */
    private void submit(String css) {
        var before = browser.find("html");
        browser.find(css).click();
        browser.waitUntil(10, org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
    }

    private void checkPage(String name) {
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot(name + "-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot(name + "-phone");
        browser.size(WebBrowser.DESKTOP);
    }

    @Test
    void aliasesAreAddedAndRemovedAndAnUnknownOneIsExplained() {
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("nova");
        browser.open("/settings/aliases");
        assertThat(browser.find(".settings-nav a[aria-current=page]").getText()).isEqualTo("Aliases");
        assertThat(browser.find(".settings-body").getText()).contains("This account has no aliases.");

        browser.find("#alias").sendKeys("@nobody");
        submit("form[action='/settings/aliases'] button[type=submit]");
        assertThat(browser.awaitText("#alias_error", 10)).contains("Could not find the account @nobody");
        assertThat(browser.find("#alias").getAttribute("value")).isEqualTo("@nobody");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.find("#alias").clear();
        browser.find("#alias").sendKeys("@vera");
        submit("form[action='/settings/aliases'] button[type=submit]");
        assertThat(browser.awaitText(".notice", 10)).isEqualTo("The alias is added.");
        assertThat(browser.find(".alias-uri").getText()).isEqualTo(atoll.baseUrl() + "/users/vera");
        checkPage("settings-aliases");

        submit("form[action='/settings/aliases/remove'] button");
        assertThat(browser.awaitText(".notice", 10)).isEqualTo("The alias is removed.");
        assertThat(browser.all(".alias-uri")).isEmpty();
    }

    @Test
    void movingAsksForThePasswordThenRedirectsTheProfile() {
        long otto = atoll.app().core.accounts.byAcct("otto", null).orElseThrow().id();
        long tara = atoll.app().core.accounts.byAcct("tara", null).orElseThrow().id();
        long vera = atoll.app().core.accounts.byAcct("vera", null).orElseThrow().id();
        atoll.app().core.follows.follow(vera, otto, social.atoll.core.follow.FollowOptions.DEFAULTS);
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("otto");
        browser.open("/settings/move");
        checkPage("settings-move");

        // tara does not list otto yet
        browser.find("#target").sendKeys("@tara");
        browser.find("#current_password").sendKeys("password-otto");
        submit("form[action='/settings/move'] button[type=submit]");
        assertThat(browser.awaitText("#move_error", 10)).contains("does not list this account as an alias");
        assertThat(browser.find("#target").getAttribute("value")).isEqualTo("@tara");

        atoll.app().federation.aliases.add(tara, "@otto");
        browser.find("#current_password").sendKeys("wrong-password");
        submit("form[action='/settings/move'] button[type=submit]");
        assertThat(browser.awaitText("#move_error", 10)).isEqualTo("Invalid password");

        browser.find("#current_password").sendKeys("password-otto");
        submit("form[action='/settings/move'] button[type=submit]");
        assertThat(browser.awaitText(".notice", 10)).contains("Your account has moved");
        assertThat(browser.find(".moved-status").getText()).contains("This account has moved to @tara@" + atoll.domain());
        assertThat(browser.find(".settings-body").getText()).contains("can move again after");
        assertThat(browser.all("form[action='/settings/move']")).isEmpty();
        assertThat(atoll.app().core.accounts.byId(otto).orElseThrow().movedToAccountId()).isEqualTo(tara);
        checkPage("settings-moved");

        browser.open("/@otto");
        assertThat(browser.find(".moved-banner").getText()).isEqualTo("This account has moved to @tara@" + atoll.domain());
        browser.find(".moved-banner a").click();
        assertThat(browser.path()).isEqualTo("/@tara");
        browser.open("/@otto");
        checkPage("profile-moved");

        // vera followed otto: she now follows tara, and her notifications say why
        social.atoll.testing.Await.until("vera follows tara", () -> atoll.app().core.followStore.follows(vera, tara));
        browser.signIn("vera");
        browser.open("/notifications");
        assertThat(browser.awaitText("article.n-move", 10)).contains("otto").contains("moved to a new account").contains("@tara");
        assertThat(browser.all("article.n-move .notification-account a.who").get(1).getAttribute("href")).endsWith("/@tara");
        browser.screenshot("notification-move-desktop");
        assertThat(browser.accessibilityViolations()).isEmpty();
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        String token = atoll.createUser("csrf_victim");
        assertThat(token).isNotBlank();
        browser.signIn("csrf_victim");
        String cookie = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((x, y) -> x + "; " + y).orElseThrow();
        var aliasPost = atoll.http().send("POST", "/settings/aliases", null, "alias=%40vera", "application/x-www-form-urlencoded",
                java.util.Map.of("Cookie", cookie));
        assertThat(aliasPost.status()).isEqualTo(403);
        var movePost = atoll.http().send("POST", "/settings/move", null, "target=%40vera&current_password=password-csrf_victim",
                "application/x-www-form-urlencoded", java.util.Map.of("Cookie", cookie));
        assertThat(movePost.status()).isEqualTo(403);
        assertThat(atoll.app().core.accounts.byAcct("csrf_victim", null).orElseThrow().movedToAccountId()).isNull();
    }
}

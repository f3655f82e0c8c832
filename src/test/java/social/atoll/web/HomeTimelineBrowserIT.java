package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.status.Visibility;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/** The signed-in home timeline in a real browser: what it lists, live arrivals, paging, and its accessibility. */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class HomeTimelineBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        seed.follow(bob, alice);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void homeAsksVisitorsToSignInAndComesBackAfterwards() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/home");
        assertThat(browser.path()).startsWith("/auth/sign_in?return_to=%2Fhome");
        browser.find("#email").sendKeys("bob");
        browser.find("#password").sendKeys("password-bob");
        browser.find("form[action='/auth/sign_in'] button[type=submit]").click();
        browser.await(".column-head h1", 10);
        assertThat(browser.path()).isEqualTo("/home");
    }

    @Test
    void homeShowsFollowedPostsWithContentWarningsFoldedAndNewOnesLive() {
        seed.post(alice, "Morning from the atoll #sunrise");
        seed.post(alice, "The reef at low tide", "spoilers: fish", Visibility.PUBLIC);
        browser.signIn("bob");
        browser.open("/home");
        assertThat(browser.find(".feed").getText()).contains("Morning from the atoll");
        var cw = browser.find("details.cw");
        assertThat(cw.getAttribute("open")).isNull();
        assertThat(cw.getText()).contains("spoilers: fish").doesNotContain("The reef at low tide");
        cw.findElement(org.openqa.selenium.By.tagName("summary")).click();
        assertThat(cw.getText()).contains("The reef at low tide");

        // the page stays as it is while a new post waits behind the bar
        Await.until("the page to open its stream", () -> atoll.app().streamRegistry.connectionCount() > 0);
        seed.post(alice, "A post that arrives while bob reads");
        var bar = browser.await(".live:not([hidden]) button.new-posts", 20);
        assertThat(bar.getText()).isEqualTo("Show 1 new post");
        assertThat(browser.find(".feed").getText()).doesNotContain("A post that arrives while bob reads");
        bar.click();
        assertThat(browser.find(".feed article.status").getText()).contains("A post that arrives while bob reads");
        browser.screenshot("home-desktop");
    }

    @Test
    void actionFormsLeadBackToThePageTheyAreOnWithoutJavaScript() {
        seed.post(alice, "A post to favourite from page two");
        browser.signIn("bob");
        browser.open("/home?max_id=999999999999999999");
        var form = browser.find("form[action$='/favourite']");
        assertThat(form.findElement(org.openqa.selenium.By.name("return_to")).getAttribute("value"))
                .isEqualTo("/home?max_id=999999999999999999");
    }

    @Test
    void homeHasNoSeriousAccessibilityProblemsAndFitsAPhone() {
        seed.post(alice, "Checking contrast and labels");
        browser.signIn("bob");
        browser.open("/home");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/home");
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("home-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }
}

package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The composer in a real browser: a photo post with alt text and a content warning that a follower's open home
 * timeline receives live, a post written with the keyboard alone, editing, and the accessibility of the composer
 * and edit pages on desktop and phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class ComposeBrowserIT {

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
    void aPhotoWithAltTextAndAContentWarningReachesAFollowersOpenHomeTimeline() {
        // two people at once: bob reads his home timeline in a second browser while alice posts in the first
        try (WebBrowser reader = new WebBrowser(atoll.baseUrl())) {
            reader.signIn("bob");
            reader.open("/home");
            reader.await("form.composer.compact", 10);
            Await.until("bob's page to open its stream", () -> atoll.app().streamRegistry.connectionCount() > 0);

            signIn("alice");
            browser.open("/compose");
            browser.find("#compose-text").sendKeys("Low tide at the atoll https://example.com/a/very/long/link/that/counts/as/twenty/three");
            assertThat(browser.find("#compose-count").getText())
                    .isEqualTo((atoll.settings().maxStatusChars() - "Low tide at the atoll ".length() - 23) + " characters left");
            browser.find("#compose-cw").sendKeys("sea photo");
            browser.find("#compose-files").sendKeys(TestImages.pngFile("tide.png", 800, 600).toString());
            addAsItIs();
            var alt = browser.await(".attachment textarea", 30);
            alt.sendKeys("Sand ripples at low tide, the sun low over the water");
            // a click on the preview moves the focal point
            var focus = browser.find(".attachment [data-focus]");
            var preview = browser.find(".focus-picker img");
            new Actions(browser.driver()).moveToElement(preview, preview.getSize().width / 4, -preview.getSize().height / 4).click().perform();
            String[] xy = focus.getAttribute("value").split(",");
            assertThat(Double.parseDouble(xy[0])).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.06));
            assertThat(Double.parseDouble(xy[1])).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.06));
            // tall enough to show the whole form with its photo, for docs/screenshots/compose.png
            browser.size(new org.openqa.selenium.Dimension(1280, 1500));
            browser.screenshot("compose");
            browser.size(WebBrowser.DESKTOP);
            browser.find("[data-submit]").click();
            browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
            long id = Long.parseLong(browser.path().substring("/@alice/".length()));
            assertThat(browser.find("body").getText()).contains("sea photo");
            Status posted = atoll.app().core.statusQueries.byId(id).orElseThrow();
            assertThat(posted.spoilerText()).isEqualTo("sea photo");
            assertThat(posted.sensitive()).isTrue();

            var bar = reader.await(".live:not([hidden]) button.new-posts", 20);
            bar.click();
            var article = reader.find("#status-" + id);
            assertThat(article.getText()).contains("sea photo").doesNotContain("Low tide");
            article.findElement(By.cssSelector("details.cw summary")).click();
            var img = article.findElement(By.cssSelector(".media img"));
            assertThat(img.getAttribute("alt")).isEqualTo("Sand ripples at low tide, the sun low over the water");
            assertThat(article.getText()).contains("Low tide at the atoll");
        }
    }

    @Test
    void aPostWrittenWithTheKeyboardAlone() {
        signIn("bob");
        browser.open("/compose");
        var keys = new Actions(browser.driver());
        tabTo(keys, "compose-text");
        assertThat(outline()).isNotEqualTo("none");
        keys.sendKeys("Typed without a mouse #keyboard, hello @ali").perform();
        // the autocomplete offers alice; Enter takes the highlighted suggestion
        browser.await("#compose-suggestions li[aria-selected=true]", 10);
        assertThat(browser.find("#compose-suggestions").getText()).contains("@alice");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(browser.find("#compose-text").getAttribute("value")).isEqualTo("Typed without a mouse #keyboard, hello @alice ");
        tabTo(keys, "compose-cw");
        keys.sendKeys("keys").perform();
        tabToSubmit(keys);
        assertThat(outline()).isNotEqualTo("none");
        keys.sendKeys(Keys.ENTER).perform();
        browser.waitUntil(15, d -> browser.path().startsWith("/@bob/"));
        long id = Long.parseLong(browser.path().substring("/@bob/".length()));
        Status s = atoll.app().core.statusQueries.byId(id).orElseThrow();
        assertThat(s.text()).isEqualTo("Typed without a mouse #keyboard, hello @alice ");
        assertThat(s.spoilerText()).isEqualTo("keys");
    }

    @Test
    void editingAPostKeepsItsPlaceAndChangesItsText() {
        Status s = seed.post(alice, "A typo in teh post");
        signIn("alice");
        browser.open("/statuses/" + s.id() + "/edit");
        var text = browser.find("#compose-text");
        assertThat(text.getAttribute("value")).isEqualTo("A typo in teh post");
        assertThat(browser.all("#compose-visibility")).isEmpty();
        assertThat(browser.accessibilityViolations()).isEmpty();
        text.clear();
        text.sendKeys("A typo in the post, fixed");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().equals("/@alice/" + s.id()));
        Status edited = atoll.app().core.statusQueries.byId(s.id()).orElseThrow();
        assertThat(edited.text()).isEqualTo("A typo in the post, fixed");
        assertThat(edited.editedAt()).isNotNull();
    }

    @Test
    void theComposerAndTheEditPageHaveNoSeriousAccessibilityProblemsAndFitAPhone() {
        Status s = seed.post(alice, "Checking the edit page");
        signIn("alice");
        browser.open("/compose");
        browser.find("#compose-files").sendKeys(TestImages.pngFile("reef.png", 640, 480).toString());
        addAsItIs();
        browser.await(".attachment textarea", 30).sendKeys("A reef");
        browser.find(".compose-poll summary").click();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.open("/home");
        browser.await("form.composer.compact", 10);
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/compose");
            browser.find("#compose-files").sendKeys(TestImages.pngFile("reef.png", 640, 480).toString());
            addAsItIs();
            browser.await(".attachment textarea", 30);
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("compose-phone");
            browser.open("/statuses/" + s.id() + "/edit");
            assertThat(browser.scrollsSideways()).isFalse();
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.open("/home");
            browser.await("form.composer.compact", 10);
            assertThat(browser.scrollsSideways()).isFalse();
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    /** The photo editor opens for a picked photo: add it without a filter. */
    private void addAsItIs() { browser.await("dialog.photo-editor[open] [data-pe-done]", 30).click(); }

    private void tabTo(Actions keys, String id) {
        for (int i = 0; i < 80 && !id.equals(browser.js("return document.activeElement && document.activeElement.id;")); i++)
            keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.js("return document.activeElement.id;")).isEqualTo(id);
    }

    private void tabToSubmit(Actions keys) {
        for (int i = 0; i < 80 && !Boolean.TRUE.equals(browser.js("return document.activeElement.matches('[data-submit]');")); i++)
            keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.js("return document.activeElement.matches('[data-submit]');")).isEqualTo(true);
    }

    private String outline() { return (String) browser.js("return getComputedStyle(document.activeElement).outlineStyle;"); }

    /** Signs in; when the page does not move on, the failure says what the page showed. */
    private void signIn(String username) {
        try {
            browser.signIn(username);
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("sign-in-stuck");
            throw new AssertionError("sign-in as " + username + " stayed at " + browser.path() + ":\n" + browser.find("body").getText(), e);
        }
    }
}

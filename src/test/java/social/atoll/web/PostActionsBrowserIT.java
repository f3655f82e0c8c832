package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Actions on posts in a real browser: favourite and boost toggled in place (htmx, the page stays), the "more" page
 * (copy link, pin, delete with confirmation, report with a server rule), and a poll vote.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class PostActionsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        atoll.app().infra.db.write(h -> h.execute(
                "INSERT INTO instance_rules (id, text, hint, position, created_at) VALUES (7, 'No spam', 'Not even a little', 0, 0)"));
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
    void favouriteAndBoostToggleInPlace() {
        Status post = seed.post(alice, "Toggle me in place");
        signIn("bob");
        browser.open("/home");
        browser.js("window.atollMarker = 'same page';");
        String article = "#status-" + post.id();
        browser.find(article + " button.favourite").click();
        var fav = browser.await(article + " button.favourite.on", 10);
        assertThat(fav.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(fav.getText()).contains("1");
        browser.find(article + " button.reblog").click();
        assertThat(browser.await(article + " button.reblog.on", 10).getAttribute("aria-pressed")).isEqualTo("true");
        browser.find(article + " button.favourite").click();
        // the button is replaced with the whole post: ask the page, not an element that may just have gone
        browser.waitUntil(10, d -> "false".equals(
                browser.js("return document.querySelector(arguments[0]).getAttribute('aria-pressed');", article + " button.favourite")));
        // no page load happened: the script's marker is still there
        assertThat(browser.js("return window.atollMarker;")).isEqualTo("same page");
        assertThat(browser.path()).isEqualTo("/home");
        Status now = atoll.app().core.statusQueries.byId(post.id()).orElseThrow();
        assertThat(now.favouritesCount()).isZero();
        assertThat(now.reblogsCount()).isEqualTo(1);
    }

    @Test
    void theMorePageCopiesTheLinkAndReportsWithARule() {
        Status post = seed.post(alice, "Buy cheap pearls now");
        signIn("bob");
        browser.open("/home");
        browser.find("#status-" + post.id() + " a[href='/statuses/" + post.id() + "/more']").click();
        browser.await("#post-link", 10);
        assertThat(browser.find("#post-link").getAttribute("value")).isEqualTo(atoll.baseUrl() + "/@alice/" + post.id());
        var copy = browser.await("button[data-copy]", 10);
        copy.click();
        assertThat(browser.awaitText("[data-copy-status]", 10)).isEqualTo("Link copied.");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("more");

        browser.find("input[name=category][value=spam]").click();
        browser.find("input[name=rule_ids][value='7']").click();
        browser.find("#report-comment").sendKeys("Selling things in every thread");
        browser.find(".report-form button[type=submit]").click();
        assertThat(browser.awaitText("p.notice", 10)).contains("report was sent");
        Long reports = atoll.app().infra.db.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM reports WHERE account_id = :a AND target_account_id = :t AND rule_ids LIKE '%7%' AND category = 'violation'")
                .bind("a", bob.id()).bind("t", alice.id()).mapTo(Long.class).one());
        assertThat(reports).isEqualTo(1);
    }

    @Test
    void ownPostsArePinnedAndDeletedFromTheMorePageAfterConfirmation() {
        Status post = seed.post(alice, "Short-lived post");
        signIn("alice");
        browser.open("/statuses/" + post.id() + "/more");
        assertThat(browser.all(".report-form")).isEmpty();
        browser.find("form[action='/web/statuses/" + post.id() + "/pin'] button").click();
        browser.await("form[action='/web/statuses/" + post.id() + "/unpin'] button", 10);
        assertThat(browser.path()).isEqualTo("/statuses/" + post.id() + "/more");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/statuses/" + post.id() + "/more");
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("more-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
        // the browser asks for the box first
        browser.find(".delete-form button").click();
        assertThat(browser.path()).isEqualTo("/statuses/" + post.id() + "/more");
        assertThat(atoll.app().core.statusQueries.byId(post.id())).isPresent();
        browser.find(".delete-form input[name=confirm]").click();
        browser.find(".delete-form button").click();
        browser.waitUntil(10, d -> browser.path().equals("/@alice"));
        assertThat(atoll.app().core.statusQueries.byId(post.id())).isEmpty();
    }

    @Test
    void aPollVoteShowsTheResultsInPlace() {
        var posted = atoll.app().core.posting.post(alice.id(), new NewStatus("Snorkel or dive?", "", null, Visibility.PUBLIC, null, "en",
                new NewPoll(List.of("Snorkel", "Dive"), 3600L, false, false), List.of(), null, null, null));
        Status post = ((PostStatusService.Published) posted).status();
        signIn("bob");
        browser.open("/home");
        String article = "#status-" + post.id();
        browser.find(article + " form.poll input[value='1']").click();
        browser.find(article + " form.poll button[type=submit]").click();
        var results = browser.await(article + " .poll.results", 10);
        assertThat(results.findElement(By.cssSelector("li.own")).getText()).contains("Dive").contains("100%");
        assertThat(browser.path()).isEqualTo("/home");
    }

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

package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.quote.Quote;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Quote posts in a real browser: the Quote action on a post, the composer showing the quoted post, the card with the
 * quoted post embedded, and the state text of a quote that is not shown (revoked); no Quote action where the policy
 * does not allow one. axe-core on each page, desktop and phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class QuotesBrowserIT {

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
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    private void awaitPath(String prefix) {
        browser.waitUntil(15, d -> browser.path().startsWith(prefix));
    }

    @Test
    void quotingAPostFromItsCard() {
        Status original = seed.post(bob, "Tide tables are a kind of poetry");
        browser.signIn("alice");
        browser.open("/@bob/" + original.id());
        browser.find("a.action[href='/compose?quote=" + original.id() + "']").click();
        awaitPath("/compose");
        // the composer shows the post being quoted
        assertThat(browser.find(".quote-context").getText()).contains("Tide tables are a kind of poetry");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("compose-quote");
        browser.find("#compose-text").sendKeys("Agreed, and so are bus timetables");
        browser.find("[data-submit]").click();
        awaitPath("/@alice/");
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        Quote q = atoll.app().core.quotes.ofStatus(id).orElseThrow();
        assertThat(q.quotedStatusId()).isEqualTo(original.id());
        assertThat(q.state()).isEqualTo(Quote.ACCEPTED);
        // the new post's card embeds the quoted one
        browser.await(".status.detailed .quoted-post", 10);
        assertThat(browser.find(".status.detailed .quoted-post").getText()).contains("Tide tables are a kind of poetry").contains("@bob");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("quote-card");
        browser.size(WebBrowser.PHONE);
        try {
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("quote-card-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }

        // bob revokes: the card says so instead of showing his post
        atoll.app().core.quotes.revoke(bob.id(), original.id(), id);
        browser.open("/@alice/" + id);
        assertThat(browser.all(".status.detailed .quoted-post")).isEmpty();
        assertThat(browser.find(".status.detailed .quote-state").getText()).contains("removed it");
        assertThat(browser.accessibilityViolations()).isEmpty();
    }

    @Test
    void noQuoteActionWhereThePolicyForbidsIt() {
        var posted = atoll.app().core.posting.post(bob.id(), new NewStatus("Mine alone", null, null, Visibility.PUBLIC, null, "en", null,
                List.of(), null, null, null, null, null, null, "nobody"));
        Status closed = ((PostStatusService.Published) posted).status();
        browser.signIn("alice");
        browser.open("/@bob/" + closed.id());
        assertThat(browser.all("a.action[href='/compose?quote=" + closed.id() + "']")).isEmpty();
        // asking for it anyway is refused with a readable message, the text kept
        browser.open("/compose?quote=" + closed.id());
        browser.find("#compose-text").sendKeys("quoting anyway");
        browser.find("[data-submit]").click();
        browser.await("#compose-error", 10);
        assertThat(browser.find("#compose-error").getText()).contains("cannot be quoted");
        assertThat(browser.find("#compose-text").getAttribute("value")).isEqualTo("quoting anyway");
    }
}

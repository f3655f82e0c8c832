package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import social.atoll.core.account.Account;
import social.atoll.core.account.ProfileUpdate;
import social.atoll.core.common.IdRange;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The app's reading pages in a real browser: search (an account, a tag, a post), bookmarks and favourites, direct
 * messages, followed hashtags, and the keyboard shortcuts; axe-core and a phone on each page.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class ReadingPagesBrowserIT {

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
        // alice lets her public posts be found by their words (Mastodon's indexable)
        atoll.app().core.profiles.update(alice.id(), new ProfileUpdate(null, null, null, null, null, true, null, null, null, null, null));
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void searchFindsALocalAccountATagAndAPost() {
        seed.post(alice, "Coral spawning tonight #reefwatch");
        browser.signIn("bob");
        browser.open("/search");
        browser.find("#search-q").sendKeys("alice");
        browser.find("form.search-form button[type=submit]").click();
        browser.await("#results-people", 10);
        assertThat(browser.find("section.results ul.people").getText()).contains("@alice");

        browser.open("/search?q=reefwatch");
        assertThat(browser.find("ul.tag-list").getText()).contains("#reefwatch");
        assertThat(browser.find("ul.tag-list a").getAttribute("href")).endsWith("/tags/reefwatch");

        browser.open("/search?q=spawning");
        assertThat(browser.find("section.results .feed").getText()).contains("Coral spawning tonight");
        browser.open("/search?q=spawning&type=accounts");
        assertThat(browser.find(".tabs a[aria-current=page]").getText()).isEqualTo("People");
        assertThat(browser.all("section.results .feed")).isEmpty();

        // a handle on this server is looked up, as the API does
        browser.open("/search?q=%40alice%40" + atoll.app().settings.domain());
        assertThat(browser.find("section.results ul.people").getText()).contains("@alice");
        checkPage("/search?q=reef");
    }

    @Test
    void bookmarksAndFavouritesListThePosts() {
        Status kept = seed.post(alice, "A recipe for breadfruit");
        Status liked = seed.post(alice, "Sunset over the pass");
        atoll.app().core.bookmarks.bookmark(bob.id(), kept.id());
        atoll.app().core.favourites.favourite(bob.id(), liked.id());
        browser.signIn("bob");
        browser.open("/bookmarks");
        assertThat(browser.find(".column-head h1").getText()).isEqualTo("Bookmarks");
        assertThat(browser.find("#status-" + kept.id()).getText()).contains("A recipe for breadfruit");
        assertThat(browser.find(".feed").getText()).doesNotContain("Sunset over the pass");
        assertThat(browser.find("#status-" + kept.id() + " button.bookmark").getAttribute("aria-pressed")).isEqualTo("true");
        checkPage("/bookmarks");
        browser.open("/favourites");
        assertThat(browser.find("#status-" + liked.id()).getText()).contains("Sunset over the pass");
        checkPage("/favourites");
    }

    @Test
    void directMessagesAreListedUnreadAndOpenAsAThread() {
        Status dm = seed.post(alice, "@bob the secret cove is north of the pass", null, Visibility.DIRECT);
        browser.signIn("bob");
        Await.until("the conversation to be filed", () -> !atoll.app().core.conversations.page(bob.id(), new IdRange(null, null, null, 5)).isEmpty());
        browser.open("/conversations");
        var row = browser.find("article.conversation");
        assertThat(row.getText()).contains("With alice").contains("Unread").contains("the secret cove");
        checkPage("/conversations");
        browser.find("article.conversation .notification-head a").click();
        Await.until("the conversation to open", () -> browser.path().startsWith("/conversations/"));
        browser.await("#status-" + dm.id(), 10);
        assertThat(browser.find(".column-head h1").getText()).isEqualTo("With alice");
        checkPage(browser.path());
        browser.open("/conversations");
        assertThat(browser.find("article.conversation").getAttribute("class")).doesNotContain("unread");
    }

    @Test
    void followedHashtagsAreListedAndUnfollowed() {
        atoll.app().core.tags.follow(bob.id(), "lagoonlife");
        browser.signIn("bob");
        browser.open("/followed_tags");
        assertThat(browser.find("ul.rows").getText()).contains("lagoonlife");
        checkPage("/followed_tags");
        browser.find("form[action='/web/followed_tags/lagoonlife/unfollow'] button").click();
        browser.await("p.empty", 10);
        assertThat(atoll.app().core.tags.followedTags(bob.id(), new IdRange(null, null, null, 10))).isEmpty();
    }

    @Test
    void keyboardMovesBetweenPostsAndActsOnTheFocusedOne() {
        Status first = seed.post(alice, "Keyboard post one");
        Status second = seed.post(alice, "Keyboard post two");
        browser.signIn("bob");
        browser.open("/home");
        browser.await(".feed > article", 10);
        // the button's own request is another part's business: here it is enough that "f" presses it
        browser.js("""
                window.pressed = [];
                document.addEventListener('click', (e) => {
                  const b = e.target.closest('[data-key]');
                  if (b) { e.preventDefault(); e.stopPropagation(); window.pressed.push(b.dataset.key + ':' + b.closest('article').dataset.id); }
                }, true);""");
        var keys = new Actions(browser.driver());
        keys.sendKeys("j").perform();
        assertThat(focusedId()).isEqualTo(Long.toString(second.id()));
        keys.sendKeys("j").perform();
        assertThat(focusedId()).isEqualTo(Long.toString(first.id()));
        keys.sendKeys("k").perform();
        assertThat(focusedId()).isEqualTo(Long.toString(second.id()));
        keys.sendKeys("f").perform();
        keys.sendKeys("b").perform();
        assertThat(browser.js("return window.pressed;")).isEqualTo(List.of("f:" + second.id(), "b:" + second.id()));

        keys.sendKeys("?").perform();
        var help = browser.await("dialog#keys-help[open]", 10);
        assertThat(help.getText()).contains("Keyboard shortcuts").contains("Next post").contains("Favourite the post");
        assertThat(browser.accessibilityViolations()).isEmpty();
        keys.sendKeys(Keys.ESCAPE).perform();
        Await.until("the help to close", () -> browser.all("dialog#keys-help[open]").isEmpty());

        // "/" goes to the search field, and typing there is typing, not shortcuts
        browser.open("/search");
        keys.sendKeys("/").perform();
        assertThat(browser.js("return document.activeElement.id;")).isEqualTo("search-q");
        keys.sendKeys("jn").perform();
        assertThat(browser.find("#search-q").getAttribute("value")).isEqualTo("jn");
        assertThat(browser.path()).isEqualTo("/search");
    }

    private String focusedId() { return (String) browser.js("return document.activeElement.closest('.feed > article')?.dataset.id;"); }

    /** axe-core finds nothing serious on the page, and a phone does not scroll sideways. */
    private void checkPage(String path) {
        browser.open(path);
        assertThat(browser.accessibilityViolations()).as(path).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open(path);
            assertThat(browser.scrollsSideways()).as(path + " on a phone").isFalse();
            browser.screenshot("reading" + path.replaceAll("[^a-z0-9]+", "-") + "-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }
}

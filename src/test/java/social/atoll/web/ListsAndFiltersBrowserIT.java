package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.common.IdRange;
import social.atoll.core.status.Status;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Lists and filters managed in the app, in a real browser: a list made, a member found among the people one follows
 * and added, the list's timeline (and a new post there live); a filter made with a keyword, folding and then hiding
 * a post on home; forms that are refused keep what was typed; axe-core and a phone on each page.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class ListsAndFiltersBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;
    private Account carol;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        carol = seed.user("carol");
        seed.follow(bob, alice);
        seed.follow(bob, carol);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void aListIsMadeGivenAMemberAndShowsTheirPostsLive() {
        browser.signIn("bob");
        browser.open("/lists");
        assertThat(browser.find("p.empty").getText()).contains("no lists");
        checkPage("/lists");
        browser.find("#list-title").sendKeys("Reef friends");
        browser.find("form[action='/web/lists'] button[type=submit]").click();
        browser.await("#members-heading", 10);
        String listPath = browser.path().replace("/edit", "");
        long listId = Long.parseLong(listPath.substring("/lists/".length()));

        browser.find("#member-q").sendKeys("ali");
        browser.find("form.member-search button").click();
        var candidate = browser.await("form[action='/web/lists/" + listId + "/members/add'] button", 10);
        assertThat(candidate.getAttribute("aria-label")).isEqualTo("Add @alice to the list");
        candidate.click();
        browser.await("form[action='/web/lists/" + listId + "/members/remove'] button", 10);
        assertThat(browser.find("section.panel ul.people").getText()).contains("@alice").doesNotContain("@carol");
        browser.screenshot("list-edit-desktop");
        checkPage("/lists/" + listId + "/edit?q=car");

        // settings: replies to no one, exclusive
        browser.find("input[name=replies_policy][value=none]").click();
        browser.find("input[name=exclusive]").click();
        submit(browser.find("form[action='/web/lists/" + listId + "'] button[type=submit]"));
        assertThat(browser.find("input[name=replies_policy][value=none]").isSelected()).isTrue();
        assertThat(browser.find("input[name=exclusive]").isSelected()).isTrue();
        var stored = atoll.app().core.lists.get(bob.id(), listId);
        assertThat(stored.repliesPolicy()).isEqualTo("none");
        assertThat(stored.exclusive()).isTrue();

        Status before = seed.post(alice, "Snorkel gear is ready");
        seed.post(carol, "Carol is not on the list");
        Await.until("the list feed to take the post", () -> atoll.app().core.listFeed.page(listId, new IdRange(null, null, null, 5)).contains(before.id()));
        browser.open(listPath);
        assertThat(browser.find(".column-head h1").getText()).isEqualTo("Reef friends");
        assertThat(browser.find(".feed").getText()).contains("Snorkel gear is ready").doesNotContain("Carol is not on the list");
        checkPage(listPath);

        browser.open(listPath);
        Await.until("the page to open its stream", () -> !atoll.app().streamRegistry.on("list:" + listId).isEmpty());
        seed.post(alice, "Live on the list");
        var bar = browser.await(".live:not([hidden]) button.new-posts", 20);
        bar.click();
        assertThat(browser.find(".feed > article").getText()).contains("Live on the list");

        // removing the member, then the list
        browser.open("/lists/" + listId + "/edit");
        submit(browser.find("form[action='/web/lists/" + listId + "/members/remove'] button"));
        assertThat(atoll.app().core.lists.members(bob.id(), listId, null)).isEmpty();
        browser.find("form[action='/web/lists/" + listId + "/delete'] button").click();
        browser.await("p.empty", 10);
        assertThat(browser.path()).isEqualTo("/lists");
        browser.open(listPath);
        assertThat(browser.find("main").getText()).contains("Not found");
    }

    @Test
    void aBlankListTitleIsRefusedOnThePage() {
        browser.signIn("carol");
        browser.open("/lists");
        browser.js("document.getElementById('list-title').removeAttribute('required'); document.getElementById('list-title').value = '   ';");
        browser.find("form[action='/web/lists'] button[type=submit]").click();
        assertThat(browser.awaitText("p.error", 10)).contains("Title can't be blank");
        assertThat(atoll.app().core.lists.all(carol.id())).isEmpty();
    }

    @Test
    void aFilterFoldsThenHidesMatchingPostsOnHome() {
        Status spoiler = seed.post(alice, "The finale was wild");
        Status other = seed.post(alice, "A quiet morning");
        browser.signIn("bob");
        browser.open("/filters");
        checkPage("/filters");
        browser.find(".column-head a[href='/filters/new']").click();
        browser.await("#filter-title", 10);
        checkPage("/filters/new");
        browser.find("#filter-title").sendKeys("Spoilers");
        browser.find("#kw-0").sendKeys("finale");
        browser.find("form[action='/web/filters'] button[type=submit]").click();
        var row = browser.await("li.filter-row", 10);
        assertThat(row.getText()).contains("Spoilers").contains("finale").contains("Fold it");
        browser.screenshot("filters-desktop");

        browser.open("/home");
        var folded = browser.find("#status-" + spoiler.id() + " details.filtered");
        assertThat(folded.getAttribute("open")).isNull();
        assertThat(folded.getText()).contains("Filtered: Spoilers").doesNotContain("The finale was wild");
        browser.screenshot("home-filtered-desktop");
        folded.findElement(By.tagName("summary")).click();
        assertThat(folded.getText()).contains("The finale was wild");
        assertThat(browser.all("#status-" + other.id() + " details.filtered")).isEmpty();

        // edit: hide instead of fold, add a keyword, keep the expiry
        browser.open("/filters");
        browser.find("li.filter-row a.button").click();
        browser.await("#filter-title", 10);
        checkPage(browser.path());
        browser.find("input[name=filter_action][value=hide]").click();
        browser.find("#kw-1").sendKeys("morning");
        browser.find("form[action^='/web/filters/'] button[type=submit]").click();
        assertThat(browser.awaitText("li.filter-row", 10)).contains("Hide it").contains("finale, morning");
        browser.open("/home");
        assertThat(browser.all("#status-" + spoiler.id())).isEmpty();
        assertThat(browser.all("#status-" + other.id())).isEmpty();

        // a filter without a context is refused, with the title kept
        browser.open("/filters/new");
        browser.find("#filter-title").sendKeys("Nowhere");
        for (var box : browser.all("input[name=context]")) if (box.isSelected()) box.click();
        browser.find("form[action='/web/filters'] button[type=submit]").click();
        assertThat(browser.awaitText("p.error", 10)).contains("Context can't be blank");
        assertThat(browser.find("#filter-title").getAttribute("value")).isEqualTo("Nowhere");

        // deleting
        browser.open("/filters");
        browser.find("li.filter-row a.button").click();
        browser.await("form[action$='/delete'] button", 10).click();
        browser.await("p.empty", 10);
        assertThat(atoll.app().core.filters.all(bob.id())).isEmpty();
    }

    /** Presses a form's button and waits until the page it leads to has replaced this one. */
    private void submit(org.openqa.selenium.WebElement button) {
        var old = browser.find("html");
        button.click();
        browser.waitUntil(10, org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(old));
        browser.await("main", 10);
    }

    /** axe-core finds nothing serious on the page, and a phone does not scroll sideways. */
    private void checkPage(String path) {
        browser.open(path);
        assertThat(browser.accessibilityViolations()).as(path).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open(path);
            assertThat(browser.scrollsSideways()).as(path + " on a phone").isFalse();
            browser.screenshot("manage" + path.replaceAll("[^a-z0-9]+", "-") + "-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }
}

package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.account.ProfileUpdate;
import social.atoll.core.common.IdRange;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The notifications page in a real browser: what others did (seeded through the core services as them) shows with
 * its account, text and post; a new one arrives live behind the bar; the Mentions tab; a follow request accepted
 * in the app; CSRF refusals; accessibility on desktop and phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class NotificationsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;
    private Account carol;
    private Account dave;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        carol = seed.user("carol");
        dave = seed.user("dave");
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void favouriteFollowAndMentionAreListedAndANewOneArrivesLive() {
        var post = seed.post(bob, "Tide tables for the week");
        atoll.app().core.favourites.favourite(alice.id(), post.id());
        seed.follow(dave, bob);
        seed.post(alice, "@bob the lagoon is calm today");

        browser.signIn("bob");
        browser.open("/notifications");
        String feed = browser.find(".feed").getText();
        assertThat(feed).contains("favourited your post").contains("Tide tables for the week");
        assertThat(feed).contains("followed you").contains("@dave");
        assertThat(feed).contains("mentioned you").contains("the lagoon is calm today");
        var mention = browser.all(".feed > article.notification").stream().filter(a -> a.getText().contains("mentioned you")).findFirst()
                .orElseThrow();
        assertThat(mention.findElement(By.cssSelector(".notification-actor")).getText()).isEqualTo("alice");

        Await.until("the page to open its stream", () -> !atoll.app().streamRegistry.on("notification:" + bob.id()).isEmpty());
        seed.post(carol, "@bob are you coming to the reef?");
        var bar = browser.await(".live:not([hidden]) button.new-posts", 20);
        assertThat(bar.getText()).isEqualTo("Show 1 new notification");
        assertThat(browser.find(".feed").getText()).doesNotContain("are you coming to the reef");
        bar.click();
        var newest = browser.find(".feed > article.notification");
        assertThat(newest.getText()).contains("carol").contains("mentioned you").contains("are you coming to the reef");
        browser.screenshot("notifications-desktop");

        browser.open("/notifications?filter=mentions");
        assertThat(browser.find(".tabs a[aria-current=page]").getText()).isEqualTo("Mentions");
        assertThat(browser.find(".feed").getText()).contains("the lagoon is calm today").doesNotContain("followed you")
                .doesNotContain("favourited your post");
    }

    @Test
    void aFollowRequestIsAcceptedFromTheNotificationsPage() {
        atoll.app().core.profiles.update(carol.id(), new ProfileUpdate(null, null, true, null, null, null, null, null, null, null, null));
        seed.follow(dave, carol);
        assertThat(atoll.app().core.accountQueries.followRequests(carol.id(), new IdRange(null, null, null, 10)).items())
                .extracting(Account::id).contains(dave.id());

        browser.signIn("carol");
        browser.open("/notifications");
        var requests = browser.find("section.requests");
        assertThat(requests.getText()).contains("Follow requests").contains("@dave");
        assertThat(browser.find(".feed").getText()).contains("asked to follow you");
        requests.findElement(By.cssSelector("form[action='/web/follow_requests/" + dave.id() + "/authorize'] button")).click();
        assertThat(browser.awaitText("section.requests .request-actions.done", 10)).contains("Accepted");
        assertThat(atoll.app().core.relationships.of(dave.id(), carol.id()).following()).isTrue();

        // answered: the request is gone from the page
        browser.open("/notifications");
        assertThat(browser.all("section.requests")).isEmpty();
    }

    @Test
    void followRequestAnswersNeedTheFormToken() {
        atoll.app().core.profiles.update(alice.id(), new ProfileUpdate(null, null, true, null, null, null, null, null, null, null, null));
        seed.follow(carol, alice);
        browser.signIn("alice");
        browser.open("/notifications");
        String cookie = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        var http = atoll.http();
        var refused = http.send("POST", "/web/follow_requests/" + carol.id() + "/authorize", null, form("csrf", "wrong"),
                "application/x-www-form-urlencoded", Map.of("Cookie", cookie));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        var noCookie = http.send("POST", "/web/follow_requests/" + carol.id() + "/reject", null, form("csrf", "x"),
                "application/x-www-form-urlencoded", Map.of());
        assertThat(noCookie.status()).isEqualTo(403);
        assertThat(atoll.app().core.accountQueries.followRequests(alice.id(), new IdRange(null, null, null, 10)).items())
                .extracting(Account::id).contains(carol.id());

        // every other change of the reading side is refused the same way, and changes nothing
        long list = atoll.app().core.lists.create(alice.id(), "Kept", null, false).id();
        for (String path : java.util.List.of("/web/lists", "/web/lists/" + list, "/web/lists/" + list + "/delete",
                "/web/lists/" + list + "/members/add", "/web/filters", "/web/followed_tags/reef/unfollow",
                "/web/follow_requests/" + carol.id() + "/reject")) {
            var r = http.send("POST", path, null, form("title", "Changed"), "application/x-www-form-urlencoded", Map.of("Cookie", cookie));
            assertThat(r.status()).as(path).isEqualTo(403);
        }
        assertThat(atoll.app().core.lists.all(alice.id())).extracting(l -> l.title()).containsExactly("Kept");
        assertThat(atoll.app().core.filters.all(alice.id())).isEmpty();
        // a visitor is sent to sign in; someone else's notification is not there
        var visitor = http.get("/notifications");
        assertThat(visitor.status()).isEqualTo(302);
        assertThat(visitor.header("Location")).startsWith("/auth/sign_in?return_to=%2Fnotifications");
        var others = atoll.app().core.notificationService.page(carol.id(), java.util.List.of(), java.util.List.of(), null,
                new IdRange(null, null, null, 1));
        if (!others.isEmpty()) {
            var card = http.send("GET", "/web/notifications/" + others.getFirst().id() + "/card", null, null, null, Map.of("Cookie", cookie));
            assertThat(card.status()).isEqualTo(404);
        }

        // rejecting through the page works
        browser.find("form[action='/web/follow_requests/" + carol.id() + "/reject'] button").click();
        assertThat(browser.awaitText("section.requests .request-actions.done", 10)).contains("Rejected");
        assertThat(atoll.app().core.relationships.of(carol.id(), alice.id()).following()).isFalse();
    }

    @Test
    void notificationsHaveNoSeriousAccessibilityProblemsAndFitAPhoneAndPage() {
        for (int i = 0; i < 21; i++) atoll.app().core.favourites.favourite(bob.id(), seed.post(dave, "Older post " + i).id());
        var post = seed.post(dave, "A post to boost");
        atoll.app().core.favourites.favourite(bob.id(), post.id());
        atoll.app().core.reblogs.reblog(bob.id(), post.id(), null);
        seed.post(bob, "@dave hello there");
        browser.signIn("dave");
        browser.open("/notifications");
        assertThat(browser.find(".feed").getText()).contains("boosted your post");
        assertThat(browser.accessibilityViolations()).isEmpty();
        assertThat(browser.all(".feed > article.notification")).hasSize(20);
        browser.find("nav.pager a[rel=next]").click();
        Await.until("the older page", () -> browser.path().startsWith("/notifications?max_id="));
        browser.await(".feed > article.notification", 10);
        assertThat(browser.find(".feed").getText()).contains("Older post 0").doesNotContain("A post to boost");
        browser.open("/notifications?filter=mentions");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/notifications");
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("notifications-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    private static String form(String k, String v) { return social.atoll.testing.TestHttp.form(Map.of(k, v)); }
}

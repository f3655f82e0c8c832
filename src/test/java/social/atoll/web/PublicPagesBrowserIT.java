package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The public pages in a real browser, as a visitor and as a signed-in person: a profile with its tabs and photo
 * grid, a photo post with its alt text and content warning, a tag page, explore, the front and about pages, the
 * follow button, and the styled error page; every page checked with axe-core and on a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class PublicPagesBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;
    private Status photo;

    @BeforeAll
    void start() throws Exception {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        seed.post(alice, "Hello from the lagoon #reef");
        photo = photoPost(alice, "Low tide this morning #reef", "A coral reef at low tide, orange fish between the rocks");
        seed.post(alice, "What I saw under water", "spoilers: a shark", Visibility.PUBLIC);
        seed.post(alice, "Only for my followers", null, Visibility.PRIVATE);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    /** A post with a real image uploaded and processed through the media service, the way the API does it. */
    private Status photoPost(Account author, String text, String alt) throws Exception {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(0x1a6480));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(0xf2a03d));
        g.fillOval(200, 150, 240, 160);
        g.dispose();
        Path file = Files.createTempFile("reef", ".png");
        ImageIO.write(img, "png", file.toFile());
        var media = atoll.app().core.media.upload(author.id(), new MediaUpload(file, "reef.png", "image/png", Files.size(file)), null, alt,
                null, false);
        var posted = atoll.app().core.posting.post(author.id(),
                new NewStatus(text, null, null, Visibility.PUBLIC, null, "en", null, List.of(Long.toString(media.id())), null, null, null));
        return ((PostStatusService.Published) posted).status();
    }

    private void visitor() { browser.driver().manage().deleteAllCookies(); }

    private void accessibleAndFitsAPhone(String path, String screenshot) {
        browser.open(path);
        assertThat(browser.accessibilityViolations()).as("axe on " + path).isEmpty();
        browser.size(WebBrowser.PHONE);
        try {
            browser.open(path);
            assertThat(browser.scrollsSideways()).as(path + " on a phone").isFalse();
            if (screenshot != null) browser.screenshot(screenshot);
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    @Test
    void aVisitorReadsAProfileWithItsPostsTabsAndPhotoGrid() {
        visitor();
        browser.open("/@alice");
        assertThat(browser.find("h1#profile-name").getText()).isEqualTo("alice");
        assertThat(browser.find(".profile-handle").getText()).contains("@alice@" + atoll.domain());
        String feed = browser.find(".feed").getText();
        assertThat(feed).contains("Hello from the lagoon", "Low tide this morning").doesNotContain("Only for my followers");
        assertThat(browser.find("link[rel=alternate][type='application/rss+xml']").getAttribute("href")).endsWith("/@alice.rss");
        assertThat(browser.find("link[rel=alternate][type='application/activity+json']").getAttribute("href")).endsWith("/users/alice");
        assertThat(browser.find("meta[property='og:title']").getAttribute("content")).contains("alice");
        // a visitor is offered to follow from their own server
        assertThat(browser.all("form[action='/web/remote_follow']")).hasSize(1);
        browser.screenshot("profile");

        browser.find(".tabs a[href='/@alice/media']").click();
        var tile = browser.await(".photo-grid img", 10);
        assertThat(tile.getAttribute("alt")).isEqualTo("A coral reef at low tide, orange fish between the rocks");
        tile.click();
        browser.await("article.status.detailed", 10);
        assertThat(browser.path()).isEqualTo("/@alice/" + photo.id());

        accessibleAndFitsAPhone("/@alice", "profile-phone");
        accessibleAndFitsAPhone("/@alice/media", null);
    }

    @Test
    void aVisitorReadsAPhotoPostWithItsAltTextAndSize() {
        visitor();
        browser.open("/@alice/" + photo.id());
        var img = browser.find("article.status.detailed .media img");
        assertThat(img.getAttribute("alt")).isEqualTo("A coral reef at low tide, orange fish between the rocks");
        assertThat(img.getDomAttribute("width")).isEqualTo("640");
        assertThat(img.getDomAttribute("height")).isEqualTo("480");
        assertThat((Boolean) browser.js("return arguments[0].complete && arguments[0].naturalWidth > 0;", img)).isTrue();
        assertThat(browser.find("meta[property='og:image']").getAttribute("content")).isEqualTo(img.getAttribute("src"));
        assertThat(browser.find("link[rel=canonical]").getAttribute("href")).isEqualTo(atoll.baseUrl() + "/@alice/" + photo.id());
        assertThat(browser.find("article.status.detailed .content").getText()).contains("Low tide this morning");
        browser.screenshot("status-desktop");
        accessibleAndFitsAPhone("/@alice/" + photo.id(), "status-phone");
    }

    @Test
    void aContentWarningOpensOnClickAndRepliesShowBelow() {
        var cw = seed.post(alice, "The shark was small", "shark talk", Visibility.PUBLIC);
        var reply = atoll.app().core.posting.post(bob.id(),
                new NewStatus("@alice lucky you", null, null, Visibility.PUBLIC, cw.id(), "en", null, List.of(), null, null, null));
        visitor();
        browser.open("/@alice/" + cw.id());
        var details = browser.find("article.status.detailed details.cw");
        assertThat(details.getText()).contains("shark talk").doesNotContain("The shark was small");
        details.findElement(By.tagName("summary")).click();
        assertThat(details.getText()).contains("The shark was small");
        assertThat(browser.find(".thread.replies").getText()).contains("lucky you");
        assertThat(reply).isInstanceOf(PostStatusService.Published.class);
        assertThat(browser.accessibilityViolations()).isEmpty();

        // an edited post lists its versions
        atoll.app().core.statusEdits.edit(alice.id(), cw.id(),
                new social.atoll.core.status.StatusUpdate("The shark was tiny, actually", "shark talk", null, "en", null));
        browser.open("/@alice/" + cw.id());
        var history = browser.find("details.history");
        assertThat(history.getText()).contains("Edited: 2 versions");
        history.findElement(By.tagName("summary")).click();
        assertThat(history.getText()).contains("The shark was small", "The shark was tiny, actually");
        assertThat(browser.accessibilityViolations()).isEmpty();
    }

    @Test
    void aVisitorReadsATagPageExploreAndTheServerPages() {
        visitor();
        browser.open("/tags/reef");
        assertThat(browser.find("h1").getText()).isEqualTo("#reef");
        assertThat(browser.find(".feed").getText()).contains("Hello from the lagoon", "Low tide this morning");
        assertThat(browser.find("link[rel=alternate][type='application/rss+xml']").getAttribute("href")).endsWith("/tags/reef.rss");
        accessibleAndFitsAPhone("/tags/reef", null);

        browser.open("/explore");
        assertThat(browser.all(".feed article.status")).isNotEmpty();
        assertThat(browser.find(".trending").getText()).contains("#reef");
        accessibleAndFitsAPhone("/explore", "explore-phone");

        browser.open("/");
        assertThat(browser.find("h1").getText()).isEqualTo(atoll.domain());
        assertThat(browser.find("a[href='/auth/sign_in']").isDisplayed()).isTrue();
        accessibleAndFitsAPhone("/", "landing-phone");
        browser.open("/about");
        assertThat(browser.find("main").getText()).contains("Server rules", "Privacy policy", "Contact");
        accessibleAndFitsAPhone("/about", "about-phone");
    }

    @Test
    void aSignedInPersonFollowsAndUnfollowsFromTheProfile() {
        browser.signIn("bob");
        browser.open("/@alice");
        browser.find("#profile-actions button[data-action=follow]").click();
        browser.await("#profile-actions button[data-action=unfollow]", 10);
        assertThat(atoll.app().core.relationships.of(bob.id(), alice.id()).following()).isTrue();
        // bob now sees alice's followers-only post on her profile
        browser.open("/@alice");
        assertThat(browser.find(".feed").getText()).contains("Only for my followers");
        browser.find(".more-actions > summary").click();
        browser.screenshot("profile-signed-in");
        assertThat(browser.find(".more-actions").getAttribute("open")).isNotNull();
        assertThat(browser.find(".more-actions .menu textarea[name=comment]").isDisplayed()).isTrue();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find(".more-actions textarea[name=comment]").sendKeys("met at the reef cleanup");
        browser.find(".note-form button[type=submit]").click();
        browser.await(".personal-note", 10);
        assertThat(atoll.app().core.relationships.of(bob.id(), alice.id()).note()).isEqualTo("met at the reef cleanup");
        browser.find("#profile-actions button[data-action=unfollow]").click();
        browser.await("#profile-actions button[data-action=follow]", 10);
        assertThat(atoll.app().core.relationships.of(bob.id(), alice.id()).following()).isFalse();

        // without JavaScript's htmx: the plain form posts and comes back to the profile
        browser.js("document.querySelectorAll('#profile-actions form').forEach(f => { f.removeAttribute('hx-post'); });"
                + "htmx.remove = null;");
        browser.open("/@alice");
        browser.js("var f = document.querySelector(\"#profile-actions form[action$='/mute']\"); f.submit();");
        browser.await("#profile-actions", 10);
        assertThat(browser.path()).isEqualTo("/@alice");
        assertThat(atoll.app().core.relationships.of(bob.id(), alice.id()).muting()).isTrue();
    }

    @Test
    void aProfilePagesToOlderPosts() {
        Account busy = seed.user("busy");
        for (int i = 1; i <= 23; i++) seed.post(busy, "Post number " + i + " of the day");
        visitor();
        browser.open("/@busy");
        assertThat(browser.all(".feed article.status")).hasSize(20);
        assertThat(browser.find(".feed").getText()).contains("Post number 23 of").doesNotContain("Post number 3 of");
        browser.find(".pager a[rel=next]").click();
        browser.await(".feed article.status", 10);
        assertThat(browser.path()).startsWith("/@busy?max_id=");
        assertThat(browser.all(".feed article.status")).hasSize(3);
        assertThat(browser.find(".feed").getText()).contains("Post number 1 of", "Post number 3 of").doesNotContain("Post number 4 of");
        assertThat(browser.all(".pager a[rel=next]")).isEmpty();
    }

    @Test
    void browsersGetStyledErrorPages() {
        visitor();
        browser.open("/@nobody-here");
        assertThat(browser.find("h1").getText()).isEqualTo("Page not found");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.open("/@alice/999999999");
        assertThat(browser.find("h1").getText()).isEqualTo("Page not found");
    }
}

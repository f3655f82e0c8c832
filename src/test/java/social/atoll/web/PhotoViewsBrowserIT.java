package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.Interactive;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import social.atoll.core.account.Account;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The photo-first views in a real browser: collections made, filled and reordered in the web app (the up/down
 * buttons from the keyboard) and their public page; a post's album as a carousel (keys, buttons, the full-screen
 * viewer with alt text; a plain list without script); Discover's recent and popular photos. Each page checked with
 * axe-core and on a 390 px phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class PhotoViewsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;
    private Status reef;
    private Status lagoon;
    private Status album;
    private Status secret;

    @BeforeAll
    void start() throws Exception {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        reef = photoPost(alice, "The reef at low tide", Visibility.PUBLIC, "An orange fish between rocks", new Color(0xf2a03d));
        lagoon = photoPost(alice, "The lagoon", Visibility.PUBLIC, "A turquoise lagoon", new Color(0x2ab7ca));
        secret = photoPost(alice, "Only for followers", Visibility.PRIVATE, "A private beach", new Color(0x7a4f9a));
        album = photoPost(alice, "Three days on the atoll", Visibility.PUBLIC, null, new Color(0xd94f4f), new Color(0x4fd97a), new Color(0x4f6fd9));
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void aCollectionIsMadeFilledReorderedByKeyboardAndShownToVisitors() {
        browser.signIn("alice");
        browser.open("/@alice");
        browser.find("nav.tabs a[href='/@alice/collections']").click();
        browser.await("form.collection-form", 10);
        // an empty title is refused with the form kept
        browser.find("#collection-description").sendKeys("Ten days on the reef");
        browser.js("document.querySelector('#collection-title').removeAttribute('required')");
        browser.find("form.collection-form button[type=submit]").click();
        assertThat(browser.awaitText("p.error", 10)).contains("needs a title");
        assertThat(browser.find("#collection-description").getAttribute("value")).isEqualTo("Ten days on the reef");
        browser.find("#collection-title").sendKeys("Atoll trip");
        browser.find("form.collection-form button[type=submit]").click();
        browser.await("ol.collection-items, .panel p.muted", 10);
        assertThat(browser.path()).matches("/collections/\\d+/edit");
        long id = Long.parseLong(browser.path().split("/")[2]);

        // "Add to collection" from the post's page
        browser.open("/@alice/" + reef.id());
        browser.find("a[href='/collections/add?status=" + reef.id() + "']").click();
        browser.await("form[action='/web/collections/add'] button", 10).click();
        browser.await(".badge", 10);
        assertThat(browser.find("ul.rows").getText()).contains("Atoll trip").contains("Added");
        atoll.app().core.collections.add(alice.id(), id, lagoon.id());
        atoll.app().core.collections.add(alice.id(), id, secret.id());

        browser.open("/collections/" + id + "/edit");
        assertThat(order()).containsExactly(reef.id(), lagoon.id(), secret.id());
        assertThat(browser.accessibilityViolations()).as("axe on the editor").isEmpty();
        // the keyboard: Enter on "Move up" of the last post moves it in place, focus stays on the button
        WebElement up = browser.find("#item-" + secret.id() + " button[data-move=up]");
        up.sendKeys(Keys.ENTER);
        Await.until("the new order is saved", () -> atoll.app().core.collections.view(alice.id(), id).orElseThrow().items().stream()
                .map(Status::id).toList().equals(List.of(reef.id(), secret.id(), lagoon.id())));
        assertThat(order()).containsExactly(reef.id(), secret.id(), lagoon.id());
        assertThat(browser.js("return document.activeElement.closest('li').id")).isEqualTo("item-" + secret.id());
        assertThat(browser.find("[data-collection-order] + p[role=status]").getAttribute("textContent")).isEqualTo("Moved to place 2 of 3");
        // a pointer drag of the last post's handle over the second puts it back there, and the order is saved
        new Actions(browser.driver()).clickAndHold(browser.find("#item-" + lagoon.id() + " .drag-handle"))
                .moveToElement(browser.find("#item-" + secret.id())).pause(java.time.Duration.ofMillis(100)).moveByOffset(0, -3).release().perform();
        assertThat(order()).containsExactly(reef.id(), lagoon.id(), secret.id());
        Await.until("the dragged order is saved", () -> atoll.app().core.collections.view(alice.id(), id).orElseThrow().items().stream()
                .map(Status::id).toList().equals(List.of(reef.id(), lagoon.id(), secret.id())));
        fitsAPhone("/collections/" + id + "/edit", "collection-edit-phone");
        browser.screenshot("collection-edit-desktop");

        // a visitor sees the public collection without the followers-only post, in alice's order
        browser.driver().manage().deleteAllCookies();
        browser.open("/@alice/collections");
        browser.find(".collection-list a").click();
        browser.await(".collection-head h1", 10);
        assertThat(browser.find(".collection-head h1").getText()).isEqualTo("Atoll trip");
        assertThat(browser.find(".collection-description").getText()).isEqualTo("Ten days on the reef");
        List<String> links = browser.all(".collection-grid a").stream().map(a -> a.getAttribute("href")).toList();
        assertThat(links).containsExactly(atoll.baseUrl() + "/@alice/" + reef.id(), atoll.baseUrl() + "/@alice/" + lagoon.id());
        assertThat(browser.find(".collection-grid img").getAttribute("alt")).isEqualTo("An orange fish between rocks");
        assertThat(browser.accessibilityViolations()).as("axe on the collection").isEmpty();
        browser.screenshot("collection-desktop");
        fitsAPhone("/@alice/collections/" + id, "collection-phone");
        fitsAPhone("/@alice/collections", "collections-phone");
        // bob follows alice: he sees the followers-only post in it too
        seed.follow(bob, alice);
        browser.signIn("bob");
        browser.open("/@alice/collections/" + id);
        assertThat(browser.all(".collection-grid a")).hasSize(3);
    }

    @Test
    void anAlbumIsACarouselForTheKeyboardWithAFullScreenViewerAndAListWithoutScript() {
        // without script: every photo, one under the other
        String html = atoll.http().get("/@alice/" + album.id()).body();
        assertThat(html.split("class=\"album-slide\"", -1)).hasSize(4);
        browser.driver().manage().deleteAllCookies();
        browser.open("/@alice/" + album.id());
        WebElement count = browser.await(".album-count", 10);
        assertThat(count.getText()).isEqualTo("1 / 3");
        assertThat(visibleSlides()).containsExactly(1);
        WebElement next = browser.find(".album .album-next");
        next.sendKeys(Keys.ENTER);
        assertThat(count.getText()).isEqualTo("2 / 3");
        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(count.getText()).isEqualTo("3 / 3");
        assertThat(browser.find(".album .album-next").isEnabled()).isFalse();
        new Actions(browser.driver()).sendKeys(Keys.ARROW_LEFT).perform();
        assertThat(count.getText()).isEqualTo("2 / 3");
        assertThat(visibleSlides()).containsExactly(2);
        assertThat(browser.accessibilityViolations()).as("axe on the album").isEmpty();
        browser.screenshot("album-desktop");

        // the full-screen viewer: the photo with its alt text, the arrows, Escape back to where it was opened
        browser.find(".album .album-full").sendKeys(Keys.ENTER);
        WebElement viewer = browser.await("dialog.album-viewer[open]", 10);
        assertThat(viewer.findElement(By.tagName("figcaption")).getText()).isEqualTo("Photo 2 of the album");
        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(viewer.findElement(By.tagName("figcaption")).getText()).isEqualTo("Photo 3 of the album");
        assertThat(viewer.findElement(By.cssSelector(".album-count")).getText()).isEqualTo("3 / 3");
        assertThat(browser.accessibilityViolations()).as("axe on the viewer").isEmpty();
        browser.screenshot("album-viewer");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        Await.until("the viewer closes", () -> browser.all("dialog.album-viewer[open]").isEmpty());
        assertThat(browser.js("return document.activeElement.classList.contains('album-full')")).isEqualTo(true);
        assertThat(count.getText()).isEqualTo("3 / 3");
        fitsAPhone("/@alice/" + album.id(), "album-phone");
    }

    @Test
    void theProfileGridIsOneSquarePerPostWithAlbumAndVideoBadgesAndBlurhashes() throws Exception {
        // carol's posts are unlisted: on her profile, not in Discover (which the other scenarios count)
        Account carol = seed.user("carol");
        Status single = photoPost(carol, "One photo", Visibility.UNLISTED, "A single shell", new Color(0xe0c090));
        Status pair = photoPost(carol, "Two photos", Visibility.UNLISTED, null, new Color(0x3060c0), new Color(0xc03060));
        Status clip = null;
        if (atoll.app().core.media.videoSupported()) {
            Path mp4 = Files.createTempFile("clip", ".mp4");
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=duration=1:size=160x120:rate=10", "-pix_fmt", "yuv420p", mp4.toString()).inheritIO().start();
            assertThat(p.waitFor()).isZero();
            var media = atoll.app().core.media.upload(carol.id(), new MediaUpload(mp4, "clip.mp4", "video/mp4", Files.size(mp4)), null,
                    "A test pattern", null, false);
            Files.deleteIfExists(mp4);
            clip = ((PostStatusService.Published) atoll.app().core.posting.post(carol.id(), new NewStatus("A clip", null, null,
                    Visibility.UNLISTED, null, "en", null, List.of(Long.toString(media.id())), null, null, null))).status();
        }
        browser.driver().manage().deleteAllCookies();
        browser.open("/@carol/media");
        browser.await(".photo-grid img", 10);
        List<WebElement> tiles = browser.all(".photo-grid > li");
        List<String> links = tiles.stream().map(li -> li.findElement(By.tagName("a")).getAttribute("href")).toList();
        // one square per post, newest first: the album of two is one tile
        List<String> expected = new ArrayList<>();
        if (clip != null) expected.add(atoll.baseUrl() + "/@carol/" + clip.id());
        expected.add(atoll.baseUrl() + "/@carol/" + pair.id());
        expected.add(atoll.baseUrl() + "/@carol/" + single.id());
        assertThat(links).containsExactlyElementsOf(expected);
        WebElement pairTile = tiles.get(expected.indexOf(atoll.baseUrl() + "/@carol/" + pair.id()));
        assertThat(pairTile.findElement(By.cssSelector(".tile-video .visually-hidden")).getAttribute("textContent")).isEqualTo("Album");
        assertThat(pairTile.findElements(By.cssSelector("use[href$='#image']"))).hasSize(1);
        WebElement singleTile = tiles.get(expected.indexOf(atoll.baseUrl() + "/@carol/" + single.id()));
        assertThat(singleTile.findElements(By.cssSelector(".tile-video"))).isEmpty();
        if (clip != null) assertThat(tiles.get(0).findElements(By.cssSelector("use[href$='#play']"))).hasSize(1);
        for (WebElement li : tiles) {
            WebElement img = li.findElement(By.tagName("img"));
            assertThat(img.getAttribute("data-blurhash")).hasSize(36);
            // square thumbnails
            assertThat(Math.abs(img.getRect().getWidth() - img.getRect().getHeight())).isLessThanOrEqualTo(1);
        }
        assertThat(singleTile.findElement(By.tagName("img")).getAttribute("alt")).isEqualTo("A single shell");
        assertThat(browser.accessibilityViolations()).as("axe on the profile grid").isEmpty();
        browser.screenshot("profile-grid-desktop");
        fitsAPhone("/@carol/media", "profile-grid-phone");
    }

    @Test
    void anAlbumIsSwipedWithoutOpeningTheViewer() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/@alice/" + album.id());
        WebElement count = browser.await(".album-count", 10);
        assertThat(count.getText()).isEqualTo("1 / 3");
        WebElement track = browser.find(".album .album-track");
        // a finger's swipe to the left is the next photo; it ends over the photo's link, which must not open the viewer
        var box = track.getRect();
        int x = box.getX() + box.getWidth() / 2, y = box.getY() + box.getHeight() / 2;
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence swipe = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), x, y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerMove(Duration.ofMillis(150), PointerInput.Origin.viewport(), x - 60, y))
                .addAction(finger.createPointerMove(Duration.ofMillis(150), PointerInput.Origin.viewport(), x - 120, y))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((Interactive) browser.driver()).perform(List.of(swipe));
        browser.waitUntil(5, d -> count.getText().equals("2 / 3"));
        assertThat(visibleSlides()).containsExactly(2);
        assertThat(browser.all("dialog.album-viewer[open]")).isEmpty();
        // a mouse drag to the right is the previous one (the photo is not dragged away as an image)
        new Actions(browser.driver()).moveToElement(track).clickAndHold().moveByOffset(60, 0).moveByOffset(60, 0).release().perform();
        browser.waitUntil(5, d -> count.getText().equals("1 / 3"));
        // a short drag is no swipe (a click still opens the viewer)
        new Actions(browser.driver()).moveToElement(track).clickAndHold().moveByOffset(-20, 0).release().perform();
        browser.await("dialog.album-viewer[open]", 5);
        assertThat(count.getText()).isEqualTo("1 / 3");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        Await.until("the viewer closes", () -> browser.all("dialog.album-viewer[open]").isEmpty());
        assertThat(browser.path()).isEqualTo("/@alice/" + album.id());
    }

    @Test
    void discoverShowsRecentAndPopularPublicPhotos() {
        atoll.app().core.favourites.favourite(bob.id(), lagoon.id());
        browser.driver().manage().deleteAllCookies();
        browser.open("/");
        browser.open("/discover");
        browser.await(".discover-grid", 10);
        List<String> recent = browser.all(".discover-grid a").stream().map(a -> a.getAttribute("href")).toList();
        // newest first, the followers-only photo left out
        assertThat(recent).containsExactly(link(album), link(lagoon), link(reef));
        assertThat(browser.accessibilityViolations()).as("axe on Discover").isEmpty();
        browser.screenshot("discover-desktop");
        browser.find("nav.tabs a[href='/discover?tab=popular']").click();
        browser.await("nav.tabs a[aria-current=page][href='/discover?tab=popular']", 10);
        assertThat(browser.all(".discover-grid a").stream().map(a -> a.getAttribute("href")).toList()).containsExactly(link(lagoon));
        fitsAPhone("/discover", "discover-phone");
    }

    @Test
    void theBlurhashPlaceholderHasThePhotosColours() {
        String hash = atoll.http().get("/api/v1/statuses/" + lagoon.id()).json().get("media_attachments").get(0).get("blurhash").asText();
        browser.open("/discover");
        // the placeholder module decodes Mastodon's blurhash; its mean colour is the photo's (teal, with a white oval)
        @SuppressWarnings("unchecked")
        List<Number> mean = (List<Number>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/assets/blurhash.js').then((m) => {
                  const px = m.decode(arguments[0], 32, 32);
                  const sum = [0, 0, 0];
                  for (let i = 0; i < px.length; i += 4) { sum[0] += px[i]; sum[1] += px[i + 1]; sum[2] += px[i + 2]; }
                  done(sum.map((v) => v / (32 * 32)));
                }).catch((e) => done([String(e)]));
                """, hash);
        assertThat(mean).hasSize(3);
        assertThat(mean.get(0).doubleValue()).isCloseTo(59, org.assertj.core.data.Offset.offset(25.0));
        assertThat(mean.get(1).doubleValue()).isCloseTo(189, org.assertj.core.data.Offset.offset(25.0));
        assertThat(mean.get(2).doubleValue()).isCloseTo(206, org.assertj.core.data.Offset.offset(25.0));
    }

    private String link(Status s) { return atoll.baseUrl() + "/@alice/" + s.id(); }

    private List<Long> order() {
        return browser.all(".collection-items > li").stream().map(li -> Long.parseLong(li.getAttribute("data-status"))).toList();
    }

    private List<Integer> visibleSlides() {
        List<Integer> out = new ArrayList<>();
        var slides = browser.all(".album .album-slide");
        for (int i = 0; i < slides.size(); i++) if (slides.get(i).isDisplayed()) out.add(i + 1);
        return out;
    }

    private void fitsAPhone(String path, String screenshot) {
        browser.size(WebBrowser.PHONE);
        try {
            browser.open(path);
            assertThat(browser.scrollsSideways()).as(path + " on a phone").isFalse();
            assertThat(browser.accessibilityViolations()).as("axe on " + path + " on a phone").isEmpty();
            browser.screenshot(screenshot);
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    /** A post with real pictures, uploaded and processed through the media service; alt null: "Photo N of the album". */
    private Status photoPost(Account author, String text, Visibility visibility, String alt, Color... colors) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < colors.length; i++) {
            BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(colors[i]);
            g.fillRect(0, 0, 640, 480);
            g.setColor(Color.WHITE);
            g.fillOval(220, 160, 200, 160);
            g.dispose();
            Path file = Files.createTempFile("photo", ".png");
            ImageIO.write(img, "png", file.toFile());
            var media = atoll.app().core.media.upload(author.id(), new MediaUpload(file, "photo.png", "image/png", Files.size(file)), null,
                    alt != null ? alt : "Photo " + (i + 1) + " of the album", null, false);
            ids.add(Long.toString(media.id()));
            Files.deleteIfExists(file);
        }
        var posted = atoll.app().core.posting.post(author.id(), new NewStatus(text, null, null, visibility, null, "en", null, ids, null, null, null));
        return ((PostStatusService.Published) posted).status();
    }
}

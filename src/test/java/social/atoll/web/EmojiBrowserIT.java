package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.status.Status;
import social.atoll.testing.EmojiImages;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Custom emoji and reactions in a real browser: an admin uploads and hides an emoji on {@code /admin/custom_emojis};
 * a reader sees a post's emoji inline, reacts from the picker page (a plain form), sees the count and takes it back
 * with the reaction's button; the pages pass axe and fit a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class EmojiBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        atoll.app().core.accountService.createLocal(new NewLocalAccount("boss", "boss@example.test", "password-boss", User.Role.ADMIN, true, true,
                "en", null, null), true);
        alice = seed.user("alice");
        seed.user("bob");
        atoll.app().core.customEmojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "blobcat", EmojiImages.png(Color.ORANGE), "Blobs");
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void readerReactsFromThePickerAndTakesItBack() {
        Status post = seed.post(alice, "A reef at dawn :blobcat:");
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("bob");
        browser.open("/@alice/" + post.id());
        var inline = browser.await("article.status .content img.emoji", 10);
        assertThat(inline.getAttribute("alt")).isEqualTo(":blobcat:");
        browser.find("article.status a.add-reaction").click();
        browser.await(".reaction-picker button.pick", 10);
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("emoji-picker-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("emoji-picker-phone");
        browser.size(WebBrowser.DESKTOP);

        browser.find(".reaction-picker form input[name=emoji][value='🎉'] ~ button").click();
        var on = browser.await("article.status .status-reactions button.reaction.on", 10);
        assertThat(browser.path()).isEqualTo("/@alice/" + post.id());
        assertThat(on.getText()).contains("🎉").contains("1");
        assertThat(on.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(atoll.app().core.reactions.summaries(java.util.List.of(post.id()), null).get(post.id())).hasSize(1);

        // the custom emoji from the picker
        browser.find("article.status a.add-reaction").click();
        browser.await(".reaction-picker button.pick img.emoji", 10).click();
        browser.await("article.status .status-reactions button.reaction img.emoji", 10);
        assertThat(browser.all("article.status .status-reactions button.reaction.on")).hasSize(2);
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("emoji-reactions-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("emoji-reactions-phone");
        browser.size(WebBrowser.DESKTOP);

        // htmx swaps the post in place when the reaction is taken back
        browser.find("article.status .status-reactions button.reaction.on .reaction-emoji").click();
        browser.waitUntil(10, d -> browser.all("article.status .status-reactions button.reaction.on").size() == 1);
        assertThat(atoll.app().core.reactions.summaries(java.util.List.of(post.id()), null).get(post.id())).hasSize(1);
    }

    /** Custom emoji in a name and a bio show as images: the profile's heading and bio, and the name on a post card. */
    @Test
    void emojiInANameAndABioShowAsImages() {
        Account carol = seed.user("carol");
        atoll.app().core.profiles.update(carol.id(), new social.atoll.core.account.ProfileUpdate("Carol :blobcat:",
                "Diving with :blobcat: every day", null, null, null, null, null,
                java.util.List.of(new social.atoll.core.account.ProfileUpdate.FieldInput("Mascot", ":blobcat:")), null, null, null));
        Status post = seed.post(carol, "Back from the reef");
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("bob");
        browser.open("/@carol");
        var inName = browser.await("h1#profile-name img.emoji", 10);
        assertThat(inName.getAttribute("alt")).isEqualTo(":blobcat:");
        assertThat(inName.getAttribute("src")).contains("/system/custom_emojis/");
        assertThat(browser.find("h1#profile-name").getText()).contains("Carol");
        assertThat(browser.all(".profile-about .bio img.emoji")).hasSize(1);
        assertThat(browser.all(".profile-about .fields img.emoji")).hasSize(1);
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("emoji-profile-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        browser.screenshot("emoji-profile-phone");
        browser.size(WebBrowser.DESKTOP);

        browser.open("/@carol/" + post.id());
        browser.waitUntil(10, d -> browser.path().equals("/@carol/" + post.id()));
        var onCard = browser.await("article.status .who .name img.emoji", 10);
        assertThat(onCard.getAttribute("alt")).isEqualTo(":blobcat:");
        assertThat(browser.accessibilityViolations()).isEmpty();
    }

    /**
     * Waits for the page a form led to, by its notice (the page before may show another, which can go with its page
     * between being found and being read: then it looks again).
     */
    private void awaitNotice(String text) {
        browser.waitUntil(10, d -> browser.all("p.notice").stream().anyMatch(e -> e.getText().equals(text)));
    }

    @Test
    void adminUploadsHidesAndDeletesAnEmoji() throws Exception {
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("boss");
        browser.open("/admin/custom_emojis");
        browser.await("#emoji-shortcode", 10);
        Path png = Files.createTempFile("wave", ".png");
        Files.write(png, EmojiImages.png(Color.CYAN));
        browser.find("#emoji-shortcode").sendKeys("wave");
        browser.find("#emoji-image").sendKeys(png.toString());
        browser.find("#emoji-category").sendKeys("Hands");
        browser.find("form[enctype='multipart/form-data'] button[type=submit]").click();
        browser.await("#emoji-wave img.emoji-large", 10);
        assertThat(browser.find("p.notice").getText()).isEqualTo("Emoji added.");
        assertThat(atoll.http().get("/api/v1/custom_emojis").body()).contains("\"shortcode\":\"wave\"").contains("\"category\":\"Hands\"");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("admin-emoji-desktop");
        browser.size(WebBrowser.PHONE);
        assertThat(browser.scrollsSideways()).isFalse();
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("admin-emoji-phone");
        browser.size(WebBrowser.DESKTOP);

        // hidden from pickers: out of /api/v1/custom_emojis, still listed here
        browser.find("#emoji-wave input[name=visible_in_picker]").click();
        browser.find("#emoji-wave form.emoji-admin-form button[type=submit]").click();
        awaitNotice("Emoji saved.");
        assertThat(atoll.http().get("/api/v1/custom_emojis").body()).doesNotContain("\"wave\"");
        assertThat(browser.find("#emoji-wave input[name=visible_in_picker]").isSelected()).isFalse();

        // a refused upload keeps the values and says why
        Path svg = Files.createTempFile("vector", ".png");
        Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        browser.find("#emoji-shortcode").sendKeys("vector");
        browser.find("#emoji-image").sendKeys(svg.toString());
        browser.find("form[enctype='multipart/form-data'] button[type=submit]").click();
        assertThat(browser.awaitText("#form-error", 10)).contains("PNG, GIF or WebP");
        assertThat(browser.find("#emoji-shortcode").getAttribute("value")).isEqualTo("vector");

        browser.find("#emoji-wave button.danger").click();
        awaitNotice("Emoji deleted.");
        assertThat(browser.all("#emoji-wave")).isEmpty();

        // a plain user may not open the page
        browser.signIn("bob");
        browser.open("/admin/custom_emojis");
        assertThat(browser.all("#emoji-shortcode")).isEmpty();
    }
}

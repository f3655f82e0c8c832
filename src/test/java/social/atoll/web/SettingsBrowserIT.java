package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import social.atoll.core.account.Account;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.Scopes;
import social.atoll.core.auth.WebSessions;
import social.atoll.core.status.Visibility;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The settings area in a real browser: editing the profile (text, a field, an avatar) as the API then reports it,
 * preferences that change pages (theme, content warnings) and the API's preferences, revoking an app, ending
 * another browser's session, CSRF refusals, and each page's accessibility on a desktop and a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class SettingsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private String carolToken;
    private Account carol;
    private Account dave;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        carolToken = atoll.createUser("carol");
        carol = atoll.app().core.accountQueries.visibleByAcct("carol", null).orElseThrow();
        dave = seed.user("dave");
        seed.follow(carol, dave);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void profileEditsShowOnThePageAndInTheApi() throws IOException {
        browser.signIn("carol");
        browser.open("/settings/profile");
        setText("#display_name", "Carol of the Atoll");
        setText("#note", "Diver, #reef watcher");
        setText("#field_name_0", "Pronouns");
        setText("#field_value_0", "she/her");
        browser.find("#avatar").sendKeys(png(64, 64, new Color(30, 120, 160)).toString());
        browser.find("#header").sendKeys(png(300, 100, new Color(40, 150, 130)).toString());
        // the chosen images show before saving
        Await.until("the avatar preview", () -> browser.find("img.profile-avatar").getAttribute("src").startsWith("blob:"));
        Await.until("the header preview", () -> browser.find("img.profile-header").getAttribute("src").startsWith("blob:"));
        browser.find("form.settings-form button[type=submit]").click();

        awaitNotice("Your profile is saved.");
        assertThat(browser.path()).isEqualTo("/settings/profile?notice=profile_saved");
        assertThat(browser.find("#display_name").getAttribute("value")).isEqualTo("Carol of the Atoll");
        assertThat(browser.find("#note").getAttribute("value")).isEqualTo("Diver, #reef watcher");
        assertThat(browser.find("#field_value_0").getAttribute("value")).isEqualTo("she/her");
        String avatar = browser.find("img.profile-avatar").getAttribute("src");
        String header = browser.find("img.profile-header").getAttribute("src");
        assertThat(avatar).doesNotContain("missing");
        browser.screenshot("settings-profile");

        var me = atoll.http().get("/api/v1/accounts/verify_credentials", carolToken).json();
        assertThat(me.get("display_name").asText()).isEqualTo("Carol of the Atoll");
        assertThat(me.get("source").get("note").asText()).isEqualTo("Diver, #reef watcher");
        assertThat(me.get("note").asText()).contains("reef");
        assertThat(me.get("fields").get(0).get("name").asText()).isEqualTo("Pronouns");
        assertThat(me.get("fields").get(0).get("value").asText()).isEqualTo("she/her");
        assertThat(me.get("avatar").asText()).isEqualTo(avatar);
        assertThat(me.get("header").asText()).isEqualTo(header).doesNotContain("missing");
        // the avatar is a real 400×400 image now
        assertThat(atoll.http().get(me.get("avatar").asText().replace(atoll.baseUrl(), "")).status()).isEqualTo(200);
    }

    @Test
    void aRefusedProfileChangeKeepsWhatWasTypedAndSaysWhy() {
        browser.signIn("carol");
        browser.open("/settings/profile");
        String before = browser.find("#display_name").getAttribute("value");
        setText("#display_name", "A display name that is far too long for anyone");
        setText("#field_value_1", "kept while refused");
        browser.find("form.settings-form button[type=submit]").click();
        assertThat(browser.awaitText("p.error", 15)).contains("Display name is too long (maximum is 30 characters)");
        assertThat(browser.find("#display_name").getAttribute("value")).isEqualTo("A display name that is far too long for anyone");
        assertThat(browser.find("#field_value_1").getAttribute("value")).isEqualTo("kept while refused");
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", carolToken).json().get("display_name").asText()).isEqualTo(before);
    }

    @Test
    void refusedChangesAnswer422AndFormsWithoutTheTokenAre403() {
        var secret = session("carol", "198.51.100.7", "curl/8.0");
        String csrf = csrfOf(page("/settings/preferences", secret).body());
        var refused = post("/settings/preferences", secret, Map.of("csrf", csrf, "visibility", "direct", "theme", "dark"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Privacy is not included in the list").contains("value=\"dark\" checked");
        assertThat(post("/settings/preferences", secret, Map.of("visibility", "public", "theme", "dark")).status()).isEqualTo(403);
        assertThat(post("/settings/applications/1/revoke", secret, Map.of("csrf", "forged")).status()).isEqualTo(403);
        assertThat(post("/settings/sessions/end_others", secret, Map.of()).status()).isEqualTo(403);
        assertThat(atoll.http().get("/settings/profile").status()).isEqualTo(302);
    }

    @Test
    void preferencesSetTheThemeOpenContentWarningsAndReachTheApi() {
        seed.post(dave, "Under the surface", "deep water", Visibility.PUBLIC);
        browser.signIn("carol");
        browser.open("/settings/preferences");
        new Select(browser.find("#visibility")).selectByValue("unlisted");
        new Select(browser.find("#language")).selectByValue("de");
        check("input[name=sensitive]", true);
        check("input[name=expand_spoilers]", true);
        browser.find("input[name=theme][value=dark]").click();
        browser.find("form.settings-form button[type=submit]").click();
        awaitNotice("Your preferences are saved.");
        assertThat(browser.find("html").getAttribute("data-theme")).isEqualTo("dark");
        browser.screenshot("settings-preferences-dark");

        var prefs = atoll.http().get("/api/v1/preferences", carolToken).json();
        assertThat(prefs.get("posting:default:visibility").asText()).isEqualTo("unlisted");
        assertThat(prefs.get("posting:default:sensitive").asBoolean()).isTrue();
        assertThat(prefs.get("posting:default:language").asText()).isEqualTo("de");
        assertThat(prefs.get("reading:expand:spoilers").asBoolean()).isTrue();
        assertThat(prefs.get("reading:autoplay:gifs").asBoolean()).isFalse();
        assertThat(atoll.app().core.preferences.of(carol.id()).orElseThrow().defaultVisibility()).isEqualTo("unlisted");

        browser.open("/home");
        var cw = browser.find("details.cw");
        assertThat(cw.getAttribute("open")).isNotNull();
        assertThat(cw.getText()).contains("Under the surface");

        // and back: the system's theme, warnings folded
        browser.open("/settings/preferences");
        check("input[name=expand_spoilers]", false);
        browser.find("input[name=theme][value=auto]").click();
        browser.find("form.settings-form button[type=submit]").click();
        // the page before said the same; the new one comes with the theme
        Await.until("the page in the system's theme", () -> {
            try {
                return "auto".equals(browser.find("html").getAttribute("data-theme"));
            } catch (org.openqa.selenium.WebDriverException e) { // stale, or Chrome's "node does not belong to the document" mid-navigation
                return false;
            }
        });
        assertThat(browser.find("p.notice").getText()).isEqualTo("Your preferences are saved.");
        browser.open("/home");
        assertThat(browser.find("details.cw").getAttribute("open")).isNull();
    }

    @Test
    void gifsPlayByThemselvesOnlyForThoseWhoChoseIt() throws Exception {
        var ffmpeg = social.atoll.core.media.Ffmpeg.find(atoll.app().infra.jsonColumns).orElseThrow(
                () -> new AssertionError("ffmpeg must be installed for the media tests (.ci/run installs it)"));
        Path clip = Files.createTempDirectory("atoll-gifv").resolve("loop.mp4");
        ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10", "-c:v", "mpeg4", clip.toString());
        var media = atoll.app().core.media.upload(dave.id(), new social.atoll.core.media.MediaUpload(clip, "loop.mp4", "video/mp4",
                Files.size(clip)), null, "a test pattern, looping", null, false);
        atoll.app().core.posting.post(dave.id(), new social.atoll.core.status.NewStatus("A silent loop", null, null,
                Visibility.PUBLIC, null, "en", null, List.of(String.valueOf(media.id())), null, null, null));
        assertThat(media.type()).isEqualTo("gifv");
        browser.signIn("carol");
        browser.open("/home");
        var video = browser.find("video[data-gifv]");
        assertThat(video.getAttribute("autoplay")).isNull();
        assertThat(video.getAttribute("loop")).isNotNull();

        browser.open("/settings/preferences");
        check("input[name=autoplay_gifs]", true);
        browser.find("form.settings-form button[type=submit]").click();
        awaitNotice("Your preferences are saved.");
        assertThat(atoll.http().get("/api/v1/preferences", carolToken).json().get("reading:autoplay:gifs").asBoolean()).isTrue();
        browser.open("/home");
        assertThat(browser.all("video[data-gifv]")).isEmpty();
        assertThat(browser.find("video.media-item").getAttribute("autoplay")).isNotNull();

        browser.open("/settings/preferences");
        check("input[name=autoplay_gifs]", false);
        browser.find("form.settings-form button[type=submit]").click();
        Await.until("the preference saved", () -> !atoll.app().core.preferences.of(carol.id()).orElseThrow().autoplayGifs());
    }

    @Test
    void revokingAnAppSignsItOut() {
        var app = atoll.app().core.oauth.register("Reef Reader", List.of(OAuthService.OOB), Scopes.parse("read write"),
                "https://reef-reader.example");
        String token = atoll.app().core.tokens.issue(app.id(), carol.id(), Scopes.parse("read")).token();
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);

        browser.signIn("carol");
        browser.open("/settings/applications");
        var item = browser.all(".settings-item").stream().filter(e -> e.getText().contains("Reef Reader")).findFirst().orElseThrow();
        assertThat(item.getText()).contains("https://reef-reader.example").contains("read").doesNotContain("never");
        item.findElement(By.cssSelector("button[type=submit]")).click();
        awaitNotice("The app is signed out of your account.");
        assertThat(browser.find(".settings-body").getText()).doesNotContain("Reef Reader");

        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(401);
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", carolToken).status()).isEqualTo(200);
    }

    @Test
    void endingAnotherSessionSignsThatBrowserOut() {
        browser.signIn("carol");
        String phone = session("carol", "203.0.113.9", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36");
        String laptop = session("carol", "203.0.113.10", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        assertThat(page("/settings/sessions", phone).status()).isEqualTo(200);

        browser.open("/settings/sessions");
        assertThat(browser.find(".current-session").getText()).contains("This browser").contains("Chrome on Linux");
        // the phone was last seen from where TestHttp runs, the laptop never since it signed in
        var phoneRow = browser.all(".settings-item").stream().filter(e -> e.getText().contains("Chrome on Android")).findFirst().orElseThrow();
        assertThat(phoneRow.getText()).doesNotContain("203.0.113.9");
        assertThat(browser.find(".settings-body").getText()).contains("Firefox on Linux").contains("203.0.113.10");
        phoneRow.findElement(By.cssSelector("button[type=submit]")).click();
        awaitNotice("That browser is signed out.");
        assertThat(page("/settings/sessions", phone).status()).isEqualTo(302);
        assertThat(page("/settings/sessions", laptop).status()).isEqualTo(200);

        browser.find("form[action='/settings/sessions/end_others'] button").click();
        awaitNotice("Every other browser is signed out.");
        assertThat(page("/settings/sessions", laptop).status()).isEqualTo(302);
        assertThat(browser.all(".settings-item")).hasSize(1);
        assertThat(page("/home", null).status()).isEqualTo(302);
        browser.open("/home");
        assertThat(browser.path()).isEqualTo("/home");
    }

    @Test
    void everySettingsPageIsAccessibleAndFitsAPhone() {
        atoll.app().core.tokens.issue(atoll.app().core.oauth.register("Tide Tables", List.of(OAuthService.OOB),
                Scopes.parse("read"), "https://tides.example").id(), carol.id(), Scopes.parse("read"));
        browser.signIn("carol");
        session("carol", "192.0.2.44", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1");
        for (String path : List.of("/settings/profile", "/settings/preferences", "/settings/applications", "/settings/sessions")) {
            browser.size(WebBrowser.DESKTOP);
            browser.open(path);
            assertThat(browser.find(".settings-nav a[aria-current=page]").getAttribute("href")).endsWith(path);
            assertThat(browser.accessibilityViolations()).as(path).isEmpty();
            String name = "settings-" + path.substring("/settings/".length());
            browser.screenshot(name + "-desktop");
            browser.size(WebBrowser.PHONE);
            try {
                browser.open(path);
                assertThat(browser.scrollsSideways()).as(path).isFalse();
                assertThat(browser.accessibilityViolations()).as(path + " on a phone").isEmpty();
                browser.screenshot(name + "-phone");
            } finally {
                browser.size(WebBrowser.DESKTOP);
            }
        }
        // the settings navigation lists only pages that exist
        browser.open("/settings/profile");
        for (var link : browser.all(".settings-nav a"))
            assertThat(atoll.http().send("GET", link.getAttribute("href"), null, null, null,
                    Map.of("Cookie", BrowserSessions.SESSION_COOKIE + "=" + browser.driver().manage().getCookieNamed(BrowserSessions.SESSION_COOKIE).getValue()))
                    .status()).as(link.getAttribute("href")).isEqualTo(200);
    }

    // ---- helpers ----

    /** Waits for the page after a form to show this notice (an earlier page may show another one). */
    private void awaitNotice(String text) {
        Await.until("the notice \"" + text + "\"", () -> {
            try {
                return browser.all("p.notice").stream().anyMatch(e -> e.getText().equals(text));
            } catch (org.openqa.selenium.WebDriverException e) { // stale, or Chrome's "node does not belong to the document" mid-navigation
                return false;
            }
        });
    }

    private void setText(String css, String text) {
        var e = browser.find(css);
        e.clear();
        e.sendKeys(text);
    }

    private void check(String css, boolean on) {
        var e = browser.find(css);
        if (e.isSelected() != on) e.click();
    }

    /** A signed-in session of another browser, made as sign-in makes it; answers its cookie secret. */
    private String session(String username, String ip, String userAgent) {
        var account = atoll.app().core.accountQueries.visibleByAcct(username, null).orElseThrow();
        var user = atoll.app().core.accountQueries.user(account.id()).orElseThrow();
        return atoll.app().core.browserSignIn.start(new WebSessions.Person(user, account), null, ip, userAgent).secret();
    }

    private TestHttp.Response page(String path, String secret) {
        return atoll.http().send("GET", path, null, null, null,
                secret == null ? Map.of() : Map.of("Cookie", BrowserSessions.SESSION_COOKIE + "=" + secret));
    }

    private TestHttp.Response post(String path, String secret, Map<String, String> form) {
        return atoll.http().send("POST", path, null, TestHttp.form(form), "application/x-www-form-urlencoded",
                Map.of("Cookie", BrowserSessions.SESSION_COOKIE + "=" + secret));
    }

    private static String csrfOf(String html) {
        var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Path png(int w, int h, Color color) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        Path file = Files.createTempFile("avatar-", ".png");
        ImageIO.write(img, "png", file.toFile());
        file.toFile().deleteOnExit();
        return file;
    }
}

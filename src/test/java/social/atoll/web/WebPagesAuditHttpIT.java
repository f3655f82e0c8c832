package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * What issue 10 asks of the pages that no other test looked at, over plain HTTP: the {@code <head>}'s icon,
 * manifest, card and ActivityPub links and {@code rel="me"} on profile links; photos in the RSS feeds as
 * enclosures; the session cookie's flags over http and under an https address; a deleted account's 410 page; the
 * local and federated timelines for visitors; and search resolving a handle and a post URL of another server.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class WebPagesAuditHttpIT {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    private FakeFediServer remote;
    private TestInstance atoll;
    private WebSeed seed;
    private Account alice;
    private Status photo;

    @BeforeAll
    void start() throws Exception {
        remote = FakeFediServer.start();
        atoll = Fed.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        Path file = TestImages.pngFile("reef.png", 640, 480);
        var media = atoll.app().core.media.upload(alice.id(), new MediaUpload(file, "reef.png", "image/png", Files.size(file)), null,
                "Orange fish between the rocks", null, false);
        photo = ((PostStatusService.Published) atoll.app().core.posting.post(alice.id(), new NewStatus("Low tide #reef", null, null,
                Visibility.PUBLIC, null, "en", null, List.of(Long.toString(media.id())), null, null, null))).status();
        seed.post(alice, "Only for my followers", null, Visibility.PRIVATE);
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
        if (remote != null) remote.close();
    }

    private TestHttp.Response page(String path) { return atoll.http().send("GET", path, null, null, null, BROWSER); }

    @Test
    void headsNameTheIconManifestCardAndActorAndProfileLinksSayRelMe() {
        String token = atoll.token(alice.id(), "read write");
        var updated = atoll.http().patchJson("/api/v1/accounts/update_credentials", token,
                Map.of("fields_attributes", List.of(Map.of("name", "Site", "value", "https://example.com/alice"))));
        assertThat(updated.status()).isEqualTo(200);

        String profile = page("/@alice").body();
        String icon = attr(profile, "<link rel=\"icon\" href=\"([^\"]+)\" type=\"image/svg\\+xml\">");
        String manifest = attr(profile, "<link rel=\"manifest\" href=\"([^\"]+)\">");
        assertThat(profile).contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", "<meta property=\"og:title\"",
                "<meta property=\"og:image\"");
        assertThat(profile).contains("<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + atoll.baseUrl() + "/users/alice\">",
                "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + atoll.baseUrl() + "/@alice.rss\">");
        // the field's link lets the linked page verify the profile (Mastodon's rel="me")
        assertThat(profile).containsPattern("<a href=\"https://example.com/alice\"[^>]*rel=\"me[ \"]");

        var iconFile = atoll.http().get(icon);
        assertThat(iconFile.status()).isEqualTo(200);
        assertThat(iconFile.header("Content-Type")).startsWith("image/svg+xml");
        var manifestFile = atoll.http().get(manifest);
        assertThat(manifestFile.status()).isEqualTo(200);
        assertThat(manifestFile.header("Content-Type")).contains("manifest+json");
        assertThat(manifestFile.json().get("start_url").asText()).isEqualTo("/home");
        // the manifest's own icon path is served too
        String manifestIcon = manifestFile.json().at("/icons/0/src").asText();
        assertThat(atoll.http().get(manifestIcon).status()).isEqualTo(200);

        String status = page("/@alice/" + photo.id()).body();
        assertThat(status).contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", "<meta property=\"og:image\"");
        assertThat(status).contains("<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + photo.uri() + "\">");
    }

    @Test
    void feedsCarryPhotosAsEnclosuresWithTheirAltText() {
        for (String feed : List.of("/@alice.rss", "/tags/reef.rss")) {
            var rss = atoll.http().get(feed);
            assertThat(rss.status()).as(feed).isEqualTo(200);
            Matcher m = Pattern.compile("<enclosure url=\"([^\"]+)\" length=\"(\\d+)\" type=\"image/png\"/>").matcher(rss.body());
            assertThat(m.find()).as(feed + ": " + rss.body()).isTrue();
            assertThat(m.group(1)).startsWith(atoll.baseUrl() + "/");
            assertThat(Long.parseLong(m.group(2))).isPositive();
            assertThat(atoll.http().get(m.group(1).substring(atoll.baseUrl().length())).status()).isEqualTo(200);
            assertThat(rss.body()).contains("<media:content url=\"" + m.group(1) + "\"", "Orange fish between the rocks")
                    .doesNotContain("Only for my followers");
        }
    }

    @Test
    void videoAndSoundPlayOnThePostPageWithTheirSizeAndDescription() throws Exception {
        var ffmpeg = social.atoll.core.media.Ffmpeg.find(atoll.app().infra.jsonColumns).orElseThrow(
                () -> new AssertionError("ffmpeg and ffprobe must be installed for the media tests (.ci/run installs them)"));
        Path dir = Files.createTempDirectory("atoll-av");
        Path clip = dir.resolve("clip.mp4");
        ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10", "-f", "lavfi", "-i", "sine=duration=1",
                "-c:v", "mpeg4", "-c:a", "aac", "-shortest", clip.toString());
        Path tone = dir.resolve("tone.wav");
        ffmpeg.run("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "pcm_s16le", tone.toString());
        var video = atoll.app().core.media.upload(alice.id(), new MediaUpload(clip, "clip.mp4", "video/mp4", Files.size(clip)), null,
                "A test pattern with a tone", null, false);
        var sound = atoll.app().core.media.upload(alice.id(), new MediaUpload(tone, "tone.wav", "audio/wav", Files.size(tone)), null,
                "One second of a sine tone", null, false);
        for (var m : List.of(video, sound)) {
            Status s = ((PostStatusService.Published) atoll.app().core.posting.post(alice.id(), new NewStatus("Listen", null, null,
                    Visibility.PUBLIC, null, "en", null, List.of(Long.toString(m.id())), null, null, null))).status();
            String html = page("/@alice/" + s.id()).body();
            if (m == video) {
                assertThat(html).containsPattern("<video class=\"media-item\" src=\"[^\"]+\\.mp4\" poster=\"[^\"]+\" aria-label=\"A test pattern with a tone\""
                        + "[^>]* width=\"160\" height=\"120\" controls");
            } else {
                assertThat(html).containsPattern("<audio class=\"media-item\" src=\"[^\"]+\\.mp3\" aria-label=\"One second of a sine tone\"[^>]* controls");
            }
        }
    }

    @Test
    void theProfileFormSetsLockedDiscoverableIndexableBotAndHiddenCollections() {
        Account dora = seed.user("dora");
        String token = atoll.token(dora.id(), "read");
        var web = new FormClient(atoll.baseUrl()).signIn("dora");
        for (boolean on : List.of(true, false)) {
            List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(Map.entry("csrf", web.csrf("/settings/profile")),
                    Map.entry("display_name", "Dora"), Map.entry("note", "Reef diver")));
            if (on) for (String box : List.of("locked", "discoverable", "indexable", "hide_collections", "bot")) fields.add(Map.entry(box, "1"));
            var saved = web.postMultipart("/settings/profile", fields, List.of());
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
            var me = atoll.http().get("/api/v1/accounts/verify_credentials", token).json();
            for (String flag : List.of("locked", "bot", "discoverable", "indexable", "hide_collections"))
                assertThat(me.get(flag).asBoolean()).as(flag + " after saving with the boxes " + (on ? "ticked" : "cleared")).isEqualTo(on);
            String form = web.get("/settings/profile").body();
            assertThat(form.contains("name=\"bot\" value=\"1\" checked")).as("the form shows what was saved").isEqualTo(on);
        }
    }

    @Test
    void pinnedPostsLeadTheProfile() {
        Status pinned = seed.post(alice, "Pinned: how to visit the reef");
        seed.post(alice, "A newer post after the pinned one");
        atoll.app().core.pins.pin(alice.id(), pinned.id());
        String html = page("/@alice").body();
        int pinnedFeed = html.indexOf("<div class=\"feed pinned\">");
        assertThat(pinnedFeed).isNotNegative();
        assertThat(html.indexOf("Pinned: how to visit the reef", pinnedFeed)).isGreaterThan(pinnedFeed)
                .isLessThan(html.indexOf("A newer post after the pinned one"));
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndSecureOnlyUnderAnHttpsAddress() {
        List<String> plain = signInCookies(atoll.http());
        String session = plain.stream().filter(c -> c.startsWith(BrowserSessions.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(session).contains("; HttpOnly", "; SameSite=Lax").doesNotContain("Secure");

        // the same server behind a TLS proxy: its address is https, so its cookies never travel in clear
        int port = FreePort.find();
        try (TestInstance tls = TestInstance.start(Map.of("ATOLL_PORT", Integer.toString(port), "ATOLL_DOMAIN", "atoll.test",
                "ATOLL_URL", "https://atoll.test"))) {
            tls.createUser("tina");
            List<String> cookies = signInCookies(new TestHttp("http://127.0.0.1:" + port, tls.app().infra.json), "tina");
            assertThat(cookies).filteredOn(c -> c.startsWith(BrowserSessions.SESSION_COOKIE + "=")).singleElement().asString()
                    .contains("; HttpOnly", "; SameSite=Lax", "; Secure");
            assertThat(cookies).filteredOn(c -> c.startsWith(BrowserSessions.CSRF_COOKIE + "=")).allMatch(c -> c.contains("; Secure"));
        }
    }

    @Test
    void aDeletedAccountsProfileIsAGonePageForBrowsers() {
        Account gone = seed.user("gone");
        atoll.app().core.accountDeletion.deleteOwn(gone.id(), "password-gone");
        social.atoll.testing.Await.until("the purge to finish", () -> atoll.app().core.accountDeletionStore.finished(gone.id()));
        var r = page("/@gone");
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("<h1>Gone</h1>", "This page was here, but it has been deleted.", "<link rel=\"stylesheet\"");
        assertThat(page("/@gone/with_replies").status()).isEqualTo(410);
        assertThat(page("/@never-was").status()).isEqualTo(404);
    }

    @Test
    void visitorsReadTheLocalAndFederatedTimelines() {
        for (String path : List.of("/public/local", "/public")) {
            var r = page(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("Low tide").doesNotContain("Only for my followers");
        }
    }

    @Test
    void searchOnThePageResolvesAHandleAndAPostUrlOfAnotherServer() throws Exception {
        FakeFediServer.Actor seabird = remote.actor("seabird");
        String noteId = seabird.uri() + "/statuses/" + Fed.unique();
        String create = Fed.createNote(seabird, noteId, "<p>Terns over the reef flat</p>",
                "[\"https://www.w3.org/ns/activitystreams#Public\"]", "[]", "[]", null);
        ObjectNode note = (ObjectNode) atoll.app().infra.json.readTree(create).get("object");
        remote.serve(note);

        var web = new FormClient(atoll.baseUrl()).signIn("alice");
        String handle = "@seabird@" + remote.domain();
        var people = web.get("/search?q=" + URLEncoder.encode(handle, StandardCharsets.UTF_8));
        assertThat(people.statusCode()).isEqualTo(200);
        assertThat(people.body()).contains("seabird@" + remote.domain());
        assertThat(atoll.app().core.accountQueries.visibleByAcct("seabird", remote.domain())).isPresent();

        var post = web.get("/search?q=" + URLEncoder.encode(noteId, StandardCharsets.UTF_8));
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("Terns over the reef flat");
    }

    /** Signs in through the form as alice and returns every Set-Cookie of the answer. */
    private List<String> signInCookies(TestHttp http) { return signInCookies(http, "alice"); }

    private static List<String> signInCookies(TestHttp http, String username) {
        var form = http.send("GET", "/auth/sign_in", null, null, null, BROWSER);
        String pre = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(BrowserSessions.CSRF_COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String csrf = attr(form.body(), "name=\"csrf\" value=\"([^\"]+)\"");
        var r = http.send("POST", "/auth/sign_in", null,
                TestHttp.form(Map.of("csrf", csrf, "email", username, "password", "password-" + username, "return_to", "/home")),
                "application/x-www-form-urlencoded", Map.of("Cookie", pre, "Accept", "text/html"));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return r.headers().allValues("Set-Cookie");
    }

    private static String attr(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}

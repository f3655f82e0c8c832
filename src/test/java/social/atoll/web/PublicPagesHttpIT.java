package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.federation.Fed;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * The public pages' non-visual answers over plain HTTP: RSS feeds, oEmbed and the frameable embed, robots.txt,
 * HTML errors for browsers and JSON for API clients, CSRF refusals, following from another server (a second Atoll
 * whose WebFinger advertises its subscribe template), {@code /authorize_interaction}, and a remote profile.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class PublicPagesHttpIT {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    private TestInstance atoll;
    private TestInstance other;
    private WebSeed seed;
    private Account alice;
    private Status hello;
    private Status secret;

    @BeforeAll
    void start() {
        atoll = Fed.start();
        other = Fed.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        hello = seed.post(alice, "Hello <friends> & #reef fans");
        secret = seed.post(alice, "followers only #reef", null, Visibility.PRIVATE);
        seed.post(alice, "quietly public #reef", null, Visibility.UNLISTED);
        new WebSeed(other).user("carol");
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
        if (other != null) other.close();
    }

    private TestHttp.Response browserGet(TestInstance i, String path) { return i.http().send("GET", path, null, null, null, BROWSER); }

    @Test
    void accountAndTagFeedsListOnlyPublicPostsAsRss() {
        var r = atoll.http().get("/@alice.rss");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/rss+xml");
        assertThat(r.body()).startsWith("<?xml").contains("<rss version=\"2.0\"", "<link>" + atoll.baseUrl() + "/@alice</link>",
                "<guid isPermaLink=\"true\">" + atoll.baseUrl() + "/@alice/" + hello.id() + "</guid>",
                "Hello &amp;lt;friends&amp;gt; &amp;amp;", "<category>reef</category>");
        assertThat(r.body()).doesNotContain("followers only", "quietly public");

        var tag = atoll.http().get("/tags/reef.rss");
        assertThat(tag.status()).isEqualTo(200);
        assertThat(tag.body()).contains("<title>#reef</title>", "/@alice/" + hello.id()).doesNotContain("followers only", "quietly public");
        assertThat(atoll.http().get("/tags/neverused.rss").status()).isEqualTo(404);
        assertThat(atoll.http().get("/@nobody.rss").status()).isEqualTo(404);
    }

    @Test
    void oembedDescribesAPublicPostAndItsEmbedMayBeFramed() {
        String url = atoll.baseUrl() + "/@alice/" + hello.id();
        var r = atoll.http().get("/api/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        var j = r.json();
        assertThat(j.get("type").asText()).isEqualTo("rich");
        assertThat(j.get("version").asText()).isEqualTo("1.0");
        assertThat(j.get("author_name").asText()).isEqualTo("alice");
        assertThat(j.get("author_url").asText()).isEqualTo(atoll.baseUrl() + "/@alice");
        assertThat(j.get("provider_name").asText()).isEqualTo(atoll.domain());
        assertThat(j.get("width").asInt()).isEqualTo(400);
        assertThat(j.has("height")).isTrue();
        assertThat(j.get("cache_age").asInt()).isPositive();
        assertThat(j.get("html").asText()).startsWith("<iframe src=\"" + url + "/embed\"");

        var privateOne = atoll.http().get("/api/oembed?url=" + URLEncoder.encode(atoll.baseUrl() + "/@alice/" + secret.id(), StandardCharsets.UTF_8));
        assertThat(privateOne.status()).isEqualTo(404);
        assertThat(privateOne.json().get("error").asText()).isNotBlank();

        var embed = browserGet(atoll, "/@alice/" + hello.id() + "/embed");
        assertThat(embed.status()).isEqualTo(200);
        assertThat(embed.header("X-Frame-Options")).isNull();
        assertThat(embed.header("Content-Security-Policy")).contains("frame-ancestors *");
        assertThat(embed.body()).contains("Hello").doesNotContain("<form");
        // every other page still refuses to be framed
        var profile = browserGet(atoll, "/@alice");
        assertThat(profile.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(profile.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(browserGet(atoll, "/@alice/" + secret.id() + "/embed").status()).isEqualTo(404);
    }

    @Test
    void robotsTxtKeepsCrawlersOffTheAppAndNoindexAccountsSayNoindex() {
        var r = atoll.http().get("/robots.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.body()).contains("User-agent: *", "Disallow: /api/");
        var page = browserGet(atoll, "/@alice");
        // new accounts are not indexable until they opt in, as Mastodon's
        boolean indexable = atoll.app().core.accountQueries.visibleById(alice.id()).orElseThrow().indexable();
        assertThat(page.body().contains("<meta name=\"robots\" content=\"noindex")).isEqualTo(!indexable);
    }

    @Test
    void browsersGetErrorPagesAndApiClientsKeepJson() {
        var page = browserGet(atoll, "/@nobody");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Page not found");
        var unknown = browserGet(atoll, "/no/such/page");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("Page not found");

        var api = atoll.http().send("GET", "/api/v1/statuses/999999", null, null, null, BROWSER);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("error").asText()).isEqualTo("Record not found");
        var plain = atoll.http().get("/@nobody");
        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.json().get("error")).isNotNull();
        var activity = atoll.http().send("GET", "/@nobody", null, null, null, Map.of("Accept", "application/activity+json"));
        assertThat(activity.status()).isEqualTo(404);
        assertThat(activity.header("Content-Type")).doesNotStartWith("text/html");
    }

    @Test
    void accountActionsRefuseFormsWithoutTheirCsrfToken() {
        var r = atoll.http().send("POST", "/web/accounts/" + alice.id() + "/follow", null, "csrf=forged", "application/x-www-form-urlencoded",
                BROWSER);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Not allowed");
        var remote = atoll.http().send("POST", "/web/remote_follow", null, "acct=carol%40x&uri=x", "application/x-www-form-urlencoded", BROWSER);
        assertThat(remote.status()).isEqualTo(403);
    }

    @Test
    void aVisitorFollowsFromTheirOwnServerThroughItsSubscribeTemplate() {
        // the visitor's browser, with the pre-session CSRF cookie the profile page sets
        var profile = browserGet(atoll, "/@alice");
        String cookie = profile.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(BrowserSessions.CSRF_COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String csrf = between(profile.body(), "name=\"csrf\" value=\"", "\"");
        String actor = atoll.baseUrl() + "/users/alice";
        String handle = "carol@" + other.domain();
        var go = atoll.http().send("POST", "/web/remote_follow", null,
                TestHttp.form(Map.of("csrf", csrf, "acct", handle, "uri", actor, "name", "alice", "return_to", "/@alice")),
                "application/x-www-form-urlencoded", Map.of("Cookie", cookie, "Accept", "text/html"));
        assertThat(go.status()).isEqualTo(303);
        assertThat(go.header("Location")).isEqualTo(other.baseUrl() + "/authorize_interaction?uri=" + URLEncoder.encode(actor, StandardCharsets.UTF_8));

        var unknownServer = atoll.http().send("POST", "/web/remote_follow", null,
                TestHttp.form(Map.of("csrf", csrf, "acct", "dave@127.0.0.1:9", "uri", actor, "name", "alice", "return_to", "/@alice")),
                "application/x-www-form-urlencoded", Map.of("Cookie", cookie, "Accept", "text/html"));
        assertThat(unknownServer.status()).isEqualTo(422);
        assertThat(unknownServer.body()).contains("We could not find where to follow from 127.0.0.1:9", "value=\"dave@127.0.0.1:9\"");

        // on the visitor's server: signed in, the interaction resolves alice and lands on her profile there
        String carolCookie = signIn(other, "carol");
        var there = other.http().send("GET", go.header("Location").substring(other.baseUrl().length()), null, null, null,
                Map.of("Cookie", carolCookie, "Accept", "text/html"));
        assertThat(there.status()).isEqualTo(303);
        assertThat(there.header("Location")).isEqualTo("/@alice@" + atoll.domain());
        var remoteProfile = other.http().send("GET", there.header("Location"), null, null, null, Map.of("Cookie", carolCookie, "Accept", "text/html"));
        assertThat(remoteProfile.status()).isEqualTo(200);
        assertThat(remoteProfile.body()).contains("@alice@" + atoll.domain(), "data-action=\"follow\"", "noindex");

        // a post: resolved from its URL, shown from what the other server now stores
        var post = other.http().send("GET", "/authorize_interaction?uri=" + URLEncoder.encode(hello.uri(), StandardCharsets.UTF_8), null,
                null, null, Map.of("Cookie", carolCookie, "Accept", "text/html"));
        assertThat(post.status()).isEqualTo(303);
        assertThat(post.header("Location")).startsWith("/@alice@" + atoll.domain() + "/");
        var remotePost = other.http().send("GET", post.header("Location"), null, null, null, Map.of("Accept", "text/html"));
        assertThat(remotePost.status()).isEqualTo(200);
        assertThat(remotePost.body()).contains("Hello &lt;friends&gt;", "noindex");
        assertThat(browserGet(other, "/@alice@" + atoll.domain() + "/" + hello.id()).status()).isEqualTo(404);

        // a visitor there is asked to sign in first
        var visitor = browserGet(other, "/authorize_interaction?uri=" + URLEncoder.encode(actor, StandardCharsets.UTF_8));
        assertThat(visitor.status()).isEqualTo(302);
        assertThat(visitor.header("Location")).startsWith("/auth/sign_in?return_to=%2Fauthorize_interaction");
    }

    /** Signs in through the sign-in form, as a browser would; returns the session cookie. */
    private static String signIn(TestInstance i, String username) {
        var form = i.http().send("GET", "/auth/sign_in", null, null, null, BROWSER);
        String pre = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(BrowserSessions.CSRF_COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String csrf = between(form.body(), "name=\"csrf\" value=\"", "\"");
        var r = i.http().send("POST", "/auth/sign_in", null,
                TestHttp.form(Map.of("csrf", csrf, "email", username, "password", "password-" + username, "return_to", "/home")),
                "application/x-www-form-urlencoded", Map.of("Cookie", pre, "Accept", "text/html"));
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(BrowserSessions.SESSION_COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError("no session: " + r.status()));
    }

    private static String between(String s, String start, String end) {
        int a = s.indexOf(start);
        assertThat(a).as("'" + start + "' in the page").isNotNegative();
        a += start.length();
        return s.substring(a, s.indexOf(end, a));
    }

}

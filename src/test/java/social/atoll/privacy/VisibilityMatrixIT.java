package social.atoll.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Who sees a status, through every door, as Mastodon decides it: one post per visibility (plus one shared with a circle
 * and one local-only public post), six viewers, and each door that can show a status (API, streams, ActivityPub, the
 * web app's pages and RSS). The expected outcome of every cell comes from {@link #expected} (Mastodon's rules, written
 * out once); every cell is one dynamic test named after its visibility, viewer and door.
 *
 * <p>The posts form self-reply threads ({@code root ← post ← child}, all by the author) so that each post is a
 * descendant of a visible public root and an ancestor of a visible public child (the circle post's child, asked for as
 * public, stays in the circle as every reply to a circle post does, so it is visible to the same people); self-replies are shown in public
 * timelines and home feeds as top-level posts are. Every post mentions {@code mentioned}, carries {@code #vmatrix}
 * and a word of its own for full-text search, is favourited by its author, and (where reblogs are possible) reblogged
 * by its author.
 */
class VisibilityMatrixIT {

    /** The visibilities, plus a post shared with a circle (holding MEMBER) and a public local-only post. */
    enum Vis { PUBLIC, UNLISTED, PRIVATE, DIRECT, CIRCLE, LOCAL_ONLY;
        String api() { return name().toLowerCase(); }
        String word() { return "quokka" + api().replace("_", ""); }
        /** The visibility it is posted with (a circle post is private narrowed to the circle). */
        String posted() { return this == CIRCLE ? "private" : this == LOCAL_ONLY ? "public" : api(); }
        /** Public as far as public timelines and tags go (the local-only post, for local readers). */
        boolean publicVisibility() { return this == PUBLIC || this == LOCAL_ONLY; }
    }

    /** MEMBER follows the author and is in the circle; FOLLOWER follows the author and is not. */
    enum Who { AUTHOR, FOLLOWER, MEMBER, MENTIONED, STRANGER, LOGGED_OUT }

    enum Door {
        STATUS, CONTEXT_AS_DESCENDANT, CONTEXT_AS_ANCESTOR, ACCOUNT_STATUSES, HOME, PUBLIC, PUBLIC_LOCAL, TAG, LIST,
        SEARCH, USER_STREAM, PUBLIC_LOCAL_STREAM, FAVOURITED_BY, REBLOGGED_BY, ACTIVITYPUB,
        // kmyblue's circle timeline (GET /api/v1/circles/:id/statuses): the circle's owner's door
        CIRCLE_TIMELINE,
        // the web app's pages, read with each viewer's sign-in cookie, and the hashtag's RSS feed
        WEB_POST, WEB_PROFILE, WEB_TAG, WEB_LOCAL, RSS_TAG
    }

    /** What a door shows of a post: the post, nothing (404 or absent from the list), or a refusal to sign in. */
    enum Outcome { SHOWN, HIDDEN, UNAUTHORIZED }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "vmatrix";

    private static TestInstance atoll;
    private static Fixtures f;
    private static final Map<Who, User> users = new EnumMap<>(Who.class);
    private static final Map<Vis, String> posts = new EnumMap<>(Vis.class);
    private static final Map<Vis, String> children = new EnumMap<>(Vis.class);
    private static final Map<Vis, String> uris = new EnumMap<>(Vis.class);
    private static String rootId;
    private static String listId;
    private static String circleId;
    /** One cookie jar per viewer, signed in through the web app's sign-in form (the visitor's stays empty). */
    private static final Map<Who, WebSession> browsers = new EnumMap<>(Who.class);
    private static boolean authorIndexable;
    /** Status ids that arrived as {@code update} events, by viewer and stream door. */
    private static final Map<String, Set<String>> streamed = new HashMap<>();
    /** HTTP status of refused stream handshakes, by viewer and stream door (0: connected). */
    private static final Map<String, Integer> refused = new HashMap<>();
    /** Responses of list doors, fetched once per viewer and door. */
    private static final Map<String, TestHttp.Response> listCache = new HashMap<>();

    @BeforeAll
    static void setUp() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
        users.put(Who.AUTHOR, f.user("vm_author"));
        users.put(Who.FOLLOWER, f.user("vm_follower"));
        users.put(Who.MEMBER, f.user("vm_member"));
        users.put(Who.MENTIONED, f.user("vm_mentioned"));
        users.put(Who.STRANGER, f.user("vm_stranger"));
        User author = users.get(Who.AUTHOR);
        User follower = users.get(Who.FOLLOWER);
        ok(atoll.http().postJson("/api/v1/accounts/" + author.id() + "/follow", follower.token(), Map.of()));
        ok(atoll.http().postJson("/api/v1/accounts/" + author.id() + "/follow", users.get(Who.MEMBER).token(), Map.of()));
        circleId = ok(atoll.http().postJson("/api/v1/circles", author.token(), Map.of("title", "matrix"))).json().get("id").asText();
        ok(atoll.http().postJson("/api/v1/circles/" + circleId + "/accounts", author.token(),
                Map.of("account_ids", List.of(users.get(Who.MEMBER).idString()))));
        for (Who w : Who.values()) if (w != Who.LOGGED_OUT) browsers.put(w, WebSession.signIn(users.get(w).name()));
        browsers.put(Who.LOGGED_OUT, new WebSession());
        listId = ok(atoll.http().postJson("/api/v1/lists", follower.token(), Map.of("title", "authors"))).json().get("id").asText();
        ok(atoll.http().postJson("/api/v1/lists/" + listId + "/accounts", follower.token(), Map.of("account_ids", List.of(author.idString()))));
        authorIndexable = ok(atoll.http().get("/api/v1/accounts/verify_credentials", author.token())).json().path("indexable").asBoolean(false);

        List<StreamTap> streams = new ArrayList<>();
        try {
            for (Who w : List.of(Who.AUTHOR, Who.FOLLOWER, Who.MEMBER, Who.MENTIONED, Who.STRANGER))
                streams.add(StreamTap.open(w, Door.USER_STREAM, "user", users.get(w).token()));
            for (Who w : Who.values())
                streams.add(StreamTap.open(w, Door.PUBLIC_LOCAL_STREAM, "public:local", w == Who.LOGGED_OUT ? null : users.get(w).token()));
            long connected = streams.stream().filter(s -> s.door == Door.PUBLIC_LOCAL_STREAM && s.refusedWith == 0).count();
            Await.until("all streams subscribed", () -> atoll.app().streamRegistry.on("public:local").size() >= connected);

            rootId = f.post(author, "the root of the matrix threads", "public").get("id").asText();
            for (Vis v : Vis.values()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "@vm_mentioned #" + TAG + " a " + v.api() + " post about " + v.word());
                body.put("in_reply_to_id", rootId);
                body.put("visibility", v.posted());
                if (v == Vis.CIRCLE) body.put("circle_id", circleId);
                if (v == Vis.LOCAL_ONLY) body.put("local_only", true);
                JsonNode p = f.post(author, body);
                posts.put(v, p.get("id").asText());
                uris.put(v, p.get("uri").asText());
                children.put(v, f.reply(author, "a public child", p.get("id").asText(), "public").get("id").asText());
            }
            Await.until("feed jobs done", () -> atoll.app().infra.jobs.pendingCounts().entrySet().stream()
                    .noneMatch(e -> e.getKey().contains("feed") && e.getValue() > 0));
            // each stream ends with a sentinel that surely reaches it (one's own post is in one's home feed; a public post is
            // on public:local): events arrive in order, so a post that has not come before its sentinel never will
            for (StreamTap s : streams) {
                if (s.door != Door.USER_STREAM) continue;
                s.awaitId(f.post(users.get(s.who), "sentinel for my own stream", "private").get("id").asText());
            }
            String publicSentinel = f.post(users.get(Who.STRANGER), "sentinel for public streams", "public").get("id").asText();
            for (StreamTap s : streams) if (s.door == Door.PUBLIC_LOCAL_STREAM && s.refusedWith == 0) s.awaitId(publicSentinel);
            for (StreamTap s : streams) {
                streamed.put(s.who + "/" + s.door, Set.copyOf(s.ids));
                refused.put(s.who + "/" + s.door, s.refusedWith);
            }
        } finally {
            streams.forEach(StreamTap::close);
        }

        // interactions after the streams closed, so that reblogs are not mistaken for posts on them
        for (Vis v : Vis.values()) {
            ok(atoll.http().postJson("/api/v1/statuses/" + posts.get(v) + "/favourite", author.token(), Map.of()));
            if (v != Vis.DIRECT && v != Vis.CIRCLE) ok(atoll.http().postJson("/api/v1/statuses/" + posts.get(v) + "/reblog", author.token(), Map.of()));
        }
    }

    @AfterAll
    static void tearDown() { if (atoll != null) atoll.close(); }

    /** Mastodon's outcome for one cell; null where the door does not exist for that viewer or post. */
    static Outcome expected(Vis v, Who who, Door door) {
        boolean isPublic = v.publicVisibility();
        boolean follows = who == Who.FOLLOWER || who == Who.MEMBER;
        boolean visible = switch (who) {
            case AUTHOR, MENTIONED -> true;
            // a circle post is for its members (and the mentioned), not for every follower
            case FOLLOWER -> v != Vis.DIRECT && v != Vis.CIRCLE;
            case MEMBER -> v != Vis.DIRECT;
            // a local-only post is for signed-in people of this server, as its visibility says
            case STRANGER -> v == Vis.PUBLIC || v == Vis.UNLISTED || v == Vis.LOCAL_ONLY;
            case LOGGED_OUT -> v == Vis.PUBLIC || v == Vis.UNLISTED;
        };
        boolean anonymous = who == Who.LOGGED_OUT;
        return switch (door) {
            // StatusPolicy#show?; threads and AccountStatusesFilter apply it (direct posts mentioning you are on the author's profile)
            case STATUS, CONTEXT_AS_DESCENDANT, CONTEXT_AS_ANCESTOR, ACCOUNT_STATUSES, FAVOURITED_BY -> shown(visible);
            // direct and circle posts cannot be boosted
            case REBLOGGED_BY -> v == Vis.DIRECT || v == Vis.CIRCLE ? null : shown(visible);
            // FanOutOnWriteService: public/unlisted/private go to followers (and self); direct only to mentioned *followers*;
            // a circle post to the followers in its audience
            case HOME -> anonymous ? Outcome.UNAUTHORIZED : shown(who == Who.AUTHOR || (follows && visible && v != Vis.DIRECT));
            case USER_STREAM -> anonymous ? null : shown(who == Who.AUTHOR || (follows && visible && v != Vis.DIRECT));
            // the circle's posts, to its owner only: a member or anyone else finds no such circle
            case CIRCLE_TIMELINE -> anonymous ? Outcome.UNAUTHORIZED : shown(who == Who.AUTHOR && v == Vis.CIRCLE);
            // lists are fed like home feeds (not with direct posts); only a follower can list the author
            case LIST -> who == Who.FOLLOWER ? shown(visible && v != Vis.DIRECT) : null;
            // PublicFeed and TagFeed: public visibility only, for everyone including logged-out visitors (but a local-only
            // post only for signed-in local readers)
            case PUBLIC, PUBLIC_LOCAL, TAG -> shown(isPublic && visible);
            // since Mastodon 4.2 every stream, public ones included, needs a user token
            case PUBLIC_LOCAL_STREAM -> anonymous ? Outcome.UNAUTHORIZED : shown(isPublic);
            // full text: statuses searchable_by the viewer (own, mentioning them, or interacted with), plus public posts of
            // indexable accounts; never for logged-out visitors
            case SEARCH -> shown(who == Who.AUTHOR || who == Who.MENTIONED
                    || (isPublic && authorIndexable && (follows || who == Who.STRANGER)));
            // an unsigned ActivityPub fetch is anonymous: public and unlisted objects only, never a local-only one
            case ACTIVITYPUB -> anonymous ? shown(visible) : null;
            // the web app shows what the API shows, to the same reader
            case WEB_POST, WEB_PROFILE -> shown(visible);
            case WEB_TAG, WEB_LOCAL -> shown(isPublic && visible);
            // feeds are read by anyone, as a visitor: public posts only
            case RSS_TAG -> anonymous ? shown(v == Vis.PUBLIC) : null;
        };
    }

    private static Outcome shown(boolean b) { return b ? Outcome.SHOWN : Outcome.HIDDEN; }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Vis v : Vis.values())
            for (Who who : Who.values())
                for (Door door : Door.values()) {
                    Outcome want = expected(v, who, door);
                    if (want == null) continue;
                    String name = v.api() + " × " + who.name().toLowerCase() + " × " + door.name().toLowerCase();
                    cells.add(DynamicTest.dynamicTest(name, () -> {
                        Observation o = observe(v, who, door);
                        assertThat(o.outcome()).as("%s: %s", name, o.evidence()).isEqualTo(want);
                    }));
                }
        return cells.stream();
    }

    private record Observation(Outcome outcome, String evidence) {}

    private static Observation observe(Vis v, Who who, Door door) {
        String token = who == Who.LOGGED_OUT ? null : users.get(who).token();
        String id = posts.get(v);
        String author = users.get(Who.AUTHOR).idString();
        return switch (door) {
            case STATUS -> single(atoll.http().get("/api/v1/statuses/" + id, token), id);
            case CONTEXT_AS_DESCENDANT -> inList(cached(who, "/api/v1/statuses/" + rootId + "/context", token), "descendants", id);
            case CONTEXT_AS_ANCESTOR -> inList(atoll.http().get("/api/v1/statuses/" + children.get(v) + "/context", token), "ancestors", id);
            case ACCOUNT_STATUSES -> inList(cached(who, "/api/v1/accounts/" + author + "/statuses?limit=40", token), null, id);
            case HOME -> inList(cached(who, "/api/v1/timelines/home?limit=40", token), null, id);
            case PUBLIC -> inList(cached(who, "/api/v1/timelines/public?limit=40", token), null, id);
            case PUBLIC_LOCAL -> inList(cached(who, "/api/v1/timelines/public?local=true&limit=40", token), null, id);
            case TAG -> inList(cached(who, "/api/v1/timelines/tag/" + TAG + "?limit=40", token), null, id);
            case LIST -> inList(cached(who, "/api/v1/timelines/list/" + listId + "?limit=40", token), null, id);
            case CIRCLE_TIMELINE -> inList(cached(who, "/api/v1/circles/" + circleId + "/statuses?limit=40", token), null, id);
            case SEARCH -> inList(atoll.http().get("/api/v2/search?type=statuses&q=" + URLEncoder.encode(v.word(), StandardCharsets.UTF_8), token), "statuses", id);
            case USER_STREAM, PUBLIC_LOCAL_STREAM -> {
                int status = refused.get(who + "/" + door);
                if (status != 0) yield new Observation(status == 401 ? Outcome.UNAUTHORIZED : null, "handshake refused with " + status);
                Set<String> ids = streamed.get(who + "/" + door);
                yield new Observation(shown(ids.contains(id)), "update events for " + ids);
            }
            case FAVOURITED_BY, REBLOGGED_BY -> {
                TestHttp.Response r = atoll.http().get("/api/v1/statuses/" + id + "/" + door.name().toLowerCase(), token);
                if (r.status() == 404) yield new Observation(Outcome.HIDDEN, "404 " + r.body());
                boolean listed = r.status() == 200 && r.json().isArray() && r.json().toString().contains("\"id\":\"" + author + "\"");
                yield new Observation(listed ? Outcome.SHOWN : Outcome.UNAUTHORIZED, r.status() + " " + r.body());
            }
            case ACTIVITYPUB -> {
                TestHttp.Response r = atoll.http().send("GET", uris.get(v), null, null, null,
                        new LinkedHashMap<>(Map.of("Accept", "application/activity+json")));
                yield new Observation(r.status() == 200 ? Outcome.SHOWN : r.status() == 404 ? Outcome.HIDDEN : Outcome.UNAUTHORIZED,
                        r.status() + " " + r.body());
            }
            case WEB_POST -> onPage(browsers.get(who).get("/@vm_author/" + id), v);
            case WEB_PROFILE -> onPage(webCached(who, "/@vm_author/with_replies"), v);
            case WEB_TAG -> onPage(webCached(who, "/tags/" + TAG), v);
            case WEB_LOCAL -> onPage(webCached(who, "/public/local"), v);
            case RSS_TAG -> onPage(webCached(who, "/tags/" + TAG + ".rss"), v);
        };
    }

    private static final Map<String, WebSession.Page> webCache = new HashMap<>();

    private static WebSession.Page webCached(Who who, String path) {
        return webCache.computeIfAbsent(who + " " + path, k -> browsers.get(who).get(path));
    }

    /** Whether a page (or feed) shows the post, found by its own word; 404 is hidden, a redirect to sign in a refusal. */
    private static Observation onPage(WebSession.Page p, Vis v) {
        if (p.status() == 404) return new Observation(Outcome.HIDDEN, "404");
        if (p.status() == 302 || p.status() == 303 || p.status() == 401) return new Observation(Outcome.UNAUTHORIZED, p.status() + "");
        if (p.status() != 200) return new Observation(null, p.status() + " " + p.body());
        return new Observation(shown(p.body().contains(v.word())), "200, word " + v.word() + (p.body().contains(v.word()) ? " present" : " absent"));
    }

    private static TestHttp.Response cached(Who who, String path, String token) {
        return listCache.computeIfAbsent(who + " " + path, k -> atoll.http().get(path, token));
    }

    private static Observation single(TestHttp.Response r, String id) {
        if (r.status() == 404) return new Observation(Outcome.HIDDEN, "404 " + r.body());
        if (r.status() == 200 && id.equals(r.json().path("id").asText())) return new Observation(Outcome.SHOWN, "200");
        return new Observation(r.status() == 401 ? Outcome.UNAUTHORIZED : null, r.status() + " " + r.body());
    }

    /** Whether {@code id} is a top-level entry of the response's array (or of its {@code field}). */
    private static Observation inList(TestHttp.Response r, String field, String id) {
        if (r.status() == 401) return new Observation(Outcome.UNAUTHORIZED, "401 " + r.body());
        // the thread of a post one may not see (a local-only post's local-only reply, for a visitor) is not there at all
        if (r.status() == 404) return new Observation(Outcome.HIDDEN, "404 " + r.body());
        if (r.status() != 200) return new Observation(null, r.status() + " " + r.body());
        JsonNode array = field == null ? r.json() : r.json().path(field);
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path("id").asText()));
        return new Observation(shown(ids.contains(id)), "ids " + ids);
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** A browser without JavaScript: a cookie jar signed in through the web app's form (or none, for a visitor). */
    private static final class WebSession {
        private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

        record Page(int status, String body) {}

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        static WebSession signIn(String username) {
            WebSession s = new WebSession();
            Matcher m = CSRF.matcher(s.get("/auth/sign_in").body());
            if (!m.find()) throw new AssertionError("no csrf token on the sign-in page");
            String form = TestHttp.form(Map.of("email", username, "password", "password-" + username, "csrf", m.group(1), "return_to", "/home"));
            Page r = s.send(HttpRequest.newBuilder(URI.create(atoll.baseUrl() + "/auth/sign_in"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(r.status()).as("sign-in of " + username).isIn(302, 303);
            return s;
        }

        Page get(String path) { return send(HttpRequest.newBuilder(URI.create(atoll.baseUrl() + path)).header("Accept", "text/html").GET()); }

        private Page send(HttpRequest.Builder b) {
            try {
                HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                return new Page(r.statusCode(), r.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** One WebSocket subscription of one viewer, recording the ids of {@code update} events. */
    private static final class StreamTap implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        final Who who;
        final Door door;
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        private WebSocket ws;
        /** The HTTP status of a refused handshake (0: connected). */
        int refusedWith;

        private StreamTap(Who who, Door door) {
            this.who = who;
            this.door = door;
        }

        static StreamTap open(Who who, Door door, String stream, String token) {
            StreamTap s = new StreamTap(who, door);
            String url = atoll.app().settings.streamingOrigin() + "/api/v1/streaming?stream=" + stream
                    + (token == null ? "" : "&access_token=" + token);
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        s.received(partial.toString());
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            };
            try {
                s.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), listener).join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof WebSocketHandshakeException h)) throw e;
                s.refusedWith = h.getResponse().statusCode();
                return s;
            }
            if (door == Door.USER_STREAM) {
                long accountId = users.get(who).id();
                Await.until(who + " on the user stream", () -> !atoll.app().streamRegistry.on(userTopic(accountId)).isEmpty());
            }
            return s;
        }

        /** The registry topic of a user stream (as {@code Subscription.userTopic}, which is package-private). */
        private static String userTopic(long accountId) { return "user:" + accountId; }

        private void received(String text) {
            try {
                JsonNode m = JSON.readTree(text);
                if ("update".equals(m.path("event").asText())) ids.add(JSON.readTree(m.path("payload").asText()).path("id").asText());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        void awaitId(String id) { Await.until(who + "'s " + door + " to receive " + id, () -> ids.contains(id)); }

        @Override
        public void close() { if (ws != null) ws.abort(); }
    }
}

package social.atoll.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
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
 * Who sees a status, through every door, as Mastodon decides it: one post per visibility, five viewers, and each door
 * that can show a status. The expected outcome of every cell comes from {@link #expected} (Mastodon's rules, written
 * out once); every cell is one dynamic test named after its visibility, viewer and door.
 *
 * <p>The posts form self-reply threads ({@code root ← post ← child}, all by the author) so that each post is a
 * descendant of a visible public root and an ancestor of a visible public child; self-replies are shown in public
 * timelines and home feeds as top-level posts are. Every post mentions {@code mentioned}, carries {@code #vmatrix}
 * and a word of its own for full-text search, is favourited by its author, and (where reblogs are possible) reblogged
 * by its author.
 */
class VisibilityMatrixIT {

    enum Vis { PUBLIC, UNLISTED, PRIVATE, DIRECT;
        String api() { return name().toLowerCase(); }
        String word() { return "quokka" + api(); }
    }

    enum Who { AUTHOR, FOLLOWER, MENTIONED, STRANGER, LOGGED_OUT }

    enum Door {
        STATUS, CONTEXT_AS_DESCENDANT, CONTEXT_AS_ANCESTOR, ACCOUNT_STATUSES, HOME, PUBLIC, PUBLIC_LOCAL, TAG, LIST,
        SEARCH, USER_STREAM, PUBLIC_LOCAL_STREAM, FAVOURITED_BY, REBLOGGED_BY, ACTIVITYPUB
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
        users.put(Who.MENTIONED, f.user("vm_mentioned"));
        users.put(Who.STRANGER, f.user("vm_stranger"));
        User author = users.get(Who.AUTHOR);
        User follower = users.get(Who.FOLLOWER);
        ok(atoll.http().postJson("/api/v1/accounts/" + author.id() + "/follow", follower.token(), Map.of()));
        listId = ok(atoll.http().postJson("/api/v1/lists", follower.token(), Map.of("title", "authors"))).json().get("id").asText();
        ok(atoll.http().postJson("/api/v1/lists/" + listId + "/accounts", follower.token(), Map.of("account_ids", List.of(author.idString()))));
        authorIndexable = ok(atoll.http().get("/api/v1/accounts/verify_credentials", author.token())).json().path("indexable").asBoolean(false);

        List<StreamTap> streams = new ArrayList<>();
        try {
            for (Who w : List.of(Who.AUTHOR, Who.FOLLOWER, Who.MENTIONED, Who.STRANGER))
                streams.add(StreamTap.open(w, Door.USER_STREAM, "user", users.get(w).token()));
            for (Who w : Who.values())
                streams.add(StreamTap.open(w, Door.PUBLIC_LOCAL_STREAM, "public:local", w == Who.LOGGED_OUT ? null : users.get(w).token()));
            long connected = streams.stream().filter(s -> s.door == Door.PUBLIC_LOCAL_STREAM && s.refusedWith == 0).count();
            Await.until("all streams subscribed", () -> atoll.app().streamRegistry.on("public:local").size() >= connected);

            rootId = f.post(author, "the root of the matrix threads", "public").get("id").asText();
            for (Vis v : Vis.values()) {
                JsonNode p = f.reply(author, "@vm_mentioned #" + TAG + " a " + v.api() + " post about " + v.word(), rootId, v.api());
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
            if (v != Vis.DIRECT) ok(atoll.http().postJson("/api/v1/statuses/" + posts.get(v) + "/reblog", author.token(), Map.of()));
        }
    }

    @AfterAll
    static void tearDown() { if (atoll != null) atoll.close(); }

    /** Mastodon's outcome for one cell; null where the door does not exist for that viewer or post. */
    static Outcome expected(Vis v, Who who, Door door) {
        boolean isPublic = v == Vis.PUBLIC;
        boolean visible = switch (who) {
            case AUTHOR, MENTIONED -> true;
            case FOLLOWER -> v != Vis.DIRECT;
            case STRANGER, LOGGED_OUT -> v == Vis.PUBLIC || v == Vis.UNLISTED;
        };
        return switch (door) {
            // StatusPolicy#show?; threads and AccountStatusesFilter apply it (direct posts mentioning you are on the author's profile)
            case STATUS, CONTEXT_AS_DESCENDANT, CONTEXT_AS_ANCESTOR, ACCOUNT_STATUSES, FAVOURITED_BY -> shown(visible);
            case REBLOGGED_BY -> v == Vis.DIRECT ? null : shown(visible);
            // FanOutOnWriteService: public/unlisted/private go to followers (and self); direct only to mentioned *followers*
            case HOME -> who == Who.LOGGED_OUT ? Outcome.UNAUTHORIZED : shown(who == Who.AUTHOR || (who == Who.FOLLOWER && v != Vis.DIRECT));
            case USER_STREAM -> who == Who.LOGGED_OUT ? null : shown(who == Who.AUTHOR || (who == Who.FOLLOWER && v != Vis.DIRECT));
            // lists are fed like home feeds (not with direct posts); only a follower can list the author
            case LIST -> who == Who.FOLLOWER ? shown(v != Vis.DIRECT) : null;
            // PublicFeed and TagFeed: public visibility only, for everyone including logged-out visitors
            case PUBLIC, PUBLIC_LOCAL, TAG -> shown(isPublic);
            // since Mastodon 4.2 every stream, public ones included, needs a user token
            case PUBLIC_LOCAL_STREAM -> who == Who.LOGGED_OUT ? Outcome.UNAUTHORIZED : shown(isPublic);
            // full text: statuses searchable_by the viewer (own, mentioning them, or interacted with), plus public posts of
            // indexable accounts; never for logged-out visitors
            case SEARCH -> shown(who == Who.AUTHOR || who == Who.MENTIONED
                    || (isPublic && authorIndexable && (who == Who.FOLLOWER || who == Who.STRANGER)));
            // an unsigned ActivityPub fetch is anonymous: public and unlisted objects only
            case ACTIVITYPUB -> who == Who.LOGGED_OUT ? shown(visible) : null;
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
        };
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

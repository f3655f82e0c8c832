package social.atoll.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Every route the server registers, called with generated parameters and bodies — wrong types, huge and negative
 * numbers, unicode with control characters, nested JSON where a string belongs, garbage bodies, every auth state —
 * never answers 5xx; an API error is Mastodon's {@code {"error": "…"}}; and a refused request stores nothing (row
 * counts of the tables a request could write stay the same). The routes come from the server itself, so a new
 * route is fuzzed without anyone adding it here. Streaming routes are left out (they answer by staying open).
 */
class ApiFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{[^}]+}|<[^>]+>|\\*");
    /** Tables a request could write synchronously: a refused request must leave their counts alone. */
    private static final List<String> WRITTEN = List.of("statuses", "media_attachments", "accounts", "follows", "lists", "filters",
            "reports", "oauth_apps", "favourites", "bookmarks", "blocks", "mutes", "scheduled_statuses", "domain_blocks");
    /** Parameter names of the Mastodon API, so that generated requests reach past "missing parameter". */
    private static final List<String> NAMES = List.of("status", "spoiler_text", "visibility", "sensitive", "in_reply_to_id",
            "media_ids[]", "poll[options][]", "poll[expires_in]", "poll[multiple]", "language", "scheduled_at", "limit", "max_id",
            "min_id", "since_id", "q", "type", "resolve", "following", "offset", "account_id", "exclude_types[]", "types[]", "id[]",
            "title", "replies_policy", "exclusive", "context[]", "phrase", "keyword", "whole_word", "expires_in", "filter_action",
            "keywords_attributes[][keyword]", "display_name", "note", "locked", "bot", "discoverable", "fields_attributes[0][name]",
            "fields_attributes[0][value]", "comment", "status_ids[]", "category", "rule_ids[]", "forward", "reblogs", "notify",
            "languages[]", "description", "focus", "choices[]", "client_name", "redirect_uris", "scopes", "website", "grant_type",
            "code", "client_id", "client_secret", "redirect_uri", "token", "username", "email", "password", "agreement", "locale",
            "reason", "text", "local", "remote", "only_media", "pinned", "tagged", "exclude_replies", "exclude_reblogs", "policy",
            "domain", "severity", "action", "account_ids[]", "list_id", "tag", "name", "value", "grouped_types[]", "expand_accounts",
            "include_filtered", "timeline", "last_read_id", "home[last_read_id]", "subscription[endpoint]", "subscription[keys][p256dh]",
            "data[alerts][mention]", "csrf", "return_to", "url", "maxwidth", "acct", "resource", "page", "min_id", "order");

    private static TestInstance atoll;
    private static String userToken;
    private static String adminToken;
    private static List<String> routes;
    private static List<String> knownIds;
    private static final AtomicInteger refusedUnchanged = new AtomicInteger();
    private static String previous;
    /** The requests after whose answer the connection was found closed (printed, not failed: see the property). */
    private static final List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeContainer
    static void start() {
        atoll = TestInstance.start();
        userToken = atoll.createUser("fuzzed");
        User admin = atoll.app().core.accountService.createLocal(new NewLocalAccount("fuzzadmin", "fuzzadmin@example.test",
                "password-fuzzadmin", User.Role.ADMIN, true, true, "en", null, null), true);
        adminToken = atoll.token(admin.accountId(), "read write follow push admin:read admin:write");
        // real ids, so that some requests reach past "not found": the fuzzed account, a post, a list
        String me = atoll.http().get("/api/v1/accounts/verify_credentials", userToken).json().get("id").asText();
        String post = atoll.http().postJson("/api/v1/statuses", userToken, Map.of("status", "fuzz me")).json().get("id").asText();
        String list = atoll.http().postJson("/api/v1/lists", userToken, Map.of("title", "fuzz")).json().get("id").asText();
        knownIds = List.of(me, post, list, String.valueOf(admin.accountId()));
        routes = atoll.app().routes().stream()
                .filter(r -> r.contains(" /") && !r.contains("/streaming") && !r.startsWith("HEAD ") && !r.startsWith("OPTIONS "))
                .sorted().toList();
        assertThat(routes).hasSizeGreaterThan(150);
    }

    @AfterContainer
    static void stop() {
        System.out.printf("API fuzz: %d routes, answers by status %s, %d refused requests checked to store nothing, "
                + "%d connections found closed after an answer%n", routes.size(), new java.util.TreeMap<>(statuses), refusedUnchanged.get(), dropped.size());
        dropped.forEach(d -> System.out.println("  connection closed after: " + d.substring(0, Math.min(200, d.length()))));
        atoll.close();
    }

    /** One generated request. */
    record Call(String route, List<String> pathValues, Map<String, String> query, String bodyKind, JsonNode body, String token) {
        String method() { return route.substring(0, route.indexOf(' ')); }
    }

    @Property(tries = 1500, seed = "20261205")
    void noRouteAnswers5xxAndARefusedRequestStoresNothing(@ForAll("calls") Call call) throws Exception {
        String path = call.route.substring(call.route.indexOf(' ') + 1);
        Matcher m = PATH_PARAM.matcher(path);
        StringBuilder target = new StringBuilder();
        int i = 0;
        while (m.find()) m.appendReplacement(target, Matcher.quoteReplacement(call.pathValues.get(i++ % call.pathValues.size())));
        m.appendTail(target);
        if (!call.query.isEmpty()) target.append('?').append(encode(call.query));

        String body = null;
        String contentType = null;
        switch (call.bodyKind) {
            case "json" -> { body = JSON.writeValueAsString(call.body); contentType = "application/json"; }
            case "form" -> { body = encode(flat(call.body)); contentType = "application/x-www-form-urlencoded"; }
            case "garbage" -> {
                body = call.body.path("raw").asText();
                contentType = call.body.path("type").asText().isEmpty() ? null : call.body.path("type").asText();
            }
            default -> { }
        }
        Map<String, Long> before = counts();
        TestHttp.Response r;
        String described = call.method() + " " + target + " [" + contentType + "] " + (body == null ? "" : body.substring(0, Math.min(body.length(), 300)));
        try {
            r = atoll.http().send(call.method(), target.toString(), call.token, body, contentType);
        } catch (java.io.UncheckedIOException e) {
            // The pooled connection this request went out on was closed under it after the previous answer (Jetty
            // closes, without saying so, a connection whose request body was left unread in some cases — see issue
            // 17's note). Browsers and OkHttp resend on a fresh connection then; so does this, once, and counts it.
            dropped.add(previous);
            try {
                r = atoll.http().send(call.method(), target.toString(), call.token, body, contentType);
            } catch (java.io.UncheckedIOException again) {
                throw new AssertionError("no answer to " + described + " even on a fresh connection", again);
            }
        } finally {
            previous = described;
        }
        statuses.merge(r.status(), 1, Integer::sum);
        assertThat(r.status()).as("%s %s → %s", call.method(), target, r.body()).isBetween(100, 499);
        if (r.status() >= 400 && target.toString().startsWith("/api/")) {
            JsonNode error = r.json();
            assertThat(error).as("%s %s answered %d with %s", call.method(), target, r.status(), r.body()).isNotNull();
            assertThat(error.path("error").isTextual()).as("%s %s: %s", call.method(), target, r.body()).isTrue();
        }
        if (r.status() >= 400) {
            assertThat(counts()).as("%s %s was refused (%d) but wrote", call.method(), target, r.status()).isEqualTo(before);
            refusedUnchanged.incrementAndGet();
        }
    }

    private static Map<String, Long> counts() {
        return atoll.app().infra.db.read(h -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String table : WRITTEN) out.put(table, h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            return out;
        });
    }

    private static String encode(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> {
            if (!s.isEmpty()) s.append('&');
            s.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return s.toString();
    }

    private static Map<String, String> flat(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        body.properties().forEach(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> route = Arbitraries.of(routes);
        Arbitrary<List<String>> pathValues = pathValue().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Map<String, String>> query = Arbitraries.maps(Arbitraries.of(NAMES), text()).ofMaxSize(4);
        Arbitrary<String> bodyKind = Arbitraries.of("none", "json", "json", "form", "form", "garbage");
        Arbitrary<String> token = Arbitraries.of(userToken, userToken, userToken, adminToken, adminToken, "not-a-token", "");
        return Combinators.combine(route, pathValues, query, bodyKind, jsonObject(), garbage(), token)
                .as((r, p, q, k, json, junk, t) -> new Call(r, p, q, k, k.equals("garbage") ? junk : json, t.isEmpty() ? null : t));
    }

    /** A path segment: a real id, a number at a type's edge, or text that must not reach a query or a file. */
    private Arbitrary<String> pathValue() {
        return Arbitraries.oneOf(Arbitraries.of(knownIds), Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("0", "-1", "-2147483648", "99999999999999999999", "1e309", "..", "%2e%2e", "null", "me", "%00"),
                text().map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8).replace("+", "%20")));
    }

    /** Parameter text: short words, numbers at the edges, markup, control characters, very long runs. */
    private Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().ofMaxLength(20)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(3, Arbitraries.strings().withChars('\u0000', '\u0007', '\u001b', '\u200d', '\u202e', '\ud83d', '\ude00', 'a', '@', '#', '.')
                        .ofMaxLength(40)),
                Tuple.of(6, Arbitraries.of("-2147483648", "9223372036854775807", "-1", "0", "1e309", "NaN", "true", "false", "null", "[]", "{}",
                        "../../etc/passwd", "<script>alert(1)</script>", "http://127.0.0.1:1/", "public", "direct", "private",
                        "unlisted", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z")),
                Tuple.of(4, Arbitraries.of(knownIds)),
                Tuple.of(1, Arbitraries.integers().between(2_000, 70_000).map("a"::repeat)));
    }

    private Arbitrary<JsonNode> jsonValue(int depth) {
        List<Arbitrary<? extends JsonNode>> choices = new ArrayList<>(List.of(
                text().map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode())));
        if (depth < 3) {
            choices.add(jsonValue(depth + 1).list().ofMaxSize(4).map(items -> {
                ArrayNode a = NODES.arrayNode();
                items.forEach(a::add);
                return a;
            }));
            choices.add(Arbitraries.maps(Arbitraries.of(NAMES), jsonValue(depth + 1)).ofMaxSize(3).map(ApiFuzzIT::object));
        }
        return Arbitraries.oneOf(choices);
    }

    private Arbitrary<JsonNode> jsonObject() {
        return Arbitraries.maps(Arbitraries.of(NAMES), jsonValue(0)).ofMaxSize(5).map(ApiFuzzIT::object);
    }

    /** A body that is not what its type says: broken JSON, a bare value, bytes, an unknown or broken charset. */
    private Arbitrary<JsonNode> garbage() {
        Arbitrary<String> raw = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.of("{", "[1,2", "\"just a string\"", "42", "{\"status\": ", "\u0000\u0000", "a=%zz&b", "--x\r\nbroken"));
        // with "multipart/form-data; boundary=x" and a body that never shows it, Jetty's parser gives up before the end
        // of the body: the server reads the rest, or the connection would close after the 400 without saying so
        Arbitrary<String> type = Arbitraries.of("application/json", "application/x-www-form-urlencoded",
                "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "application/json; charset=klingon", "application/xml", "");
        return Combinators.combine(raw, type).as((r, t) -> {
            ObjectNode o = NODES.objectNode();
            o.put("raw", r);
            o.put("type", t);
            return o;
        });
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode o = NODES.objectNode();
        fields.forEach(o::set);
        return o;
    }
}

package social.atoll.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * The inbox with generated activities, correctly signed by a known remote actor so that they reach processing:
 * every activity type Atoll handles and some it does not, ids and actors that lie about their origin, objects
 * embedded, referenced, missing or of the wrong JSON type, dates from nowhere, markup that must not survive. The
 * inbox answers every one with a 2xx or 4xx, never a 5xx; a refused activity is not remembered; and processing
 * what was accepted never ends in a job that died of an unexpected error.
 */
class InboxFuzzIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong IDS = new AtomicLong();
    private static TestInstance atoll;
    private static FakeFediServer remote;
    private static FakeFediServer.Actor bob;
    private static FakeFediServer.Actor mallory;
    private static String local;
    private static String localPost;
    private static final Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    private static final Set<String> types = ConcurrentHashMap.newKeySet();
    private static final Set<String> accepted = ConcurrentHashMap.newKeySet();

    @BeforeContainer
    static void start() {
        atoll = Fed.start();
        remote = FakeFediServer.start();
        bob = remote.actor("bob");
        mallory = remote.actor("mallory");
        String token = atoll.createUser("inboxfuzz");
        local = Fed.actorUri(atoll, "inboxfuzz");
        localPost = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "fuzz my replies")).json().get("uri").asText();
        Fed.remoteFollows(atoll, remote, bob, "inboxfuzz");
    }

    /** Processing what was accepted never ends in a job that died of an unexpected error. */
    @AfterContainer
    static void stop() {
        try {
            System.out.printf("inbox fuzz: answers by status %s, activity types %d%n", new TreeMap<>(answers), types.size());
            Await.until("inbound activities are processed", java.time.Duration.ofSeconds(120),
                    () -> atoll.app().infra.jobs.pendingCounts().getOrDefault("federation.inbox", 0) == 0);
            assertThat(atoll.app().infra.jobs.deadJobs(50)).as("inbox jobs that died").noneMatch(j -> j.taskName().equals("federation.inbox"));
        } finally {
            remote.close();
            atoll.close();
        }
    }

    @Property(tries = 600, seed = "20261205")
    void everyActivityIsAnswered2xxOr4xxAndARefusedOneIsNotRemembered(@ForAll("activities") ObjectNode activity) {
        types.add(activity.path("type").asText("?"));
        String inbox = activity.hashCode() % 3 == 0 ? atoll.baseUrl() + "/users/inboxfuzz/inbox" : Fed.sharedInbox(atoll);
        int status = remote.post(inbox, bob, activity);
        answers.merge(status, 1, Integer::sum);
        assertThat(status).as("%s", activity).isBetween(200, 499);
        if (status < 400 && activity.path("id").isTextual()) accepted.add(activity.get("id").asText());
        // an id accepted before (jqwik may generate a sample again while shrinking) is rightly remembered
        if (status >= 400 && activity.path("id").isTextual() && !accepted.contains(activity.get("id").asText())) {
            int seen = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM inbox_seen_activities WHERE activity_id = :id")
                    .bind("id", activity.get("id").asText()).mapTo(Integer.class).one());
            assertThat(seen).as("refused %d but remembered: %s", status, activity).isZero();
        }
    }

    @Provide
    Arbitrary<ObjectNode> activities() {
        Arbitrary<String> type = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("Create", "Update", "Delete", "Follow", "Accept", "Reject", "Undo", "Like", "Announce",
                        "Block", "Move", "Flag", "Add", "Remove", "EmojiReact", "QuoteRequest")),
                Tuple.of(1, Arbitraries.of("Note", "Question", "Person", "Listen", "", "create", "Tombstone")));
        Arbitrary<JsonNode> id = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.create(() -> NODES.textNode(bob.uri() + "/activities/" + IDS.incrementAndGet()))),
                Tuple.of(1, Arbitraries.of("other-host", "local-host", "not-a-uri", "number", "missing", "object").map(InboxFuzzIT::oddId)));
        Arbitrary<JsonNode> actor = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(NODES.textNode(bob.uri()))),
                Tuple.of(1, Arbitraries.of(
                        NODES.textNode(mallory.uri()), NODES.textNode(local), NODES.textNode(""), NODES.nullNode(),
                        NODES.arrayNode().add(bob.uri()), NODES.objectNode().put("id", bob.uri()), NODES.numberNode(7))));
        Arbitrary<JsonNode> object = Arbitraries.frequencyOf(
                Tuple.of(4, note()),
                Tuple.of(3, Arbitraries.of(local, localPost, bob.uri(), remote.base() + "/notes/" + "missing", "https://nowhere.invalid/x",
                        "", "javascript:alert(1)").map(NODES::textNode)),
                Tuple.of(1, Arbitraries.of(NODES.nullNode(), NODES.numberNode(1), NODES.arrayNode(), NODES.objectNode(),
                        NODES.arrayNode().add(localPost).add(local))),
                Tuple.of(2, Arbitraries.create(() -> {
                    ObjectNode follow = NODES.objectNode();
                    follow.put("type", "Follow").put("id", bob.uri() + "#follows/" + IDS.incrementAndGet()).put("actor", bob.uri()).put("object", local);
                    return follow;
                })));
        Arbitrary<JsonNode> audience = Arbitraries.of(
                NODES.arrayNode().add("https://www.w3.org/ns/activitystreams#Public"), NODES.arrayNode().add(local),
                NODES.arrayNode().add(bob.followers()), NODES.textNode("https://www.w3.org/ns/activitystreams#Public"), NODES.arrayNode(),
                NODES.nullNode(), NODES.numberNode(3), NODES.objectNode());
        Arbitrary<String> date = Arbitraries.of("2026-12-05T00:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday", "",
                "2026-13-45T99:99:99Z");
        return Combinators.combine(type, id, actor, object, audience, date).as((t, i, a, o, to, published) -> {
            ObjectNode activity = NODES.objectNode();
            activity.put("@context", "https://www.w3.org/ns/activitystreams");
            if (!t.isEmpty()) activity.put("type", t);
            if (i != null) activity.set("id", i);
            activity.set("actor", a);
            activity.set("object", o);
            activity.set("to", to);
            activity.put("published", published);
            if (t.equals("Like") || t.equals("EmojiReact")) activity.put("content", "🔥");
            if (t.equals("Move")) activity.put("target", mallory.uri());
            return activity;
        });
    }

    private static JsonNode oddId(String kind) {
        return switch (kind) {
            case "other-host" -> NODES.textNode("https://elsewhere.invalid/activities/" + IDS.incrementAndGet());
            case "local-host" -> NODES.textNode(atoll.baseUrl() + "/users/inboxfuzz#forged/" + IDS.incrementAndGet());
            case "not-a-uri" -> NODES.textNode("not a uri " + IDS.incrementAndGet());
            case "number" -> NODES.numberNode(IDS.incrementAndGet());
            case "object" -> NODES.objectNode().put("id", bob.uri() + "/x");
            default -> null;
        };
    }

    /** An embedded Note with generated fields: some sane, some of the wrong type, some hostile. */
    private Arbitrary<JsonNode> note() {
        Arbitrary<String> content = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.of("<p>hi <a href=\"javascript:alert(1)\">x</a><script>alert(1)</script></p>", "<p>" + "<b>".repeat(500) + "</p>",
                        "\u0000\u0007\u202e", "<img src=x onerror=alert(1)>", "@inboxfuzz@" + "a.".repeat(300)));
        Arbitrary<JsonNode> inReplyTo = Arbitraries.of(NODES.nullNode(), NODES.textNode(localPost), NODES.textNode(remote.base() + "/notes/gone"),
                NODES.numberNode(5), NODES.arrayNode());
        Arbitrary<JsonNode> tag = Arbitraries.of(NODES.arrayNode(),
                NODES.arrayNode().add(NODES.objectNode().put("type", "Mention").put("href", local)),
                NODES.arrayNode().add(NODES.objectNode().put("type", "Hashtag").put("name", "#" + "x".repeat(300))),
                NODES.arrayNode().add(NODES.objectNode().put("type", "Emoji").put("name", ":e:")),
                NODES.arrayNode().add("not an object"), NODES.textNode("tag"));
        Arbitrary<JsonNode> attachment = Arbitraries.of(NODES.arrayNode(),
                NODES.arrayNode().add(NODES.objectNode().put("type", "Document").put("mediaType", "image/png").put("url", remote.base() + "/img.png")),
                NODES.arrayNode().add(NODES.objectNode().put("type", "Document").put("url", "file:///etc/passwd")),
                NODES.objectNode().put("url", 5));
        Arbitrary<String> noteType = Arbitraries.of("Note", "Note", "Question", "Article", "Image", "Page", "Person", "");
        return Combinators.combine(noteType, content, inReplyTo, tag, attachment, Arbitraries.of(true, false)).as((t, c, r, tg, att, ownId) -> {
            ObjectNode note = NODES.objectNode();
            if (!t.isEmpty()) note.put("type", t);
            note.put("id", (ownId ? bob.uri() : "https://elsewhere.invalid/u") + "/notes/" + IDS.incrementAndGet());
            note.put("attributedTo", bob.uri());
            note.put("content", c);
            note.set("inReplyTo", r);
            note.set("tag", tg);
            note.set("attachment", att);
            note.put("to", "https://www.w3.org/ns/activitystreams#Public");
            if (t.equals("Question")) {
                ArrayNode options = note.putArray("oneOf");
                options.add(NODES.objectNode().put("type", "Note").put("name", "yes"));
                options.add(NODES.objectNode().put("name", 4));
            }
            return note;
        });
    }
}

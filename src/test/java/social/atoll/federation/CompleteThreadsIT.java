package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.thread.ThreadCompletion;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Complete threads against three fake servers speaking ActivityPub as Mastodon and others serve it: a thread of 50
 * replies spread over the three hosts, reached only through {@code replies} collections (an OrderedCollection paged by
 * id with items as ids and as embedded objects, Mastodon's Collection with an embedded first CollectionPage and a
 * {@code next} page). Opening the thread fetches every reply; opening it again within minutes reads nothing again; a
 * thread with more replies than the bound stops at {@link ThreadCompletion#MAX_PER_THREAD}.
 */
class CompleteThreadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static TestInstance a;
    private static final List<FakeFediServer> hosts = new ArrayList<>();
    private static final List<FakeFediServer.Actor> people = new ArrayList<>();
    private static String alice;

    @BeforeAll
    static void start() {
        a = Fed.start();
        alice = a.createUser("alice");
        for (int i = 0; i < 3; i++) {
            FakeFediServer h = FakeFediServer.start();
            hosts.add(h);
            people.add(h.actor("person" + i));
        }
        Fed.followRemote(a, alice, hosts.get(0), people.get(0));
    }

    @AfterAll
    static void stop() {
        a.close();
        hosts.forEach(FakeFediServer::close);
    }

    /** A post and the replies to it, to be served by its author's host. */
    private record Post(String id, int host, String parent, List<String> children) {}

    private static ObjectNode note(Post p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("@context", "https://www.w3.org/ns/activitystreams");
        n.put("id", p.id());
        n.put("type", "Note");
        n.put("attributedTo", people.get(p.host()).uri());
        n.put("content", "<p>post " + p.id() + "</p>");
        n.put("published", "2025-11-04T10:00:00Z");
        if (p.parent() == null) n.putNull("inReplyTo");
        else n.put("inReplyTo", p.parent());
        n.putArray("to").add(PUBLIC);
        n.putArray("cc").add(people.get(p.host()).followers());
        return n;
    }

    /** Mastodon's shape: a Collection with its first page embedded (items as ids) and a next page by id. */
    private static void serveMastodonStyle(Post p, Map<String, Post> all) {
        FakeFediServer h = hosts.get(p.host());
        ObjectNode n = note(p);
        String coll = p.id() + "/replies";
        ObjectNode replies = n.putObject("replies");
        replies.put("id", coll);
        replies.put("type", "Collection");
        ObjectNode first = replies.putObject("first");
        first.put("type", "CollectionPage");
        first.put("partOf", coll);
        ArrayNode items = first.putArray("items");
        int half = p.children().size() / 2;
        for (String c : p.children().subList(0, half)) items.add(c);
        first.put("next", coll + "/page/2");
        ObjectNode page2 = JSON.createObjectNode();
        page2.put("id", coll + "/page/2");
        page2.put("type", "CollectionPage");
        page2.put("partOf", coll);
        ArrayNode items2 = page2.putArray("items");
        for (String c : p.children().subList(half, p.children().size())) items2.add(c);
        h.serve(page2);
        h.serve(n);
    }

    /** An OrderedCollection by id, three pages by id: items as ids, then as embedded objects, then ids again. */
    private static void serveOrdered(Post p, Map<String, Post> all) {
        FakeFediServer h = hosts.get(p.host());
        ObjectNode n = note(p);
        String coll = p.id() + "/replies";
        n.put("replies", coll);
        ObjectNode c = JSON.createObjectNode();
        c.put("id", coll);
        c.put("type", "OrderedCollection");
        c.put("totalItems", p.children().size());
        c.put("first", coll + "/page/1");
        h.serve(c);
        int size = p.children().size();
        int[] cuts = {0, size / 3, 2 * size / 3, size};
        for (int i = 0; i < 3; i++) {
            ObjectNode page = JSON.createObjectNode();
            page.put("id", coll + "/page/" + (i + 1));
            page.put("type", "OrderedCollectionPage");
            page.put("partOf", coll);
            if (i < 2) page.put("next", coll + "/page/" + (i + 2));
            ArrayNode items = page.putArray("orderedItems");
            for (String child : p.children().subList(cuts[i], cuts[i + 1])) {
                if (i == 1) items.add(note(all.get(child))); // embedded, as some servers do; fetched from its origin anyway
                else items.add(child);
            }
            h.serve(page);
        }
        h.serve(n);
    }

    /** Builds a thread under a root by person0: {@code perLevel} replies per level as given, parents in turn. */
    private static Map<String, Post> thread(String name, int[] perLevel, int parentsPerLevel) {
        Map<String, Post> all = new LinkedHashMap<>();
        String rootId = people.get(0).uri() + "/statuses/" + name;
        all.put(rootId, new Post(rootId, 0, null, new ArrayList<>()));
        List<String> level = List.of(rootId);
        int n = 0;
        for (int count : perLevel) {
            List<String> next = new ArrayList<>();
            List<String> parents = level.subList(0, Math.min(parentsPerLevel, level.size()));
            for (int i = 0; i < count; i++) {
                int host = n % 3;
                String id = people.get(host).uri() + "/statuses/" + name + "-" + (n++);
                String parent = parents.get(i % parents.size());
                all.put(id, new Post(id, host, parent, new ArrayList<>()));
                all.get(parent).children().add(id);
                next.add(id);
            }
            level = next;
        }
        boolean ordered = true;
        for (Post p : all.values()) {
            if (ordered) serveOrdered(p, all);
            else serveMastodonStyle(p, all);
            ordered = !ordered;
        }
        return all;
    }

    private static Long idOn(String uri) { return a.app().core.statuses.byUri(uri).map(s -> s.id()).orElse(null); }

    private static void deliverRoot(String rootId, Map<String, Post> all) {
        ObjectNode create = JSON.createObjectNode();
        create.put("@context", "https://www.w3.org/ns/activitystreams");
        create.put("id", rootId + "/activity");
        create.put("type", "Create");
        create.put("actor", people.get(0).uri());
        create.putArray("to").add(PUBLIC);
        create.set("object", note(all.get(rootId)));
        assertThat(hosts.get(0).post(Fed.sharedInbox(a), people.get(0), create)).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        assertThat(idOn(rootId)).isNotNull();
    }

    private static void awaitThreadJobs() {
        Await.until("thread jobs are done", () -> {
            var pending = a.app().infra.jobs.pendingCounts();
            return pending.getOrDefault(ThreadCompletion.REPLIES.name(), 0) == 0 && pending.getOrDefault(ThreadCompletion.REPLY.name(), 0) == 0;
        });
    }

    private static Set<String> descendants(long rootOnA) {
        JsonNode ctx = a.http().get("/api/v1/statuses/" + rootOnA + "/context", alice).json();
        Set<String> out = new HashSet<>();
        ctx.get("descendants").forEach(d -> out.add(d.get("uri").asText()));
        return out;
    }

    @Test
    void aThreadOfFiftyRepliesOnThreeHostsIsCompletedWhenOpened() {
        // 20 replies to the root, 20 to the first ten of those, 10 to the first ten of those: 50, on three hosts
        Map<String, Post> all = thread("t50", new int[] {20, 20, 10}, 10);
        String rootId = all.keySet().iterator().next();
        deliverRoot(rootId, all);
        long rootOnA = idOn(rootId);
        assertThat(descendants(rootOnA)).isEmpty();

        Set<String> expected = new HashSet<>(all.keySet());
        expected.remove(rootId);
        assertThat(expected).hasSize(50);
        Await.until("every reply is in the context", () -> descendants(rootOnA).containsAll(expected));
        awaitThreadJobs();
        assertThat(descendants(rootOnA)).isEqualTo(expected);
        assertThat(hosts.get(0).fetchCount(rootId)).isEqualTo(1); // the root's document, read once for its replies

        // opened again within minutes: nothing is read again
        long rootFetches = hosts.get(0).fetchCount(rootId);
        long collectionFetches = hosts.get(0).fetchCount(rootId + "/replies");
        descendants(rootOnA);
        a.http().get("/@" + people.get(0).name() + "@" + hosts.get(0).domain() + "/" + rootOnA, alice);
        awaitThreadJobs();
        assertThat(hosts.get(0).fetchCount(rootId)).isEqualTo(rootFetches);
        assertThat(hosts.get(0).fetchCount(rootId + "/replies")).isEqualTo(collectionFetches);
    }

    @Test
    void aThreadLargerThanTheBoundStopsAtIt() {
        Map<String, Post> all = thread("t230", new int[] {230}, 1);
        String rootId = all.keySet().iterator().next();
        deliverRoot(rootId, all);
        long rootOnA = idOn(rootId);
        descendants(rootOnA);
        Await.until("the bound is reached", () -> descendants(rootOnA).size() >= ThreadCompletion.MAX_PER_THREAD);
        awaitThreadJobs();
        assertThat(descendants(rootOnA)).hasSize(ThreadCompletion.MAX_PER_THREAD);
    }

    /**
     * The depth bound: a chain of 20 replies, each answering the one before, is fetched {@link ThreadCompletion#MAX_DEPTH}
     * levels below the post opened; the reply one level deeper is never asked for.
     */
    @Test
    void aChainDeeperThanTheBoundStopsAtIt() {
        int[] levels = new int[20];
        java.util.Arrays.fill(levels, 1);
        Map<String, Post> all = thread("deep", levels, 1);
        List<String> chain = new ArrayList<>(all.keySet());
        String rootId = chain.get(0);
        deliverRoot(rootId, all);
        long rootOnA = idOn(rootId);
        // opened once; each opening counts the depth anew from the posts it shows, so the test does not open it again
        descendants(rootOnA);
        Await.until("the chain is fetched down to the bound", () -> idOn(chain.get(ThreadCompletion.MAX_DEPTH)) != null);
        awaitThreadJobs();
        for (String uri : chain.subList(1, ThreadCompletion.MAX_DEPTH + 1)) assertThat(idOn(uri)).as(uri).isNotNull();
        for (String tooDeep : chain.subList(ThreadCompletion.MAX_DEPTH + 1, chain.size())) {
            assertThat(idOn(tooDeep)).as(tooDeep).isNull();
            assertThat(hosts.get(all.get(tooDeep).host()).fetchCount(tooDeep)).as(tooDeep).isZero();
        }
        assertThat(descendants(rootOnA)).containsExactlyInAnyOrderElementsOf(chain.subList(1, ThreadCompletion.MAX_DEPTH + 1));
    }

    /** A post's replies are read at most once per {@link ThreadCompletion#COOLDOWN}, and again once it has passed. */
    @Test
    void aPostsRepliesAreReadAgainOnlyAfterTheCooldown() {
        Map<String, Post> all = thread("cool", new int[] {3}, 1);
        String rootId = all.keySet().iterator().next();
        deliverRoot(rootId, all);
        long rootOnA = idOn(rootId);
        descendants(rootOnA);
        Await.until("the replies are fetched", () -> descendants(rootOnA).size() == 3);
        awaitThreadJobs();
        FakeFediServer host = hosts.get(0);
        assertThat(host.fetchCount(rootId)).isEqualTo(1);

        // opened again and again within the cooldown: the collection is not read again
        for (int i = 0; i < 3; i++) descendants(rootOnA);
        awaitThreadJobs();
        assertThat(host.fetchCount(rootId)).isEqualTo(1);

        // the cooldown passes (the last reading is moved back beyond it): the next opening reads it once more
        long past = java.time.Instant.now().minus(ThreadCompletion.COOLDOWN).minusSeconds(60).toEpochMilli();
        a.app().infra.db.write(h -> h.createUpdate("UPDATE thread_reply_fetches SET fetched_at = :t WHERE status_id = :s")
                .bind("t", past).bind("s", rootOnA).execute());
        descendants(rootOnA);
        Await.until("the collection is read again", () -> host.fetchCount(rootId) == 2);
        awaitThreadJobs();
        descendants(rootOnA);
        awaitThreadJobs();
        assertThat(host.fetchCount(rootId)).isEqualTo(2);
        assertThat(descendants(rootOnA)).hasSize(3);
    }
}

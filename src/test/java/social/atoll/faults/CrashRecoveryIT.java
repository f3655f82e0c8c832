package social.atoll.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.atoll.config.SettingsLoader;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.ChildAtoll;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestDatabases;
import social.atoll.testing.TestInstance;

/**
 * {@code kill -9} in the middle of work loses nothing and applies nothing twice: every inbound activity answered
 * 202 is stored once after a restart even if it is never sent again, and every post the API confirmed reaches its
 * remote follower, under one activity id however often it is retried. The server runs in a process of its own
 * ({@link ChildAtoll}) so that it can really be killed; seeding and the final checks go through the same data dir.
 */
class CrashRecoveryIT {

    private static final int ACTIVITIES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    /** Settings of a fresh instance, as {@link TestInstance} makes them, so that a child process can take them as its environment. */
    private static Map<String, String> flags(Path dir) {
        int port = FreePort.find();
        Map<String, String> flags = new HashMap<>();
        flags.put("ATOLL_PORT", Integer.toString(port));
        flags.put("ATOLL_DOMAIN", "localhost:" + port);
        flags.put("ATOLL_DATA_DIR", dir.toString());
        flags.put("ATOLL_DB_URL", TestDatabases.freshUrl(dir));
        flags.put("ATOLL_BIND", "127.0.0.1");
        flags.put("ATOLL_RATE_LIMIT", "off");
        flags.put("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true");
        return flags;
    }

    /** Seeds through an in-process instance, which then stops and leaves the data dir to the child processes. */
    private TestInstance seed(Path dir, Map<String, String> flags) {
        return TestInstance.start(dir, new SettingsLoader(flags, Map.of(), null).load());
    }

    private Path tempDir() throws IOException {
        Path dir = Files.createTempDirectory("atoll-crash");
        open.add(() -> {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        });
        return dir;
    }

    private ChildAtoll child(Path dir, Map<String, String> flags) {
        ChildAtoll child = ChildAtoll.start(dir, flags);
        open.add(child);
        return child;
    }

    private static long count(String url, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void inboundActivitiesAnswered202SurviveAKillAndAreStoredOnce() throws Exception {
        Path dir = tempDir();
        Map<String, String> flags = flags(dir);
        FakeFediServer remote = FakeFediServer.start();
        open.add(remote);
        FakeFediServer.Actor bob = remote.actor("bob");
        TestInstance seed = seed(dir, flags);
        seed.createUser("target");
        Fed.introduce(seed, remote, bob);
        String target = seed.baseUrl() + "/users/target";
        seed.stop();

        List<String> activities = new ArrayList<>();
        for (int i = 0; i < ACTIVITIES; i++) {
            activities.add(Fed.createNote(bob, bob.uri() + "/statuses/" + i, "<p>mention " + i + "</p>", "[\"" + target + "\"]", "[]",
                    "[{\"type\": \"Mention\", \"href\": \"" + target + "\"}]", null));
        }
        ChildAtoll first = child(dir, flags);
        String inbox = first.baseUrl() + "/inbox";
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < ACTIVITIES; i = next.getAndIncrement()) {
                    try {
                        if (remote.post(inbox, bob, activities.get(i)) == 202) accepted.add(i);
                    } catch (RuntimeException refusedOrCut) {
                        // the server died under this request: it was never confirmed
                    }
                    if (accepted.size() >= ACTIVITIES / 4 && killed.compareAndSet(false, true)) first.kill();
                }
            }));
        }
        for (Thread s : senders) s.join();
        assertThat(killed).isTrue();
        assertThat(accepted).hasSizeBetween(ACTIVITIES / 4, ACTIVITIES - 1);

        ChildAtoll second = child(dir, flags);
        String url = flags.get("ATOLL_DB_URL");
        String statusUris = bob.uri() + "/statuses/%";
        // only what was never confirmed is sent again, plus a few confirmed ones (a sender's retry): if a confirmed
        // activity had been lost, nothing would bring it back
        List<Integer> replays = accepted.stream().sorted().limit(50).toList();
        for (int i = 0; i < ACTIVITIES; i++) {
            if (!accepted.contains(i) || replays.contains(i)) assertThat(remote.post(second.baseUrl() + "/inbox", bob, activities.get(i))).isEqualTo(202);
        }
        Await.until("every activity is stored", Duration.ofSeconds(120),
                () -> count(url, "SELECT COUNT(*) FROM statuses WHERE uri LIKE ?", statusUris) >= ACTIVITIES);
        second.close();

        assertThat(count(url, "SELECT COUNT(*) FROM statuses WHERE uri LIKE ?", statusUris)).isEqualTo(ACTIVITIES);
        assertThat(count(url, "SELECT COUNT(DISTINCT uri) FROM statuses WHERE uri LIKE ?", statusUris)).isEqualTo(ACTIVITIES);
        assertThat(count(url, "SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id"
                + " WHERE a.username = 'target' AND a.domain IS NULL AND n.type = 'mention'")).isEqualTo(ACTIVITIES);
    }

    @Test
    void postsConfirmedBeforeAKillReachTheirRemoteFollowerUnderOneActivityId() throws Exception {
        Path dir = tempDir();
        Map<String, String> flags = flags(dir);
        FakeFediServer remote = FakeFediServer.start();
        open.add(remote);
        FakeFediServer.Actor carol = remote.actor("carol");
        TestInstance seed = seed(dir, flags);
        String token = seed.createUser("author");
        Fed.remoteFollows(seed, remote, carol, "author");
        seed.stop();

        // the posts first, on a node that only stores jobs, so that all 1,000 deliveries are waiting when workers start
        Map<String, String> webOnly = new HashMap<>(flags);
        webOnly.put("ATOLL_ROLE", "web");
        ChildAtoll poster = child(dir, webOnly);
        HttpClient client = HttpClient.newHttpClient();
        Map<String, String> confirmed = new ConcurrentHashMap<>(); // status uri → text
        AtomicInteger next = new AtomicInteger();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            posters.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < ACTIVITIES; i = next.getAndIncrement()) {
                    String text = "delivered " + i;
                    try {
                        var answer = client.send(HttpRequest.newBuilder(URI.create(poster.baseUrl() + "/api/v1/statuses"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("status", text)))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        confirmed.put(JSON.readTree(answer.body()).get("uri").asText(), text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread p : posters) p.join();
        assertThat(confirmed).hasSize(ACTIVITIES);
        poster.close();
        assertThat(remote.received("Create")).isEmpty();

        // workers start delivering; kill -9 with some sent, some being sent and most still queued
        ChildAtoll first = child(dir, flags);
        Await.until("deliveries are under way", Duration.ofSeconds(120), () -> remote.received("Create").size() >= ACTIVITIES / 4);
        first.kill();
        int beforeKill = remote.received("Create").size();
        assertThat(beforeKill).isLessThan(ACTIVITIES);

        ChildAtoll second = child(dir, flags);
        Await.until("every confirmed post is delivered", Duration.ofSeconds(180), () -> {
            Set<String> delivered = new HashSet<>();
            for (JsonNode create : remote.received("Create")) delivered.add(create.path("object").path("id").asText());
            return delivered.containsAll(confirmed.keySet());
        });
        second.close();

        Map<String, Set<String>> activityIds = new HashMap<>();
        for (JsonNode create : remote.received("Create")) {
            activityIds.computeIfAbsent(create.path("object").path("id").asText(), k -> new HashSet<>()).add(create.path("id").asText());
        }
        for (String uri : confirmed.keySet()) {
            assertThat(activityIds.get(uri)).as("the Creates of " + uri + " (a receiver drops a repeated id)").hasSize(1);
        }
        int copies = remote.received("Create").size();
        System.out.printf("crash during deliveries: %d posts, %d delivered before the kill, %d Creates received in all for %d distinct posts%n",
                confirmed.size(), beforeKill, copies, activityIds.size());
    }
}

package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/** Helpers shared by the federation tests: instances that may reach loopback peers, and common API reads. */
public final class Fed {

    private static final AtomicLong COUNTER = new AtomicLong(System.currentTimeMillis());

    private Fed() {}

    /** An Atoll instance that federates with loopback hosts over plain HTTP. */
    public static TestInstance start() { return start(Map.of()); }

    /** {@link #start()} with more settings. */
    public static TestInstance start(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true");
        return TestInstance.start(all);
    }

    /** A number no other activity in this JVM uses (for activity and object ids). */
    public static long unique() { return COUNTER.incrementAndGet(); }

    public static String actorUri(TestInstance atoll, String username) { return atoll.baseUrl() + "/users/" + username; }

    public static String sharedInbox(TestInstance atoll) { return atoll.baseUrl() + "/inbox"; }

    public static String accountId(TestInstance atoll, String token) {
        return atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asText();
    }

    /** The id this instance gave a remote account, looked up by handle; null when unknown. */
    public static String remoteId(TestInstance atoll, String acct) {
        var r = atoll.http().get("/api/v1/accounts/lookup?acct=" + acct);
        return r.status() == 200 ? r.json().get("id").asText() : null;
    }

    /** Waits until the instance has processed every inbound activity it accepted. */
    public static void awaitInboxIdle(TestInstance atoll) {
        Await.until("inbound activities are processed", () -> atoll.app().infra.jobs.pendingCounts().getOrDefault("federation.inbox", 0) == 0);
    }

    /** Waits until the instance has sent every delivery it queued. */
    public static void awaitDeliveries(TestInstance atoll) {
        Await.until("deliveries are sent", () -> {
            var pending = atoll.app().infra.jobs.pendingCounts();
            return pending.getOrDefault("federation.poll-tally", 0) == 0 && pending.getOrDefault("federation.delivery", 0) == 0;
        });
    }

    public static JsonNode relationship(TestInstance atoll, String token, String accountId) {
        var r = atoll.http().get("/api/v1/accounts/relationships?id[]=" + accountId, token);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get(0);
    }

    /**
     * Makes the instance know a fake actor (its signature check fetches and stores the actor), the way a first
     * activity from a new server does; returns the account id.
     */
    public static String introduce(TestInstance atoll, FakeFediServer remote, FakeFediServer.Actor actor) {
        String view = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/views/%d", "type": "View",
                 "actor": "%s", "object": "%s/videos/1"}""".formatted(actor.uri(), unique(), actor.uri(), remote.base());
        assertThat(remote.post(sharedInbox(atoll), actor, view)).isEqualTo(202);
        String id = remoteId(atoll, actor.name() + "@" + remote.domain());
        assertThat(id).isNotNull();
        return id;
    }

    /** A fixture from {@code fixtures/activities}, with its {{placeholders}} filled in. */
    public static String fixture(String name, Map<String, String> values) {
        try (InputStream in = Fed.class.getResourceAsStream("/fixtures/activities/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var e : values.entrySet()) text = text.replace("{{" + e.getKey() + "}}", e.getValue());
            if (text.contains("{{")) throw new IllegalArgumentException("unfilled placeholder in " + name + ": " + text.substring(text.indexOf("{{"), text.indexOf("{{") + 20));
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code actor} follows local {@code username} (an open account), which accepts. */
    public static void remoteFollows(TestInstance atoll, FakeFediServer remote, FakeFediServer.Actor actor, String username) {
        String follow = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#follows/%d", "type": "Follow", "actor": "%s", "object": "%s"}"""
                .formatted(actor.uri(), unique(), actor.uri(), actorUri(atoll, username));
        assertThat(remote.post(sharedInbox(atoll), actor, follow)).isEqualTo(202);
        Await.until(actor.name() + " is accepted", () -> remote.received("Accept").stream()
                .anyMatch(a -> a.path("object").path("actor").asText().equals(actor.uri())));
    }

    /** {@code token}'s account follows {@code actor}, which accepts; returns the actor's account id. */
    public static String followRemote(TestInstance atoll, String token, FakeFediServer remote, FakeFediServer.Actor actor) {
        String id = introduce(atoll, remote, actor);
        String me = actorUri(atoll, atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("username").asText());
        atoll.http().postJson("/api/v1/accounts/" + id + "/follow", token, null);
        Await.until("the Follow reaches " + actor.name(), () -> remote.received("Follow").stream()
                .anyMatch(f -> f.path("object").asText().equals(actor.uri()) && f.path("actor").asText().equals(me)));
        String accept = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#accepts/%d", "type": "Accept", "actor": "%s",
                 "object": {"type": "Follow", "actor": "%s", "object": "%s"}}""".formatted(actor.uri(), unique(), actor.uri(), me, actor.uri());
        assertThat(remote.post(sharedInbox(atoll), actor, accept)).isEqualTo(202);
        Await.until("the follow is accepted", () -> relationship(atoll, token, id).get("following").asBoolean());
        return id;
    }

    /** A public Note by {@code actor} wrapped in a Create, as Mastodon sends it. */
    public static String createNote(FakeFediServer.Actor actor, String noteId, String html, String to, String cc, String tags, String inReplyTo) {
        return """
                {"@context": ["https://www.w3.org/ns/activitystreams", {"sensitive": "as:sensitive"}],
                 "id": "%1$s/activity", "type": "Create", "actor": "%2$s", "published": "2025-11-04T10:00:00Z",
                 "to": %3$s, "cc": %4$s,
                 "object": {"id": "%1$s", "type": "Note", "attributedTo": "%2$s", "content": %5$s, "published": "2025-11-04T10:00:00Z",
                   "url": "%1$s", "to": %3$s, "cc": %4$s, "tag": %6$s, "inReplyTo": %7$s, "sensitive": false}}"""
                .formatted(noteId, actor.uri(), to, cc, quote(html), tags, inReplyTo == null ? "null" : quote(inReplyTo));
    }

    public static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

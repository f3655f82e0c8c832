package social.atoll.federation.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Two real instances on loopback: B finds alice of A through WebFinger and the actor document — by
 * {@code /api/v1/accounts/lookup} and by {@code /api/v2/search?resolve=true} — and imports A's posts by URL. With
 * authorized fetch on A, unsigned fetches are refused while B's signed ones (and the instance actor) still work.
 */
class RemoteResolveIT {

    static final Map<String, String> LOOPBACK = Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true");

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Test
    void lookupAndSearchResolveARemoteAccount() {
        try (TestInstance a = TestInstance.start(LOOPBACK); TestInstance b = TestInstance.start(LOOPBACK)) {
            String alice = a.createUser("alice");
            var update = a.http().patchJson("/api/v1/accounts/update_credentials", alice,
                    Map.of("display_name", "Alice A", "note", "Photographer", "locked", true));
            assertThat(update.status()).as(update.body()).isEqualTo(200);
            a.http().postJson("/api/v1/statuses", alice, Map.of("status", "counted", "visibility", "public"));
            String carol = b.createUser("carol");
            String handle = "alice@" + a.domain();

            // anonymous callers cannot make B fetch anything
            assertThat(b.http().get("/api/v1/accounts/lookup?acct=" + enc(handle)).status()).isEqualTo(404);

            TestHttp.Response r = b.http().get("/api/v1/accounts/lookup?acct=" + enc(handle), carol);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode account = r.json();
            assertThat(account.get("acct").asText()).isEqualTo(handle);
            assertThat(account.get("username").asText()).isEqualTo("alice");
            assertThat(account.get("display_name").asText()).isEqualTo("Alice A");
            assertThat(account.get("note").asText()).contains("Photographer");
            assertThat(account.get("locked").asBoolean()).isTrue();
            assertThat(account.get("url").asText()).isEqualTo(a.baseUrl() + "/@alice");
            assertThat(account.get("uri").asText()).isEqualTo(a.baseUrl() + "/users/alice");
            String id = account.get("id").asText();
            // the counts follow from her collections, read in the background
            social.atoll.testing.Await.until("alice's post count", () ->
                    b.http().get("/api/v1/accounts/" + id).json().get("statuses_count").asInt() == 1);

            // now known: anonymous lookups and the account endpoint find it too
            assertThat(b.http().get("/api/v1/accounts/lookup?acct=" + enc("@" + handle)).json().get("id").asText()).isEqualTo(id);
            assertThat(b.http().get("/api/v1/accounts/" + id).json().get("acct").asText()).isEqualTo(handle);

            // search with resolve finds the same account
            a.createUser("dora");
            var search = b.http().get("/api/v2/search?resolve=true&q=" + enc("@dora@" + a.domain()), carol);
            assertThat(search.status()).as(search.body()).isEqualTo(200);
            assertThat(search.json().get("accounts").get(0).get("acct").asText()).isEqualTo("dora@" + a.domain());
            // without resolve an unknown handle is not fetched
            a.createUser("erin");
            assertThat(b.http().get("/api/v2/search?q=" + enc("@erin@" + a.domain()), carol).json().get("accounts").size()).isZero();
            // unknown handles are not found
            assertThat(b.http().get("/api/v1/accounts/lookup?acct=" + enc("nobody@" + a.domain()), carol).status()).isEqualTo(404);
        }
    }

    @Test
    void searchResolvesPostsAndActorsByUrl() {
        try (TestInstance a = TestInstance.start(LOOPBACK); TestInstance b = TestInstance.start(LOOPBACK)) {
            String alice = a.createUser("alice");
            String carol = b.createUser("carol");
            var posted = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "Hello from A #federation", "visibility", "public"));
            String statusUrl = posted.json().get("url").asText();
            String statusUri = posted.json().get("uri").asText();

            var r = b.http().get("/api/v2/search?resolve=true&type=statuses&q=" + enc(statusUrl), carol);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode status = r.json().get("statuses").get(0);
            assertThat(status.get("uri").asText()).isEqualTo(statusUri);
            assertThat(status.get("content").asText()).contains("Hello from A");
            assertThat(status.get("account").get("acct").asText()).isEqualTo("alice@" + a.domain());
            // by its id as well, and it is the same stored status
            var again = b.http().get("/api/v2/search?resolve=true&q=" + enc(statusUri), carol);
            assertThat(again.json().get("statuses").get(0).get("id").asText()).isEqualTo(status.get("id").asText());

            // a private post cannot be resolved by an unrelated server
            var secret = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "for followers", "visibility", "private"));
            var hidden = b.http().get("/api/v2/search?resolve=true&q=" + enc(secret.json().get("uri").asText()), carol);
            assertThat(hidden.json().get("statuses").size()).isZero();

            // an actor URL resolves to the account
            var actor = b.http().get("/api/v2/search?resolve=true&q=" + enc(a.baseUrl() + "/users/alice"), carol);
            assertThat(actor.json().get("accounts").get(0).get("acct").asText()).isEqualTo("alice@" + a.domain());
        }
    }

    @Test
    void authorizedFetchRefusesUnsignedGetsButNotTheInstanceActor() {
        Map<String, String> secure = new java.util.HashMap<>(LOOPBACK);
        secure.put("ATOLL_AUTHORIZED_FETCH", "true");
        try (TestInstance a = TestInstance.start(secure); TestInstance b = TestInstance.start(LOOPBACK)) {
            String alice = a.createUser("alice");
            a.http().patchJson("/api/v1/accounts/update_credentials", alice, Map.of("note", "Only signed readers see this"));
            String carol = b.createUser("carol");
            var posted = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "signed readers only", "visibility", "public"));
            String uri = posted.json().get("uri").asText();
            Map<String, String> as = Map.of("Accept", "application/activity+json");

            assertThat(a.http().send("GET", uri, null, null, null, as).status()).isEqualTo(401);
            assertThat(a.http().send("GET", "/users/alice/outbox", null, null, null, as).status()).isEqualTo(401);
            assertThat(a.http().send("GET", "/users/alice/followers", null, null, null, as).status()).isEqualTo(401);
            assertThat(a.http().get("/actor").status()).isEqualTo(200);
            assertThat(a.http().get("/.well-known/webfinger?resource=" + enc("acct:alice@" + a.domain())).status()).isEqualTo(200);
            assertThat(a.http().get("/nodeinfo/2.0").status()).isEqualTo(200);
            // the actor is readable unsigned, but bare: key and inbox, no profile
            JsonNode bare = readJson(a.http().send("GET", "/users/alice", null, null, null, as));
            assertThat(bare.get("publicKey").get("id").asText()).isEqualTo(a.baseUrl() + "/users/alice#main-key");
            assertThat(bare.has("inbox")).isTrue();
            assertThat(bare.has("summary")).isFalse();
            // browsers still get the HTML page
            assertThat(a.http().send("GET", "/@alice", null, null, null, Map.of("Accept", "text/html")).status()).isEqualTo(200);

            // B signs its fetches (as its instance actor), so it resolves alice and her post
            var lookup = b.http().get("/api/v1/accounts/lookup?acct=" + enc("alice@" + a.domain()), carol);
            assertThat(lookup.status()).as(lookup.body()).isEqualTo(200);
            assertThat(lookup.json().get("note").asText()).contains("Only signed readers see this");
            var search = b.http().get("/api/v2/search?resolve=true&q=" + enc(uri), carol);
            assertThat(search.json().get("statuses").get(0).get("content").asText()).contains("signed readers only");
        }
    }

    @Test
    void aSignedFetchSeesWhatItsSignerMaySee() throws Exception {
        try (TestInstance a = TestInstance.start(LOOPBACK); TestInstance b = TestInstance.start(LOOPBACK)) {
            String alice = a.createUser("alice");
            b.createUser("bob");
            b.createUser("carol");
            // A meets bob, so that alice can mention him
            assertThat(a.http().get("/api/v1/accounts/lookup?acct=" + enc("bob@" + b.domain()), alice).status()).isEqualTo(200);
            var posted = a.http().postJson("/api/v1/statuses", alice,
                    Map.of("status", "@bob@" + b.domain() + " just for you", "visibility", "direct"));
            String uri = posted.json().get("uri").asText();
            var bob = b.app().core.accounts.byAcct("bob", null).orElseThrow();
            var carol = b.app().core.accounts.byAcct("carol", null).orElseThrow();
            var client = b.app().federation.federationClient;

            JsonNode note = client.fetchObject(java.net.URI.create(uri), bob);
            assertThat(note.get("content").asText()).contains("just for you");
            assertThat(note.get("to").toString()).contains(bob.uri());
            assertThat(note.has("cc") && note.get("cc").isEmpty()).isTrue();
            for (var other : java.util.List.of(java.util.Optional.of(carol), java.util.Optional.<social.atoll.core.account.Account>empty())) {
                var e = org.assertj.core.api.Assertions.catchThrowableOfType(social.atoll.federation.RemoteStatusException.class,
                        () -> { if (other.isPresent()) client.fetchObject(java.net.URI.create(uri), other.get()); else client.fetchObject(java.net.URI.create(uri)); });
                assertThat(e).isNotNull();
                assertThat(e.status()).isEqualTo(404);
            }
        }
    }

    /** An actor document whose FEP-2c59 {@code webfinger} names {@code handle}. */
    static String actor(String uri, String name, String handle, java.security.KeyPair keys) {
        String pem = social.atoll.federation.keys.Pem.encode("PUBLIC KEY", keys.getPublic().getEncoded()).replace("\n", "\\n");
        return ("{\"@context\": [\"https://www.w3.org/ns/activitystreams\", \"https://w3id.org/security/v1\"], \"id\": \"%1$s\","
                + " \"type\": \"Person\", \"preferredUsername\": \"%2$s\", \"inbox\": \"%1$s/inbox\", \"webfinger\": \"%3$s\","
                + " \"publicKey\": {\"id\": \"%1$s#main-key\", \"owner\": \"%1$s\", \"publicKeyPem\": \"%4$s\"}}")
                .formatted(uri, name, handle, pem);
    }

    @Test
    void handlesOnAnotherDomainThanTheActorAreConfirmedByWebFinger() {
        try (TestInstance b = TestInstance.start(LOOPBACK);
             social.atoll.federation.DocumentServer handleHost = new social.atoll.federation.DocumentServer();
             social.atoll.federation.DocumentServer apHost = new social.atoll.federation.DocumentServer()) {
            String carol = b.createUser("carol");
            String handleDomain = handleHost.baseUrl().substring("http://".length());
            String zed = apHost.baseUrl() + "/users/zed";
            String yan = apHost.baseUrl() + "/users/yan";
            var keys = social.atoll.federation.keys.LocalKeys.rsa();
            apHost.put("/users/zed", actor(zed, "zed", "zed@" + handleDomain, keys));
            apHost.put("/users/yan", actor(yan, "yan", "yan@" + handleDomain, keys));
            handleHost.put("/.well-known/webfinger", "{\"subject\": \"acct:zed@" + handleDomain + "\", \"links\": [{\"rel\": \"self\","
                    + " \"type\": \"application/activity+json\", \"href\": \"" + zed + "\"}]}");

            // by handle: WebFinger on the handle domain points at the actor on the other host
            var r = b.http().get("/api/v1/accounts/lookup?acct=" + enc("zed@" + handleDomain), carol);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("acct").asText()).isEqualTo("zed@" + handleDomain);
            assertThat(r.json().get("uri").asText()).isEqualTo(zed);

            // by URL: an actor's webfinger claim holds only when WebFinger on that domain confirms it
            var y = b.http().get("/api/v2/search?resolve=true&q=" + enc(yan), carol);
            assertThat(y.json().get("accounts").get(0).get("acct").asText()).isEqualTo("yan@" + apHost.baseUrl().substring("http://".length()));
        }
    }

    @Test
    void limitedFederationOnlyTalksToAllowedDomains() {
        Map<String, String> limited = new java.util.HashMap<>(LOOPBACK);
        limited.put("ATOLL_LIMITED_FEDERATION", "true");
        limited.put("ATOLL_ALLOWED_DOMAINS", "allowed.example");
        try (TestInstance a = TestInstance.start(LOOPBACK); TestInstance b = TestInstance.start(limited)) {
            a.createUser("alice");
            String carol = b.createUser("carol");
            // localhost is not on B's allow-list: B does not even ask
            assertThat(b.http().get("/api/v1/accounts/lookup?acct=" + enc("alice@" + a.domain()), carol).status()).isEqualTo(404);
            assertThat(b.app().core.accounts.byUri(a.baseUrl() + "/users/alice")).isEmpty();
        }
    }

    static JsonNode readJson(TestHttp.Response r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.status() + " " + r.body(), e);
        }
    }

    @Test
    void staleRemoteProfilesAreRefreshedOnASchedule() {
        try (TestInstance a = TestInstance.start(LOOPBACK); TestInstance b = TestInstance.start(LOOPBACK)) {
            String alice = a.createUser("alice");
            String carol = b.createUser("carol");
            String handle = "alice@" + a.domain();
            String id = b.http().get("/api/v1/accounts/lookup?acct=" + enc(handle), carol).json().get("id").asText();
            assertThat(a.http().patchJson("/api/v1/accounts/update_credentials", alice, Map.of("display_name", "Alice Renamed")).status()).isEqualTo(200);
            // B read her two days ago, and a remote account whose server is gone was never read
            long gone = b.app().infra.ids.next();
            b.app().infra.db.write(h -> {
                h.createUpdate("UPDATE accounts SET fetched_at = :t WHERE id = :id")
                        .bind("t", java.time.Instant.now().minus(java.time.Duration.ofDays(2))).bind("id", Long.parseLong(id)).execute();
                return h.createUpdate("""
                        INSERT INTO accounts (id, username, domain, acct_key, uri, created_at, updated_at)
                        VALUES (:id, 'ghost', 'gone.invalid', 'ghost@gone.invalid', 'https://gone.invalid/users/ghost', 0, 0)""")
                        .bind("id", gone).execute();
            });

            assertThat(b.app().federation.actorRefresh.run()).isEqualTo(1);

            assertThat(b.http().get("/api/v1/accounts/" + id).json().get("display_name").asText()).isEqualTo("Alice Renamed");
            long ghostFetched = b.app().infra.db.read(h -> h.createQuery("SELECT fetched_at FROM accounts WHERE id = :id").bind("id", gone).mapTo(Long.class).one());
            assertThat(ghostFetched).as("an unreachable account is retried hours later, not at the head of every run")
                    .isGreaterThan(java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toEpochMilli());
            assertThat(b.app().federation.actorRefresh.run()).as("nothing is stale any more").isZero();
        }
    }
}

package social.atoll.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.statement.PreparedBatch;
import social.atoll.App;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.federation.FederationClient;
import social.atoll.federation.inbox.InboxJob;
import social.atoll.federation.keys.LocalKeys;
import social.atoll.federation.outbox.DeliveryJob;
import social.atoll.federation.signatures.HttpSignatures;
import social.atoll.federation.keys.Pem;

/**
 * Inbound processing rate: {@code activities} {@code Create}s of public Notes by {@code actors} remote accounts whose
 * keys the instance already holds (seeded, so nothing is fetched), signed before the clock starts, are POSTed to the
 * shared inbox by {@code senders} concurrent clients. The path is the real one: signature check with the stored key,
 * intake into a durable inbox job, the job queue, {@code CreateHandler} storing the status (a local account follows
 * every actor, so the posts are kept). The clock runs from the first POST to the last status stored, and is set
 * beside single-row status INSERTs through the same {@code Database}.
 */
final class InboundBench {

    /** The measured figures; {@code accepted} is the time until the last POST was answered. */
    record Result(RawRates.Rate inserts, RawRates.Rate accepted, RawRates.Rate stored) {
        double ratio() { return stored.perSecond() / inserts.perSecond(); }
    }

    private record RemoteActor(long id, String uri, String keyId, KeyPair keys) {}

    private record SignedPost(byte[] body, Map<String, String> headers) {}

    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private InboundBench() {}

    static Result run(App app, int activities, int actorCount, int senders, PrintStream out) throws Exception {
        long rawAccount = seedRawAccount(app);
        awaitQuietQueue(app);
        RawRates.Rate inserts = RawRates.statusInserts(app.infra.db, app.infra.ids, rawAccount, "https://raw.example/statuses/", activities);
        out.printf("raw insert loop: %,d single-row status INSERTs, one write transaction each: %.2f s = %,.0f rows/s (CPU %.3f ms each)%n",
                inserts.count(), inserts.seconds(), inserts.perSecond(), inserts.cpuMillisEach());

        List<RemoteActor> actors = seedActors(app, actorCount);
        List<SignedPost> posts = sign(app, actors, activities);
        List<Long> actorIds = actors.stream().map(RemoteActor::id).toList();
        awaitQuietQueue(app);

        URI inbox = URI.create(app.settings.baseUrl() + "/inbox");
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        long t0 = System.nanoTime();
        long cpu0 = RawRates.processCpuNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < senders; s++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < posts.size() && failure.get() == null; i = next.getAndIncrement())
                        send(client, inbox, posts.get(i), failure);
                    return null;
                });
            }
        }
        long acceptedNanos = System.nanoTime() - t0;
        if (failure.get() != null) throw new IllegalStateException("the inbox refused an activity: " + failure.get());
        awaitStored(app, actorIds, activities);
        long storedNanos = System.nanoTime() - t0;
        long cpu = RawRates.processCpuNanos() - cpu0;

        RawRates.Rate accepted = new RawRates.Rate(activities, acceptedNanos);
        RawRates.Rate stored = new RawRates.Rate(activities, storedNanos, cpu);
        out.printf("inbound: %,d signed Creates from %d actors, %d concurrent senders: all answered 202 after %.2f s (%,.0f/s)%n",
                activities, actorCount, senders, accepted.seconds(), accepted.perSecond());
        out.printf("inbound: first POST to last status stored: %.2f s = %,.0f activities/s (CPU of the whole process, senders included: %.3f ms each)%n",
                stored.seconds(), stored.perSecond(), stored.cpuMillisEach());
        return new Result(inserts, accepted, stored);
    }

    private static void send(HttpClient client, URI inbox, SignedPost post, AtomicReference<String> failure) {
        HttpRequest.Builder b = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
        // the client writes Host itself, from the same URI the signature was made for
        post.headers().forEach((name, value) -> { if (!name.equalsIgnoreCase("Host")) b.header(name, value); });
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) failure.compareAndSet(null, r.statusCode() + " " + r.body());
        } catch (Exception e) {
            failure.compareAndSet(null, e.toString());
        }
    }

    /** The remote account the raw INSERTs are attributed to. */
    private static long seedRawAccount(App app) {
        long id = app.infra.ids.next();
        Instant now = Instant.now();
        app.infra.db.write(h -> h.createUpdate("""
                        INSERT INTO accounts (id, username, domain, acct_key, uri, url, fetched_at, created_at, updated_at)
                        VALUES (:id, 'raw', 'raw.example', :key, 'https://raw.example/users/raw', 'https://raw.example/@raw', :now, :now, :now)""")
                .bind("id", id).bind("key", Account.key("raw", "raw.example")).bind("now", now).execute());
        return id;
    }

    /**
     * Remote actors on their own hosts with RSA keys the instance already knows (as after a first fetch), and one
     * local account following them all, so that their posts concern this server.
     */
    private static List<RemoteActor> seedActors(App app, int n) {
        User reader = app.core.accountService.createLocal(new NewLocalAccount("reader", "reader@bench.test", "bench-password",
                User.Role.USER, true, true, "en", null, null), true);
        Instant now = Instant.now();
        List<RemoteActor> actors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String domain = "remote-" + i + ".example";
            String uri = "https://" + domain + "/users/actor" + i;
            actors.add(new RemoteActor(app.infra.ids.next(), uri, uri + "#main-key", LocalKeys.rsa()));
        }
        app.infra.db.write(h -> {
            PreparedBatch a = h.prepareBatch("""
                    INSERT INTO accounts (id, username, domain, acct_key, uri, url, inbox_url, shared_inbox_url, followers_url,
                      public_key_pem, public_key_id, fetched_at, created_at, updated_at)
                    VALUES (:id, :username, :domain, :key, :uri, :uri, :inbox, :shared, :followers, :pem, :keyId, :now, :now, :now)""");
            PreparedBatch f = h.prepareBatch("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)");
            for (RemoteActor actor : actors) {
                String domain = URI.create(actor.uri()).getHost();
                String username = actor.uri().substring(actor.uri().lastIndexOf('/') + 1);
                a.bind("id", actor.id()).bind("username", username).bind("domain", domain).bind("key", Account.key(username, domain))
                        .bind("uri", actor.uri()).bind("inbox", actor.uri() + "/inbox").bind("shared", "https://" + domain + "/inbox")
                        .bind("followers", actor.uri() + "/followers")
                        .bind("pem", Pem.encode("PUBLIC KEY", actor.keys().getPublic().getEncoded())).bind("keyId", actor.keyId())
                        .bind("now", now).add();
                f.bind("id", app.infra.ids.next()).bind("a", reader.accountId()).bind("t", actor.id()).bind("now", now).add();
            }
            a.execute();
            f.execute();
            return null;
        });
        return actors;
    }

    /** Creates of public Notes, as Mastodon writes them, each signed for {@code POST /inbox} by its actor. */
    private static List<SignedPost> sign(App app, List<RemoteActor> actors, int count) {
        URI inbox = URI.create(app.settings.baseUrl() + "/inbox");
        String published = Instant.now().toString();
        List<SignedPost> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RemoteActor actor = actors.get(i % actors.size());
            String note = actor.uri() + "/statuses/" + i;
            String json = """
                    {"@context":["https://www.w3.org/ns/activitystreams",{"sensitive":"as:sensitive","toot":"http://joinmastodon.org/ns#"}],\
                    "id":"%1$s/activity","type":"Create","actor":"%2$s","published":"%3$s",\
                    "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["%2$s/followers"],\
                    "object":{"id":"%1$s","type":"Note","summary":null,"inReplyTo":null,"published":"%3$s",\
                    "url":"%1$s","attributedTo":"%2$s","to":["https://www.w3.org/ns/activitystreams#Public"],\
                    "cc":["%2$s/followers"],"sensitive":false,"content":"<p>Inbound benchmark post %4$d. %5$s</p>",\
                    "attachment":[],"tag":[]}}""".formatted(note, actor.uri(), published, i,
                    "Some words of an ordinary post that crossed the fediverse to get here.".repeat(3));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.add(new SignedPost(body, HttpSignatures.signPost(inbox, body, FederationClient.AS_CONTENT_TYPE, actor.keyId(),
                    actor.keys().getPrivate())));
        }
        return out;
    }

    /** Waits until the actors' statuses number {@code total}; fails after a minute without progress. */
    private static void awaitStored(App app, List<Long> actorIds, int total) throws InterruptedException {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            long stored = app.infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE account_id IN (<ids>)")
                    .bindList("ids", actorIds).mapTo(Long.class).one());
            if (stored >= total) return;
            if (stored != last) {
                last = stored;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT_NANOS) {
                throw new IllegalStateException("inbound processing stalled at " + stored + " of " + total + " statuses");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Lets jobs left by earlier steps (deliveries, home feeds) finish so they do not run inside a measurement: returns
     * once no delivery or inbox job is pending and the pending counts have not changed for a second (jobs scheduled
     * for later stay pending throughout).
     */
    static void awaitQuietQueue(App app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        Map<String, Integer> before = Map.of();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Integer> now = app.infra.jobs.pendingCounts();
            if (!now.equals(before)) {
                before = now;
                quietSince = System.nanoTime();
            } else if (now.getOrDefault(DeliveryJob.TYPE.name(), 0) == 0 && now.getOrDefault(InboxJob.TYPE.name(), 0) == 0
                    && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(1)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the job queue did not settle within 5 minutes: " + app.infra.jobs.pendingCounts());
    }
}

package social.atoll.bench;

import java.io.PrintStream;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.PreparedBatch;
import social.atoll.App;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.Visibility;
import social.atoll.federation.keys.LocalKeys;
import social.atoll.federation.keys.Pem;

/**
 * Outbound delivery rate: a local author with one remote follower on each of {@code inboxes} servers (an
 * {@link InboxSink} port each) posts {@code posts} public statuses through {@code PostStatusService}. Everything after
 * that is Atoll's real path: the outbox's status deliveries, one {@code DeliveryJob} per inbox on the
 * job queue, the account's RSA key, the HTTP signature, {@code SafeHttpClient}. The clock runs from the first post to
 * the last delivery verified by the sink, and is set beside single-thread SHA256withRSA signing with the same key.
 */
final class DeliveryBench {

    /** The measured figures. */
    record Result(RawRates.Rate signing, RawRates.Rate deliveries) {
        double ratio() { return deliveries.perSecond() / signing.perSecond(); }
    }

    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private DeliveryBench() {}

    static Result run(App app, int inboxes, int posts, int signatures, PrintStream out) throws Exception {
        User user = app.core.accountService.createLocal(new NewLocalAccount("author", "author@bench.test", "bench-password",
                User.Role.USER, true, true, "en", null, null), true);
        Account author = app.core.accounts.byId(user.accountId()).orElseThrow();
        PrivateKey key = LocalKeys.privateKey(author).orElseThrow();

        RawRates.Rate signing = RawRates.rsaSigning(key, signatures);
        out.printf("raw SHA256withRSA signing, 1 thread, %d-bit key, 1 KiB text: %,d signatures in %.2f s = %,.0f/s (CPU %.3f ms each)%n",
                ((java.security.interfaces.RSAKey) key).getModulus().bitLength(), signing.count(), signing.seconds(), signing.perSecond(),
                signing.cpuMillisEach());
        RawRates.Rate verifying = RawRates.rsaVerifying(key, Pem.publicKey(author.publicKeyPem()), signatures);
        out.printf("raw SHA256withRSA verifying (the sinks' share), 1 thread: %,.0f/s (CPU %.3f ms each)%n",
                verifying.perSecond(), verifying.cpuMillisEach());

        try (InboxSink sink = new InboxSink(inboxes, author.publicKeyId(), Pem.publicKey(author.publicKeyPem()))) {
            seedRemoteFollowers(app, author.id(), sink.authorities());
            post(app, author.id(), 0); // warm-up: connections, JIT, the first of each query
            awaitVerified(sink, inboxes);
            long t0 = System.nanoTime();
            long cpu0 = RawRates.processCpuNanos();
            for (int i = 1; i <= posts; i++) post(app, author.id(), i);
            awaitVerified(sink, inboxes * (posts + 1));
            RawRates.Rate deliveries = new RawRates.Rate(inboxes * posts, System.nanoTime() - t0, RawRates.processCpuNanos() - cpu0);
            out.printf("delivery: %d posts x %d inboxes = %,d signed POSTs, all verified by the sink, in %.2f s = %,.0f deliveries/s%n",
                    posts, inboxes, deliveries.count(), deliveries.seconds(), deliveries.perSecond());
            out.printf("delivery CPU (the whole process: Atoll, its database and the sinks): %.3f ms per delivery = %.1f signatures' worth%n",
                    deliveries.cpuMillisEach(), deliveries.cpuMillisEach() / signing.cpuMillisEach());
            return new Result(signing, deliveries);
        }
    }

    /** One remote account per sink server, each with its server's shared inbox, all following the author. */
    private static void seedRemoteFollowers(App app, long authorId, List<String> authorities) {
        Instant now = Instant.now();
        app.infra.db.write(h -> {
            PreparedBatch a = h.prepareBatch("""
                    INSERT INTO accounts (id, username, domain, acct_key, uri, url, inbox_url, shared_inbox_url, followers_url,
                      fetched_at, created_at, updated_at)
                    VALUES (:id, 'follower', :domain, :key, :uri, :uri, :inbox, :shared, :followers, :now, :now, :now)""");
            PreparedBatch f = h.prepareBatch("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)");
            for (String authority : authorities) {
                long id = app.infra.ids.next();
                String uri = "http://" + authority + "/users/follower";
                a.bind("id", id).bind("domain", authority).bind("key", Account.key("follower", authority)).bind("uri", uri)
                        .bind("inbox", uri + "/inbox").bind("shared", "http://" + authority + "/inbox")
                        .bind("followers", uri + "/followers").bind("now", now).add();
                f.bind("id", app.infra.ids.next()).bind("a", id).bind("t", authorId).bind("now", now).add();
            }
            a.execute();
            f.execute();
            h.createUpdate("UPDATE accounts SET followers_count = :n WHERE id = :id").bind("n", authorities.size()).bind("id", authorId).execute();
            return null;
        });
    }

    private static void post(App app, long authorId, int n) {
        String text = "Benchmark post " + n + ": " + "a few words that every follower's server receives, signed. ".repeat(6);
        app.core.posting.post(authorId, new NewStatus(text, null, null, Visibility.PUBLIC, null, "en", null, null, null, null, null));
    }

    /** Waits until the sink has verified {@code total} deliveries; fails on a rejected one or a minute without progress. */
    private static void awaitVerified(InboxSink sink, int total) throws InterruptedException {
        int last = -1;
        long lastProgress = System.nanoTime();
        while (sink.verified() < total) {
            if (sink.rejected() > 0)
                throw new IllegalStateException(sink.rejected() + " deliveries failed verification, first: " + sink.firstRejection());
            int now = sink.verified();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT_NANOS) {
                throw new IllegalStateException("deliveries stalled at " + now + " of " + total);
            }
            Thread.sleep(2);
        }
    }
}

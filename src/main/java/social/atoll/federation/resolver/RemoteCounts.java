package social.atoll.federation.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.RemoteAccountStore;
import social.atoll.federation.FederationClient;
import social.atoll.federation.vocab.AsValues;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * The post, follower and following counts of a remote account, read from the {@code totalItems} of its outbox,
 * followers and following collections after each (re)fetch of its actor, as Mastodon does. A background job, so
 * that resolving an actor (and verifying a signature) costs one fetch, not four. A hidden collection leaves its
 * count as it was.
 */
public final class RemoteCounts {

    private static final Logger log = LoggerFactory.getLogger(RemoteCounts.class);
    private static final int MAX_COUNT = 100_000_000;

    public record Payload(long accountId) {}

    public static final JobType<Payload> TYPE = JobType.local("federation.account-counts", Payload.class);

    private final AccountStore accounts;
    private final RemoteAccountStore remoteAccounts;
    private final FederationClient client;
    private final JobQueue jobs;

    public RemoteCounts(AccountStore accounts, RemoteAccountStore remoteAccounts, FederationClient client, JobQueue jobs) {
        this.accounts = accounts;
        this.remoteAccounts = remoteAccounts;
        this.client = client;
        this.jobs = jobs;
    }

    public void register() { jobs.register(TYPE, p -> refresh(p.accountId())); }

    /** Queues a count refresh; call inside the write transaction that stored the account. */
    void enqueue(long accountId) { jobs.enqueue(TYPE, Long.toString(accountId), new Payload(accountId)); }

    void refresh(long accountId) {
        Optional<Account> found = accounts.byId(accountId).filter(a -> !a.local());
        if (found.isEmpty()) return;
        Account a = found.get();
        Integer statuses = total(a.outboxUrl());
        Integer followers = total(a.followersUrl());
        Integer following = total(a.followingUrl());
        remoteAccounts.updateCounts(accountId, statuses, followers, following);
    }

    private Integer total(String url) {
        if (AsValues.httpUri(url) == null) return null;
        try {
            JsonNode c = client.fetchObject(URI.create(url));
            JsonNode total = c.get("totalItems");
            if (total == null || !total.canConvertToLong()) return null;
            long n = total.asLong();
            return n < 0 ? null : (int) Math.min(n, MAX_COUNT);
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.debug("no count from {}: {}", url, e.getMessage());
            return null;
        }
    }
}

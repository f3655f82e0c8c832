package social.atoll.federation.resolver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.RemoteAccountStore;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Refreshes remote profiles and keys on a schedule, besides the refresh on use in {@link ActorResolver}: every hour
 * the stalest remote accounts (not read for {@link ActorResolver#STALE_AFTER}) are fetched again, a bounded batch
 * per run so a large instance spreads the work and no remote server is hit in a burst. An account whose server
 * does not answer is tried again after {@link #RETRY_AFTER_FAILURE} instead of heading the queue forever.
 * Like the media sweep, each run schedules the next one under a key naming its hour, so several nodes schedule each
 * hour once.
 */
public final class ActorRefreshSweep {

    private static final Logger log = LoggerFactory.getLogger(ActorRefreshSweep.class);

    /** Payload: the epoch hour this run is for. */
    public record Slot(long hour) {}

    public static final JobType<Slot> REFRESH = JobType.local("actors.refresh", Slot.class);
    static final int BATCH = 100;
    static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(6);

    private final AccountStore accounts;
    private final RemoteAccountStore remoteAccounts;
    private final ActorResolver resolver;
    private final JobQueue jobs;
    private final Clock clock;

    public ActorRefreshSweep(AccountStore accounts, RemoteAccountStore remoteAccounts, ActorResolver resolver, JobQueue jobs, Clock clock) {
        this.accounts = accounts;
        this.remoteAccounts = remoteAccounts;
        this.resolver = resolver;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Registers the hourly refresh's job; each run schedules the next. */
    public void register() {
        jobs.register(REFRESH, slot -> {
            run();
            schedule();
        });
    }

    /** Schedules the next hourly run (idempotent); called when the workers start. */
    public void schedule() {
        long nextHour = clock.millis() / 3_600_000L + 1;
        jobs.enqueueAtInOwnTransaction(REFRESH, "hour-" + nextHour, new Slot(nextHour), Instant.ofEpochMilli(nextHour * 3_600_000L));
    }

    /** Refreshes one batch of stale remote accounts; returns how many were read again successfully. */
    public int run() {
        Instant staleBefore = clock.instant().minus(ActorResolver.STALE_AFTER);
        List<Long> stale = remoteAccounts.staleIds(staleBefore, BATCH);
        int refreshed = 0;
        for (long id : stale) {
            Account account = accounts.byId(id).orElse(null);
            if (account == null) continue;
            if (resolver.refresh(account).isPresent()) {
                refreshed++;
            } else {
                // Counted as read a while ago, so it is retried later rather than blocking the batch every hour.
                Instant retryAt = clock.instant().minus(ActorResolver.STALE_AFTER).plus(RETRY_AFTER_FAILURE);
                remoteAccounts.markFetched(id, retryAt);
            }
        }
        if (!stale.isEmpty()) log.info("refreshed {} of {} stale remote accounts", refreshed, stale.size());
        return refreshed;
    }
}

package social.atoll.core.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.instance.SiteSettings;
import social.atoll.infra.db.Database;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Hourly: a local account suspended longer than the grace period (site setting {@value #SETTING}, 30 days by
 * default, as Mastodon keeps a suspended account's data) is deleted as if its owner had asked, {@code Delete} of the
 * actor included. Unsuspending before then keeps everything. Each run schedules the next; the job key is the hour.
 */
public final class SuspensionGraceSweep {

    private static final Logger log = LoggerFactory.getLogger(SuspensionGraceSweep.class);

    public static final String SETTING = "suspension_grace_days";
    static final int DEFAULT_DAYS = 30;

    /** Payload: the epoch hour this run is for. */
    public record Slot(long hour) {}

    public static final JobType<Slot> SWEEP = JobType.local("account.suspension_grace", Slot.class);

    private final Database db;
    private final AccountDeletionStore store;
    private final AccountDeletion deletion;
    private final SiteSettings site;
    private final JobQueue jobs;
    private final Clock clock;

    public SuspensionGraceSweep(Database db, AccountDeletionStore store, AccountDeletion deletion, SiteSettings site, JobQueue jobs, Clock clock) {
        this.db = db;
        this.store = store;
        this.deletion = deletion;
        this.site = site;
        this.jobs = jobs;
        this.clock = clock;
    }

    public void register() { jobs.register(SWEEP, slot -> run()); }

    /** Schedules the next hourly run (idempotent); called at start. */
    public void schedule() {
        long nextHour = clock.millis() / 3_600_000L + 1;
        db.write(h -> jobs.enqueueAt(SWEEP, "hour-" + nextHour, new Slot(nextHour), Instant.ofEpochMilli(nextHour * 3_600_000L)));
    }

    /** The grace period: the site setting when it is a whole number of days (0 or more), else 30 days. */
    public Duration grace() {
        return site.get(SETTING).map(String::strip).filter(v -> v.matches("\\d{1,5}")).map(v -> Duration.ofDays(Integer.parseInt(v)))
                .orElse(Duration.ofDays(DEFAULT_DAYS));
    }

    /** One sweep (then the next hour's run); answers how many deletions it began. */
    public int run() {
        Instant cutoff = clock.instant().minus(grace());
        int begun = 0;
        for (var batch = store.suspendedBefore(cutoff, 100); !batch.isEmpty(); batch = store.suspendedBefore(cutoff, 100)) {
            for (long id : batch) if (deletion.begin(id, AccountDeletionStore.Origin.GRACE)) begun++;
            if (batch.size() < 100) break;
        }
        if (begun > 0) log.info("{} account(s) suspended for longer than {} are being deleted", begun, grace());
        schedule();
        return begun;
    }
}

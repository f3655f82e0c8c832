package social.atoll.core.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.infra.db.Database;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Hourly removal of uploads that were never attached (or whose status was deleted) for more than a day, as
 * Mastodon's orphan vacuum does. Each run schedules the next one; the job key is the hour it is for, so any number
 * of nodes starting at once still schedule each hour once.
 */
public final class MediaSweep {

    private static final Logger log = LoggerFactory.getLogger(MediaSweep.class);

    /** Payload: the epoch hour this run is for. */
    public record Slot(long hour) {}

    public static final JobType<Slot> SWEEP = JobType.local("media.sweep", Slot.class);
    static final Duration ORPHAN_AGE = Duration.ofDays(1);

    private final Database db;
    private final MediaService media;
    private final JobQueue jobs;
    private final Clock clock;

    public MediaSweep(Database db, MediaService media, JobQueue jobs, Clock clock) {
        this.db = db;
        this.media = media;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Registers the hourly sweep's job. */
    public void register() { jobs.register(SWEEP, slot -> run()); }

    /** Schedules the next hourly run (idempotent); called at start. */
    public void schedule() {
        long nextHour = clock.millis() / 3_600_000L + 1;
        db.write(h -> jobs.enqueueAt(SWEEP, "hour-" + nextHour, new Slot(nextHour), Instant.ofEpochMilli(nextHour * 3_600_000L)));
    }

    /** One sweep; then the next hour's run. */
    public int run() {
        int removed = media.sweepOrphans(clock.instant().minus(ORPHAN_AGE));
        if (removed > 0) log.info("removed {} unattached media uploads older than {}", removed, ORPHAN_AGE);
        schedule();
        return removed;
    }
}

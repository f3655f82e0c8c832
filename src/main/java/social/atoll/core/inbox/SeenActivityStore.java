package social.atoll.core.inbox;

import social.atoll.infra.db.Database;

/**
 * SQL for {@code inbox_seen_activities}: the ids of the activities other servers delivered lately (or a hash of an
 * activity without id), so that a delivery that comes again is recognised.
 */
public final class SeenActivityStore {

    private final Database db;

    public SeenActivityStore(Database db) { this.db = db; }

    /**
     * Remembers {@code key} as received at {@code now} (epoch milliseconds) and, the first time, runs {@code onFirst}
     * in the same transaction, so that the work it stores commits with the record or not at all. Returns whether this
     * was the first time.
     */
    public boolean recordFirstSight(String key, long now, Runnable onFirst) {
        return db.write(h -> {
            int fresh = h.createUpdate("INSERT INTO inbox_seen_activities (activity_id, received_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
                    .bind("id", key).bind("now", now).execute();
            if (fresh == 0) return false;
            onFirst.run();
            return true;
        });
    }

    /** Forgets what was received before {@code cutoff} (epoch milliseconds). */
    public void forgetBefore(long cutoff) {
        db.write(h -> h.createUpdate("DELETE FROM inbox_seen_activities WHERE received_at < :cutoff").bind("cutoff", cutoff).execute());
    }
}

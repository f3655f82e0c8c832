package social.atoll.core.thread;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL for {@code thread_reply_fetches}, {@code thread_fetch_budgets} and {@code thread_fetch_hosts}; every write joins the caller's transaction. */
public final class ThreadFetchStore {

    /** Marks {@code statusId}'s replies as asked for now, unless they were asked for after {@code since}; true when marked. */
    public boolean claim(Handle h, long statusId, Instant now, Instant since) {
        Long last = h.createQuery("SELECT fetched_at FROM thread_reply_fetches WHERE status_id = :s").bind("s", statusId)
                .mapTo(Long.class).findOne().orElse(null);
        if (last != null && last > since.toEpochMilli()) return false;
        h.createUpdate("""
                        INSERT INTO thread_reply_fetches (status_id, fetched_at) VALUES (:s, :now)
                        ON CONFLICT (status_id) DO UPDATE SET fetched_at = excluded.fetched_at""")
                .bind("s", statusId).bind("now", now.toEpochMilli()).execute();
        return true;
    }

    /** Takes one fetch from the thread's budget of {@code max}; false when it is spent. */
    public boolean spend(Handle h, long conversationId, int max) {
        h.createUpdate("INSERT INTO thread_fetch_budgets (conversation_id, fetched) VALUES (:c, 0) ON CONFLICT (conversation_id) DO NOTHING")
                .bind("c", conversationId).execute();
        return h.createUpdate("UPDATE thread_fetch_budgets SET fetched = fetched + 1 WHERE conversation_id = :c AND fetched < :max")
                .bind("c", conversationId).bind("max", max).execute() > 0;
    }

    /** The time a new fetch to {@code host} may run: the host's next free slot, at least now; the slot after it is reserved. */
    public Instant slot(Handle h, String host, Instant now, long spacingMillis) {
        h.createUpdate("INSERT INTO thread_fetch_hosts (host, next_at) VALUES (:h, :now) ON CONFLICT (host) DO NOTHING")
                .bind("h", host).bind("now", now.toEpochMilli()).execute();
        long next = h.createQuery("SELECT next_at FROM thread_fetch_hosts WHERE host = :h").bind("h", host).mapTo(Long.class).one();
        long at = Math.max(next, now.toEpochMilli());
        h.createUpdate("UPDATE thread_fetch_hosts SET next_at = :n WHERE host = :h").bind("n", at + spacingMillis).bind("h", host).execute();
        return Instant.ofEpochMilli(at);
    }
}

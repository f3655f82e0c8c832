package social.atoll.infra.db;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the SQL statements of one unit of work — an HTTP request, a job run — on the thread doing it, and tells
 * its listeners the total when the unit ends. The metrics keep the distribution per route and job type, and the
 * test suite pins the count of the hottest doors, so a change that turns one batch query into a query per row (an
 * N+1) shows up as a number, not as a slow page in production.
 */
public final class StatementCounter {

    /** Told the statement count of each unit of work as it ends. */
    @FunctionalInterface
    public interface Listener {
        void completed(String unit, int statements);
    }

    private final ThreadLocal<int[]> current = new ThreadLocal<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void listen(Listener listener) { listeners.add(listener); }

    /** Starts counting on this thread (a unit already open here is dropped: units do not nest). */
    public void begin() { current.set(new int[1]); }

    /** Ends the unit open on this thread, if any, and reports it as {@code unit}. */
    public void end(String unit) {
        int[] count = current.get();
        if (count == null) return;
        current.remove();
        for (Listener l : listeners) l.completed(unit, count[0]);
    }

    /** Called once per statement executed on this thread. */
    public void executed() {
        int[] count = current.get();
        if (count != null) count[0]++;
    }
}

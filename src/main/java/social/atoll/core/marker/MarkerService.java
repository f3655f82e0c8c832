package social.atoll.core.marker;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;

/**
 * Read positions ({@link MarkerStore}). Several devices of one person save markers; each save bumps
 * {@code version}, and a save that loses a race against another (its row changed between read and write) is
 * reported as a {@link ConflictException}, as Mastodon's optimistic lock does (HTTP 409).
 */
public final class MarkerService {

    /** The timelines that have markers. */
    public static final List<String> TIMELINES = List.of("home", "notifications");

    /** Two saves of the same marker raced; the client should retry. */
    public static final class ConflictException extends RuntimeException {
        public ConflictException() { super("Conflict during update, please try again"); }
    }

    private final Database db;
    private final MarkerStore store;
    private final Clock clock;

    public MarkerService(Database db, MarkerStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    /** The saved markers of the requested timelines (unknown names ignored), by timeline. */
    public Map<String, Marker> get(long accountId, Collection<String> timelines) {
        List<String> wanted = timelines.stream().filter(TIMELINES::contains).distinct().toList();
        Map<String, Marker> out = new LinkedHashMap<>();
        if (wanted.isEmpty()) return out;
        store.of(accountId, wanted).forEach(m -> out.put(m.timeline(), m));
        return out;
    }

    /** Saves positions ({@code timeline → last read id}); all or none. Returns the saved markers. */
    public Map<String, Marker> save(long accountId, Map<String, Long> positions) {
        for (String t : positions.keySet()) if (!TIMELINES.contains(t)) throw new ValidationException("Timeline is not included in the list");
        return db.write(h -> {
            Map<String, Marker> out = new LinkedHashMap<>();
            var now = clock.instant();
            for (Map.Entry<String, Long> p : positions.entrySet()) {
                Integer version = store.version(h, accountId, p.getKey()).orElse(null);
                int changed = version == null
                        ? store.insert(h, accountId, p.getKey(), p.getValue(), now)
                        : store.update(h, accountId, p.getKey(), p.getValue(), version, now);
                if (changed == 0) throw new ConflictException();
                out.put(p.getKey(), new Marker(p.getKey(), p.getValue(), version == null ? 0 : version + 1, now));
            }
            return out;
        });
    }
}

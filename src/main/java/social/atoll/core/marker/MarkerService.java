package social.atoll.core.marker;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * Read positions in the {@code markers} table. Several devices of one person save markers; each save bumps
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

    private static final org.jdbi.v3.core.mapper.RowMapper<Marker> MARKER = RecordMapper.of(Marker.class);

    private final Database db;
    private final Clock clock;

    public MarkerService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The saved markers of the requested timelines (unknown names ignored), by timeline. */
    public Map<String, Marker> get(long accountId, Collection<String> timelines) {
        List<String> wanted = timelines.stream().filter(TIMELINES::contains).distinct().toList();
        Map<String, Marker> out = new LinkedHashMap<>();
        if (wanted.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT timeline, last_read_id, version, updated_at FROM markers WHERE account_id = :a AND timeline IN (<t>)")
                .bind("a", accountId).bindList("t", wanted).map(MARKER).list()).forEach(m -> out.put(m.timeline(), m));
        return out;
    }

    /** Saves positions ({@code timeline → last read id}); all or none. Returns the saved markers. */
    public Map<String, Marker> save(long accountId, Map<String, Long> positions) {
        for (String t : positions.keySet()) if (!TIMELINES.contains(t)) throw new ValidationException("Timeline is not included in the list");
        return db.write(h -> {
            Map<String, Marker> out = new LinkedHashMap<>();
            var now = clock.instant();
            for (Map.Entry<String, Long> p : positions.entrySet()) {
                Integer version = h.createQuery("SELECT version FROM markers WHERE account_id = :a AND timeline = :t")
                        .bind("a", accountId).bind("t", p.getKey()).mapTo(Integer.class).findOne().orElse(null);
                int changed;
                if (version == null) {
                    changed = h.createUpdate("""
                                    INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at)
                                    VALUES (:a, :t, :id, 0, :now) ON CONFLICT DO NOTHING""")
                            .bind("a", accountId).bind("t", p.getKey()).bind("id", p.getValue().longValue()).bind("now", now).execute();
                } else {
                    changed = h.createUpdate("""
                                    UPDATE markers SET last_read_id = :id, version = version + 1, updated_at = :now
                                    WHERE account_id = :a AND timeline = :t AND version = :v""")
                            .bind("a", accountId).bind("t", p.getKey()).bind("id", p.getValue().longValue())
                            .bind("now", now).bind("v", version.intValue()).execute();
                }
                if (changed == 0) throw new ConflictException();
                out.put(p.getKey(), new Marker(p.getKey(), p.getValue(), version == null ? 0 : version + 1, now));
            }
            return out;
        });
    }
}

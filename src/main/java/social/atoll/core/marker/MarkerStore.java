package social.atoll.core.marker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code markers}; the version column is the optimistic lock. */
public final class MarkerStore {

    private static final RowMapper<Marker> MARKER = RecordMapper.of(Marker.class);

    private final Database db;

    public MarkerStore(Database db) { this.db = db; }

    public List<Marker> of(long accountId, List<String> timelines) {
        return db.read(h -> h.createQuery("SELECT timeline, last_read_id, version, updated_at FROM markers WHERE account_id = :a AND timeline IN (<t>)")
                .bind("a", accountId).bindList("t", timelines).map(MARKER).list());
    }

    /** The version of a saved marker, if there is one. */
    public Optional<Integer> version(Handle h, long accountId, String timeline) {
        return h.createQuery("SELECT version FROM markers WHERE account_id = :a AND timeline = :t")
                .bind("a", accountId).bind("t", timeline).mapTo(Integer.class).findOne();
    }

    /** Saves a first marker (version 0); returns 0 when another save created it first. */
    public int insert(Handle h, long accountId, String timeline, long lastReadId, Instant now) {
        return h.createUpdate("""
                        INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at)
                        VALUES (:a, :t, :id, 0, :now) ON CONFLICT DO NOTHING""")
                .bind("a", accountId).bind("t", timeline).bind("id", lastReadId).bind("now", now).execute();
    }

    /** Moves a marker on if it still has {@code version}; returns 0 when another save changed it first. */
    public int update(Handle h, long accountId, String timeline, long lastReadId, int version, Instant now) {
        return h.createUpdate("""
                        UPDATE markers SET last_read_id = :id, version = version + 1, updated_at = :now
                        WHERE account_id = :a AND timeline = :t AND version = :v""")
                .bind("a", accountId).bind("t", timeline).bind("id", lastReadId).bind("now", now).bind("v", version).execute();
    }
}

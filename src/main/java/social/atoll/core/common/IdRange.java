package social.atoll.core.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A page of rows ordered by a time-sortable id, in Mastodon's terms: {@code maxId} (older than), {@code sinceId}
 * (newer than, newest first), {@code minId} (the rows immediately newer than: read ascending, then reversed), and a
 * limit. Results are always newest first.
 */
public record IdRange(Long maxId, Long sinceId, Long minId, int limit) {

    public static IdRange newest(int limit) { return new IdRange(null, null, null, limit); }

    public boolean ascending() { return minId != null; }

    /** SQL conditions (each starting with " AND ") on {@code column}; bind them with {@link #bind}. */
    public String conditions(String column) {
        StringBuilder b = new StringBuilder();
        if (maxId != null) b.append(" AND ").append(column).append(" < :range_max");
        if (minId != null) b.append(" AND ").append(column).append(" > :range_min");
        else if (sinceId != null) b.append(" AND ").append(column).append(" > :range_since");
        return b.toString();
    }

    /** {@code ORDER BY} and {@code LIMIT} for {@code column}. */
    public String orderAndLimit(String column) {
        return " ORDER BY " + column + (ascending() ? " ASC" : " DESC") + " LIMIT :range_limit";
    }

    public <Q extends SqlStatement<Q>> Q bind(Q q) {
        if (maxId != null) q.bind("range_max", maxId.longValue());
        if (minId != null) q.bind("range_min", minId.longValue());
        else if (sinceId != null) q.bind("range_since", sinceId.longValue());
        return q.bind("range_limit", limit);
    }

    /** Rows as the client wants them: newest first. */
    public <T> List<T> newestFirst(List<T> rows) {
        if (!ascending()) return rows;
        List<T> out = new ArrayList<>(rows);
        Collections.reverse(out);
        return out;
    }
}

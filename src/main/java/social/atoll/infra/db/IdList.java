package social.atoll.infra.db;

import java.util.Collection;

/**
 * A list of ids bound as ONE parameter, for lists of thousands (streaming asks about every connected reader at
 * once). {@code IN (<list>)} would bind one value per id, so the SQL text changes with the list's length and Jdbi
 * parses each new text again, which for a few thousand ids costs more than running the query. This text is the same
 * whatever the length, and stays under the databases' limits of bound values.
 */
public final class IdList {

    private IdList() {}

    /** {@code column IN} the ids bound as {@code :name} (with {@link #value}). */
    public static String in(Dialect dialect, String column, String name) {
        return dialect == Dialect.POSTGRES
                ? column + " = ANY(CAST(:" + name + " AS BIGINT[]))"
                : column + " IN (SELECT value FROM json_each(:" + name + "))";
    }

    /** The value to bind for {@link #in}: a PostgreSQL array literal, or a JSON array for SQLite. */
    public static String value(Dialect dialect, Collection<Long> ids) {
        StringBuilder b = new StringBuilder(ids.size() * 20 + 2).append(dialect == Dialect.POSTGRES ? '{' : '[');
        boolean first = true;
        for (Long id : ids) {
            if (!first) b.append(',');
            b.append(id.longValue());
            first = false;
        }
        return b.append(dialect == Dialect.POSTGRES ? '}' : ']').toString();
    }
}

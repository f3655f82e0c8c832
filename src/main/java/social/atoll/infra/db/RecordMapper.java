package social.atoll.infra.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps rows to a record by column name (snake_case columns to camelCase components), like Jdbi's
 * {@link ConstructorMapper}, but matches columns to constructor parameters once per distinct column list instead of
 * once per query: that matching (reflection and annotation parsing) cost more than the queries themselves on a
 * timeline read. All mappers share one Jdbi configuration, so a matched mapper stays valid.
 */
public final class RecordMapper<T> implements RowMapper<T> {

    private final RowMapper<T> delegate;
    private final ConcurrentHashMap<String, RowMapper<T>> byColumns = new ConcurrentHashMap<>();

    private RecordMapper(RowMapper<T> delegate) { this.delegate = delegate; }

    public static <T> RecordMapper<T> of(Class<T> type) { return new RecordMapper<>(ConstructorMapper.of(type)); }

    /** Maps the columns named {@code prefix} + column (a joined table's, aliased so they do not collide). */
    public static <T> RecordMapper<T> of(Class<T> type, String prefix) { return new RecordMapper<>(ConstructorMapper.of(type, prefix)); }

    /**
     * {@code alias.column AS prefix_column, ...} for every component of {@code type} (camelCase to snake_case): the
     * select list that {@link #of(Class, String)} reads back, for a record that mirrors its table.
     */
    public static String columns(Class<? extends Record> type, String alias, String prefix) {
        StringBuilder out = new StringBuilder();
        for (var c : type.getRecordComponents()) {
            String snake = c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
            if (!out.isEmpty()) out.append(", ");
            out.append(alias).append('.').append(snake).append(" AS ").append(prefix).append(snake);
        }
        return out.toString();
    }

    @Override
    public T map(ResultSet rs, StatementContext ctx) throws SQLException { return specialize(rs, ctx).map(rs, ctx); }

    @Override
    public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder key = new StringBuilder(md.getColumnCount() * 12);
        for (int i = 1; i <= md.getColumnCount(); i++) key.append(md.getColumnLabel(i)).append(',');
        RowMapper<T> cached = byColumns.get(key.toString());
        if (cached != null) return cached;
        RowMapper<T> specialized = delegate.specialize(rs, ctx);
        byColumns.putIfAbsent(key.toString(), specialized);
        return specialized;
    }
}

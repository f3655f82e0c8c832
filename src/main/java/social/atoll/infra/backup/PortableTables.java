package social.atoll.infra.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * Tables as JSON lines that either database loads: the first line names the columns, each next line is one row as
 * an array. Values are written by what the column holds, not by how the database stores it: booleans as
 * {@code true}/{@code false} (SQLite keeps 0/1), bytes in base64, timestamps as epoch milliseconds — so a backup of
 * SQLite loads into PostgreSQL and back. Loading converts each value to the type of the target's column.
 */
final class PortableTables {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int BATCH = 500;

    /** What a column holds, whichever database declared it. */
    enum Kind { BOOLEAN, INTEGER, REAL, TIMESTAMP, BYTES, JSON, TEXT }

    private PortableTables() {}

    static Kind kind(String typeName) {
        String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (t.contains("BOOL")) return Kind.BOOLEAN;
        if (t.contains("TIMESTAMP")) return Kind.TIMESTAMP;
        if (t.contains("INT") || t.contains("SERIAL")) return Kind.INTEGER;
        if (t.contains("BLOB") || t.contains("BYTEA")) return Kind.BYTES;
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("NUMERIC") || t.contains("DECIMAL")) return Kind.REAL;
        if (t.equals("JSON") || t.equals("JSONB")) return Kind.JSON;
        return Kind.TEXT;
    }

    /** A table or column name as Atoll's migrations make them; anything else (a crafted archive) is refused. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) throw new BackupException("the archive names a table or column '" + name + "' that Atoll never makes");
        return name;
    }

    /**
     * The tables a backup carries: every table of Atoll's schema except Flyway's history (the restore rebuilds the
     * schema itself) and SQLite's full-text index (rebuilt by its triggers as rows are loaded).
     */
    static List<String> tables(Connection c, boolean sqlite) throws SQLException {
        List<String> names = new ArrayList<>();
        if (sqlite) {
            List<String> virtual = new ArrayList<>();
            List<String> all = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String sql = rs.getString(2);
                    if (name.startsWith("sqlite_")) continue;
                    if (sql != null && sql.toUpperCase(Locale.ROOT).startsWith("CREATE VIRTUAL TABLE")) virtual.add(name);
                    else all.add(name);
                }
            }
            for (String name : all) {
                if (virtual.stream().anyMatch(v -> name.startsWith(v + "_"))) continue; // FTS5's shadow tables
                names.add(name);
            }
        } else {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        names.remove("flyway_schema_history");
        return names;
    }

    /** Writes every row of {@code table} to {@code out} (left open) and returns how many. */
    static long export(Connection c, String table, OutputStream out, JsonFactory json) throws SQLException, IOException {
        checkName(table);
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        long rows = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000); // PostgreSQL streams with a cursor instead of loading the table
            try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"");
                 JsonGenerator g = json.createGenerator(out)) {
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                Kind[] kinds = new Kind[n];
                g.writeStartObject();
                g.writeStringField("table", table);
                g.writeArrayFieldStart("columns");
                for (int i = 1; i <= n; i++) g.writeString(md.getColumnName(i).toLowerCase(Locale.ROOT));
                g.writeEndArray();
                g.writeArrayFieldStart("kinds");
                for (int i = 1; i <= n; i++) {
                    kinds[i - 1] = kind(md.getColumnTypeName(i));
                    g.writeString(kinds[i - 1].name().toLowerCase(Locale.ROOT));
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
                while (rs.next()) {
                    g.writeStartArray();
                    for (int i = 1; i <= n; i++) writeValue(g, rs, i, kinds[i - 1], utc);
                    g.writeEndArray();
                    g.writeRaw('\n');
                    rows++;
                }
                g.flush();
            }
        }
        return rows;
    }

    private static void writeValue(JsonGenerator g, ResultSet rs, int i, Kind kind, Calendar utc) throws SQLException, IOException {
        if (kind == Kind.TIMESTAMP) {
            Object raw = rs.getObject(i);
            if (raw == null) g.writeNull();
            else if (raw instanceof Number n) g.writeNumber(n.longValue()); // SQLite keeps db-scheduler's times as milliseconds
            else g.writeNumber(rs.getTimestamp(i, utc).toInstant().toEpochMilli());
            return;
        }
        Object v = kind == Kind.BYTES ? rs.getBytes(i) : kind == Kind.JSON ? rs.getString(i) : rs.getObject(i);
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (kind) {
            case BOOLEAN -> g.writeBoolean(v instanceof Boolean b ? b : v instanceof Number n ? n.longValue() != 0 : truthy(v.toString()));
            case INTEGER -> {
                if (v instanceof Number n) g.writeNumber(n.longValue());
                else g.writeString(v.toString());
            }
            case REAL -> {
                if (v instanceof java.math.BigDecimal d) g.writeNumber(d);
                else if (v instanceof Number n) g.writeNumber(n.doubleValue());
                else g.writeString(v.toString());
            }
            case BYTES -> g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
            default -> g.writeString(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString());
        }
    }

    private static boolean truthy(String s) {
        return s.equals("1") || s.equalsIgnoreCase("t") || s.equalsIgnoreCase("true");
    }

    /**
     * Loads the rows of one exported table into the same table of {@code c} (inside the caller's transaction),
     * converting each value to the target column's type. Returns how many rows.
     */
    static long load(Connection c, String table, InputStream in, ObjectMapper mapper) throws SQLException, IOException {
        checkName(table);
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(in)) {
            if (!it.hasNext()) throw new BackupException("the archive's rows of table " + table + " are empty (not even a header)");
            JsonNode header = it.next();
            if (!table.equals(header.path("table").asText())) throw new BackupException("the archive's rows of table " + table + " name another table");
            List<String> columns = new ArrayList<>();
            for (JsonNode col : header.path("columns")) columns.add(checkName(col.asText()));
            if (columns.isEmpty()) throw new BackupException("the archive's rows of table " + table + " name no columns");
            Kind[] kinds = new Kind[columns.size()];
            int[] sqlTypes = new int[columns.size()];
            targetTypes(c, table, columns, kinds, sqlTypes);
            String sql = "INSERT INTO \"" + table + "\" (" + String.join(", ", columns.stream().map(x -> "\"" + x + "\"").toList())
                    + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int pending = 0;
                while (it.hasNext()) {
                    JsonNode row = it.next();
                    if (!row.isArray() || row.size() != columns.size())
                        throw new BackupException("row " + (rows + 1) + " of table " + table + " does not have " + columns.size() + " values");
                    for (int i = 0; i < columns.size(); i++) bind(ps, i + 1, row.get(i), kinds[i], sqlTypes[i], utc);
                    ps.addBatch();
                    rows++;
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) ps.executeBatch();
            }
            return rows;
        }
    }

    /** The target's own column types: the table must exist there with every column the archive carries. */
    private static void targetTypes(Connection c, String table, List<String> columns, Kind[] kinds, int[] sqlTypes) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> typeNames = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
                typeNames.add(md.getColumnTypeName(i));
                types.add(md.getColumnType(i));
            }
        } catch (SQLException e) {
            throw new BackupException("the restored schema has no table " + table + " (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < columns.size(); i++) {
            int at = names.indexOf(columns.get(i));
            if (at < 0) throw new BackupException("the restored schema's table " + table + " has no column " + columns.get(i));
            kinds[i] = kind(typeNames.get(at));
            sqlTypes[i] = types.get(at);
        }
    }

    private static void bind(PreparedStatement ps, int i, JsonNode v, Kind kind, int sqlType, Calendar utc) throws SQLException {
        if (v == null || v.isNull()) {
            ps.setNull(i, kind == Kind.JSON ? Types.OTHER : sqlType);
            return;
        }
        switch (kind) {
            case BOOLEAN -> ps.setBoolean(i, v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.longValue() != 0 : truthy(v.asText()));
            case INTEGER -> ps.setLong(i, v.isNumber() ? v.longValue() : Long.parseLong(v.asText()));
            case REAL -> ps.setDouble(i, v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText()));
            case TIMESTAMP -> ps.setTimestamp(i, Timestamp.from(Instant.ofEpochMilli(v.isNumber() ? v.longValue() : Long.parseLong(v.asText()))), utc);
            case BYTES -> ps.setBytes(i, Base64.getDecoder().decode(v.asText()));
            case JSON -> ps.setObject(i, v.asText(), Types.OTHER);
            default -> ps.setString(i, v.asText());
        }
    }
}

package social.atoll.infra.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The migrations this build carries and how a database's schema history compares with them, without Flyway.
 *
 * <p>Flyway's {@code migrate} scans the class path, parses every script and validates the whole history on each
 * call: about a quarter of a second and 400 classes, every time the server starts or an admin command runs. On a
 * database that is already current none of that is needed: the history holds exactly this build's versions, all
 * successful, with the checksums of this build's scripts. This class answers that question with one query and the
 * scripts' CRC32 (computed the way Flyway computes it), and anything else it sees — no schema, pending, unknown,
 * failed or edited migrations — is left to Flyway (the server, {@code db migrate}) or refused (admin commands).
 */
public final class Migrations {

    /** {@code V140__instagram_imports.sql}: Flyway's default naming, the only one Atoll uses. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    /** One versioned script of this build: its version as Flyway records it and its checksum. */
    public record Script(String version, String name, int checksum) {}

    /** How the schema history compares with this build's scripts. */
    public enum Status {
        /** No schema history: a new database. */
        EMPTY,
        /** Every script applied, successfully and unchanged, and nothing else. */
        CURRENT,
        /** Some of this build's scripts are not applied yet. */
        OUTDATED,
        /** The history holds versions this build does not know: a newer Atoll migrated it. */
        NEWER,
        /** A migration failed, or an applied script differs from this build's. */
        INCONSISTENT
    }

    /**
     * The comparison: {@code applied} counts the successful rows of the history (what {@link Database#ready} checks
     * against); {@code detail} names the versions concerned, for a message.
     */
    public record State(Status status, int applied, String detail) {
        public boolean current() { return status == Status.CURRENT; }
    }

    private Migrations() {}

    /** The class-path folders Flyway reads for {@code dialect}, in the order it is given them. */
    static List<String> locations(Dialect dialect) {
        return List.of("db/migration/common", "db/migration/" + (dialect == Dialect.SQLITE ? "sqlite" : "postgresql"));
    }

    /** This build's versioned scripts for {@code dialect}, by version. */
    public static List<Script> known(Dialect dialect) {
        List<Script> out = new ArrayList<>();
        for (String location : locations(dialect)) out.addAll(scripts(location));
        out.sort(Comparator.comparing(Script::version, Migrations::compareVersions));
        return out;
    }

    /** Compares the schema history on {@code c} with {@link #known}. */
    public static State check(Connection c, Dialect dialect) throws SQLException {
        if (!historyExists(c, dialect)) return new State(Status.EMPTY, 0, "no schema history");
        Map<String, Script> known = new LinkedHashMap<>();
        for (Script s : known(dialect)) known.put(s.version(), s);
        List<String> unknown = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        int applied = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum, success, type FROM flyway_schema_history")) {
            while (rs.next()) {
                String version = rs.getString(1);
                int checksum = rs.getInt(2);
                boolean checksumNull = rs.wasNull();
                boolean success = rs.getBoolean(3);
                String type = rs.getString(4);
                if (success) applied++;
                if ("SCHEMA".equals(type)) continue; // Flyway's note that it created the schema
                if (version == null || !("SQL".equals(type) || "JDBC".equals(type))) {
                    // repeatable, baseline, deleted...: Atoll makes none of these, so let Flyway judge them
                    failed.add((version == null ? "a repeatable migration" : "V" + version) + " (" + type + ")");
                    continue;
                }
                if (!success) {
                    failed.add("V" + version);
                    continue;
                }
                Script script = known.get(version);
                if (script == null) unknown.add("V" + version);
                else if (checksumNull || checksum != script.checksum()) changed.add("V" + version);
                seen.put(version, true);
            }
        }
        if (!failed.isEmpty()) return new State(Status.INCONSISTENT, applied, "failed or unexpected: " + String.join(", ", failed));
        if (!changed.isEmpty()) return new State(Status.INCONSISTENT, applied, "changed since applied: " + String.join(", ", changed));
        if (!unknown.isEmpty()) return new State(Status.NEWER, applied, "applied but unknown to this version: " + String.join(", ", unknown));
        List<String> pending = known.keySet().stream().filter(v -> !seen.containsKey(v)).map(v -> "V" + v).toList();
        if (!pending.isEmpty()) return new State(Status.OUTDATED, applied, "pending: " + String.join(", ", pending));
        return new State(Status.CURRENT, applied, "V" + lastOf(known) + " applied");
    }

    private static String lastOf(Map<String, Script> known) {
        String last = null;
        for (String v : known.keySet()) last = v;
        return last;
    }

    private static boolean historyExists(Connection c, Dialect dialect) throws SQLException {
        String sql = dialect == Dialect.SQLITE
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'"
                // the schema Flyway uses: the first of the search path, as for every other table of Atoll's
                : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'flyway_schema_history' AND schemaname = current_schema()";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    /** Flyway orders versions part by part, numerically ({@code 2 < 10 < 10.1}). */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long x = i < pa.length ? Long.parseLong(pa[i]) : 0;
            long y = i < pb.length ? Long.parseLong(pb[i]) : 0;
            if (x != y) return Long.compare(x, y);
        }
        return 0;
    }

    private static List<Script> scripts(String location) {
        URL url = Migrations.class.getClassLoader().getResource(location);
        if (url == null) return List.of();
        List<String> names = new ArrayList<>();
        try {
            switch (url.getProtocol()) {
                case "file" -> {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).forEach(names::add);
                    }
                }
                case "jar" -> {
                    // reads the jar's central directory once (the JDK caches the opened jar for later calls)
                    JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                    String prefix = location + "/";
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.length() > prefix.length())
                            names.add(n.substring(prefix.length()));
                    }
                }
                default -> throw new IllegalStateException("cannot list migrations at " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migrations at " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list migrations at " + url, e);
        }
        List<Script> out = new ArrayList<>();
        for (String name : names) {
            Matcher m = VERSIONED.matcher(name);
            if (!m.matches()) continue;
            String version = m.group(1).replace('_', '.');
            try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(location + "/" + name)) {
                if (in == null) throw new IllegalStateException("migration " + name + " vanished from " + location);
                out.add(new Script(version, name, checksum(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + name, e);
            }
        }
        return out;
    }

    /**
     * Flyway's checksum of a script: CRC32 over its lines as UTF-8, without line breaks and without a leading
     * byte-order mark (so the same script checked out with CRLF line ends keeps its checksum).
     */
    static int checksum(InputStream script) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null) {
            if (!line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            do {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            } while ((line = reader.readLine()) != null);
        }
        return (int) crc.getValue();
    }
}

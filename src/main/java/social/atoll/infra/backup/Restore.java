package social.atoll.infra.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.flywaydb.core.api.MigrationVersion;
import social.atoll.config.Settings;
import social.atoll.infra.db.Database;
import social.atoll.infra.files.PrivateFiles;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;
import social.atoll.infra.storage.BlobStores;
import social.atoll.infra.storage.LocalBlobStore;

/**
 * {@code atoll restore}: loads a {@link Backup} into an empty data directory and an empty database (SQLite or
 * PostgreSQL, whichever the backup came from). Nothing is written before the whole archive has been checked
 * against its manifest. The schema is first built up to the backup's migration, the rows are loaded into it, and
 * then the migrations the backup is older than run on them, as they would have on the old server.
 */
public final class Restore {

    /** What a restore did. */
    public record Result(int tables, long rows, int mediaFiles, String backupSchema, String schemaNow, Duration took) {}

    private final Settings target;
    private final Consumer<String> progress;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Restore(Settings target, Consumer<String> progress) {
        this.target = target;
        this.progress = progress;
    }

    public Result run(Path archive) {
        Instant start = Instant.now();
        if (!Files.isRegularFile(archive)) throw new BackupException("there is no file " + archive);
        try (ZipFile zip = open(archive)) {
            BackupManifest manifest = manifest(zip, archive);
            String known = latestKnownSchema();
            if (MigrationVersion.fromVersion(manifest.schemaVersion()).compareTo(MigrationVersion.fromVersion(known)) > 0)
                throw new BackupException("this backup was made by Atoll " + manifest.atollVersion() + " with database schema version "
                        + manifest.schemaVersion() + ", newer than this Atoll knows (schema " + known + "): restore it with Atoll "
                        + manifest.atollVersion() + " or newer");
            checkTargetEmpty();
            long t0 = System.nanoTime();
            verify(zip, manifest);
            progress.accept(String.format(java.util.Locale.ROOT, "  every entry matches its checksum (%.1f s)", (System.nanoTime() - t0) / 1e9));
            boolean createdDir = !Files.exists(target.dataDir());
            try {
                return restore(zip, manifest, start);
            } catch (RuntimeException | Error e) {
                undo(createdDir);
                throw e;
            }
        } catch (IOException e) {
            throw new BackupException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new BackupException(archive + " is not an Atoll backup (not a zip archive: " + e.getMessage() + ")", e);
        }
    }

    private BackupManifest manifest(ZipFile zip, Path archive) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.NAME);
        if (entry == null) throw new BackupException(archive + " is not an Atoll backup: it has no " + BackupManifest.NAME);
        BackupManifest m;
        try (InputStream in = zip.getInputStream(entry)) {
            m = json.readValue(in, BackupManifest.class);
        } catch (IOException e) {
            throw new BackupException("the manifest of " + archive + " cannot be read: " + e.getMessage(), e);
        }
        if (!BackupManifest.FORMAT.equals(m.format()) || m.schemaVersion() == null || m.entries() == null || m.tables() == null)
            throw new BackupException(archive + " is not an Atoll backup: its manifest lacks the format, schema version, entries or tables");
        if (m.formatVersion() > BackupManifest.FORMAT_VERSION)
            throw new BackupException("this backup was written by Atoll " + m.atollVersion() + " in archive format " + m.formatVersion()
                    + ", newer than this Atoll reads (" + BackupManifest.FORMAT_VERSION + "): restore it with Atoll " + m.atollVersion() + " or newer");
        return m;
    }

    /** The newest migration this Atoll has, read from its own migrations without touching the target. */
    private static String latestKnownSchema() {
        try (Database scratch = Database.open("jdbc:sqlite::memory:", null, null)) {
            return scratch.latestKnownVersion();
        }
    }

    private void checkTargetEmpty() {
        Path dir = target.dataDir();
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new BackupException(dir + " is a file, not a directory: name a new or empty directory with --data-dir");
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent())
                    throw new BackupException(dir + " is not empty: restore only into a new or empty directory, so that nothing there is overwritten");
            } catch (IOException e) {
                throw new BackupException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        if (target.isSqlite()) {
            Path db = DatabaseAccess.sqliteFile(target.dbUrl());
            try {
                if (Files.exists(db) && Files.size(db) > 0)
                    throw new BackupException("the database file " + db + " already exists: restore only into a new database");
            } catch (IOException e) {
                throw new BackupException("cannot read " + db + ": " + e.getMessage(), e);
            }
        } else {
            try (Connection c = DatabaseAccess.connect(target.dbUrl(), target.dbUser(), target.dbPassword()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
                rs.next();
                int tables = rs.getInt(1);
                if (tables > 0)
                    throw new BackupException("the database " + DatabaseAccess.display(target.dbUrl()) + " is not empty (" + tables
                            + " tables): restore only into an empty database (for example one just made with createdb)");
            } catch (SQLException e) {
                throw new BackupException("cannot connect to the database " + DatabaseAccess.display(target.dbUrl()) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Every entry listed is there with its size and SHA-256, and nothing else is: checked before anything is written. */
    private void verify(ZipFile zip, BackupManifest manifest) throws IOException {
        progress.accept("verifying " + manifest.entries().size() + " entries of a backup made by Atoll " + manifest.atollVersion()
                + " (schema " + manifest.schemaVersion() + ", " + manifest.database() + ")");
        Map<String, BackupManifest.Entry> listed = new HashMap<>();
        for (BackupManifest.Entry e : manifest.entries()) {
            checkEntryName(e.name());
            listed.put(e.name(), e);
        }
        for (BackupManifest.Table t : manifest.tables())
            if (!listed.containsKey(BackupManifest.tableEntry(PortableTables.checkName(t.name()))))
                throw new BackupException("the archive is damaged: the rows of table " + t.name() + " are missing");
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            String name = all.nextElement().getName();
            if (!name.equals(BackupManifest.NAME) && !listed.containsKey(name))
                throw new BackupException("the archive has been altered: entry " + name + " is not in its manifest");
        }
        byte[] buffer = new byte[1 << 16];
        for (BackupManifest.Entry e : manifest.entries()) {
            ZipEntry entry = zip.getEntry(e.name());
            if (entry == null) throw new BackupException("the archive is damaged: entry " + e.name() + " is missing");
            MessageDigest sha = ArchiveWriter.sha256();
            long size = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                    size += n;
                }
            } catch (ZipException e2) {
                throw new BackupException("the archive is damaged: entry " + e.name() + " cannot be read (" + e2.getMessage() + ")", e2);
            }
            if (size != e.size() || !HexFormat.of().formatHex(sha.digest()).equalsIgnoreCase(e.sha256()))
                throw new BackupException("the archive is damaged or altered: entry " + e.name() + " does not match its SHA-256 in the manifest");
        }
    }

    private static void checkEntryName(String name) {
        if (name.equals("secrets.properties") || name.equals("s3-objects.jsonl")) return;
        if (name.startsWith("db/") && name.endsWith(".jsonl")) {
            PortableTables.checkName(name.substring(3, name.length() - 6));
            return;
        }
        if (name.startsWith("media/") && BlobKeys.isValid(name.substring(6))) return;
        throw new BackupException("the archive has been altered: entry " + name + " is not one Atoll writes");
    }

    private Result restore(ZipFile zip, BackupManifest manifest, Instant start) throws IOException {
        PrivateFiles.directory(target.dataDir());
        ZipEntry secrets = zip.getEntry("secrets.properties");
        if (secrets != null) {
            Path file = target.dataDir().resolve("secrets.properties");
            PrivateFiles.file(file); // made 0600 first and written in place, so it is never readable by others
            try (InputStream in = zip.getInputStream(secrets); var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            }
        }
        long t0 = System.nanoTime();
        long rows = loadDatabase(zip, manifest);
        progress.accept(String.format(java.util.Locale.ROOT, "  %,d rows loaded (%.1f s)", rows, (System.nanoTime() - t0) / 1e9));
        String now;
        progress.accept("running the migrations newer than the backup's (schema " + manifest.schemaVersion() + ")");
        try (Database db = Database.open(target)) {
            db.migrate();
            now = db.latestKnownVersion();
        }
        t0 = System.nanoTime();
        int media = restoreMedia(zip, manifest);
        if (manifest.mediaIncluded()) progress.accept(String.format(java.util.Locale.ROOT, "  %,d media files restored (%.1f s)", media, (System.nanoTime() - t0) / 1e9));
        return new Result(manifest.tables().size(), rows, media, manifest.schemaVersion(), now, Duration.between(start, Instant.now()));
    }

    private long loadDatabase(ZipFile zip, BackupManifest manifest) throws IOException {
        progress.accept("building the schema of the backup (version " + manifest.schemaVersion() + ") in " + DatabaseAccess.display(target.dbUrl()));
        try (Database db = Database.open(target)) {
            db.migrateTo(manifest.schemaVersion());
        }
        boolean sqlite = target.isSqlite();
        long total = 0;
        try (Connection c = DatabaseAccess.connect(target.dbUrl(), target.dbUser(), target.dbPassword())) {
            // rows arrive table by table, not in the order their references need
            if (sqlite) try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = OFF");
                // an interrupted restore is thrown away whole, so the load need not survive a power cut on its own
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -131072");
            }
            c.setAutoCommit(false);
            List<String[]> foreignKeys = sqlite ? List.of() : dropForeignKeys(c);
            List<String> indexes = dropIndexes(c, sqlite);
            for (BackupManifest.Table t : manifest.tables()) {
                String table = PortableTables.checkName(t.name());
                // migrations may have seeded rows the backup holds too
                try (Statement s = c.createStatement()) { s.executeUpdate("DELETE FROM \"" + table + "\""); }
                long n;
                long t0 = System.nanoTime();
                try (InputStream in = zip.getInputStream(zip.getEntry(BackupManifest.tableEntry(table)))) {
                    n = PortableTables.load(c, table, in, json);
                }
                if (n != t.rows()) throw new BackupException("the archive is damaged: table " + table + " holds " + n + " rows, its manifest says " + t.rows());
                total += n;
                progress.accept(String.format(java.util.Locale.ROOT, "  table %-32s %,10d rows (%.1f s)", table, n, (System.nanoTime() - t0) / 1e9));
            }
            long ti = System.nanoTime();
            for (String index : indexes) try (Statement s = c.createStatement()) { s.execute(index); }
            progress.accept(String.format(java.util.Locale.ROOT, "  %d indexes built (%.1f s)", indexes.size(), (System.nanoTime() - ti) / 1e9));
            if (sqlite) checkSqliteForeignKeys(c);
            else {
                progress.accept("checking " + foreignKeys.size() + " foreign keys");
                for (String[] fk : foreignKeys)
                    try (Statement s = c.createStatement()) { s.execute("ALTER TABLE " + fk[0] + " ADD CONSTRAINT \"" + fk[1] + "\" " + fk[2]); }
                continueSequences(c);
            }
            c.commit();
            if (sqlite) try (Statement s = c.createStatement()) {
                c.setAutoCommit(true); // SQLite changes its safety level only outside a transaction
                // the load ran without syncing: write it all into the database file and sync it before saying done
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new BackupException("cannot load the rows into " + DatabaseAccess.display(target.dbUrl()) + ": " + e.getMessage(), e);
        }
        return total;
    }

    /** PostgreSQL checks references per row; they are dropped for the load and added back (and so checked) after it. */
    private static List<String[]> dropForeignKeys(Connection c) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT con.conrelid::regclass::text, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
                        + "JOIN pg_namespace n ON n.oid = con.connamespace WHERE con.contype = 'f' AND n.nspname = current_schema()")) {
            while (rs.next()) keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
        for (String[] fk : keys)
            try (Statement s = c.createStatement()) { s.execute("ALTER TABLE " + fk[0] + " DROP CONSTRAINT \"" + fk[1] + "\""); }
        return keys;
    }

    /**
     * Drops the secondary indexes for the load and returns the statements that build them again: one build after
     * the load is several times quicker than keeping each up to date row by row. Indexes that back a primary key or
     * a unique constraint stay (on PostgreSQL they cannot be dropped alone; on SQLite they have no statement).
     */
    private static List<String> dropIndexes(Connection c, boolean sqlite) throws SQLException {
        List<String[]> found = new ArrayList<>();
        String query = sqlite
                ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                : "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                        + "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = current_schema() "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid)";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) found.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        List<String> builds = new ArrayList<>();
        for (String[] index : found) {
            try (Statement s = c.createStatement()) { s.execute("DROP INDEX \"" + index[0] + "\""); }
            builds.add(index[1]);
        }
        return builds;
    }

    private static void checkSqliteForeignKeys(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next())
                throw new BackupException("the backup's rows break a reference: a row of table " + rs.getString(1) + " names a missing row of " + rs.getString(3));
        }
    }

    /**
     * Atoll's ids are snowflakes made in Java, but a sequence or identity column (in a future migration, or db-scheduler's)
     * must go on after the restored rows rather than hand out their ids again.
     */
    private static void continueSequences(Connection c) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) FROM information_schema.columns "
                        + "WHERE table_schema = current_schema() AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')")) {
            while (rs.next()) if (rs.getString(3) != null) columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
        for (String[] col : columns) {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, COALESCE((SELECT MAX(\"" + col[1] + "\") FROM \""
                    + col[0] + "\"), 0) + 1, false)")) {
                ps.setString(1, col[2]);
                ps.executeQuery().close();
            }
        }
    }

    private int restoreMedia(ZipFile zip, BackupManifest manifest) throws IOException {
        int files = 0;
        try (BlobStore blobs = BlobStores.open(target)) {
            if (manifest.mediaIncluded()) progress.accept("restoring media into " + blobs.name() + " storage");
            Path tmp = null;
            try {
                for (BackupManifest.Entry e : manifest.entries()) {
                    if (!e.name().startsWith("media/")) continue;
                    String key = e.name().substring(6);
                    try (InputStream in = zip.getInputStream(zip.getEntry(e.name()))) {
                        if (blobs instanceof LocalBlobStore local) {
                            Path p = local.path(key);
                            Files.createDirectories(p.getParent());
                            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                        } else {
                            if (tmp == null) tmp = Files.createTempFile("atoll-restore-", ".bin");
                            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                            blobs.put(key, tmp, BlobKeys.contentType(key));
                        }
                    }
                    if (++files % 500 == 0) progress.accept(String.format("  %,d media files", files));
                }
            } finally {
                if (tmp != null) Backup.deleteQuietly(tmp);
            }
            if (!manifest.mediaIncluded()) progress.accept("the media stayed in the S3 bucket of the old server (the backup lists its objects): "
                    + "set ATOLL_STORAGE=s3 and ATOLL_S3_* to that bucket" + (blobs.name().equals("s3") ? "" : " — this server is set for local storage"));
        }
        return files;
    }

    /** A failed restore leaves the target as it found it: the data directory emptied, the database's tables dropped. */
    private void undo(boolean createdDir) {
        Path dir = target.dataDir();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> createdDir || !p.equals(dir)).forEach(Backup::deleteQuietly);
        } catch (IOException | RuntimeException ignored) {
            // best effort; the error that brought us here is what the operator needs
        }
        if (target.isSqlite()) {
            Path db = DatabaseAccess.sqliteFile(target.dbUrl());
            for (String suffix : new String[] {"", "-wal", "-shm"}) Backup.deleteQuietly(Path.of(db + suffix));
            return;
        }
        try (Connection c = DatabaseAccess.connect(target.dbUrl(), target.dbUser(), target.dbPassword())) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) try (Statement s = c.createStatement()) { s.execute("DROP TABLE IF EXISTS \"" + t + "\" CASCADE"); }
        } catch (SQLException ignored) {
            // as above
        }
    }
}

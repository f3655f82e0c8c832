package social.atoll.infra.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;
import social.atoll.Version;
import social.atoll.config.Settings;
import social.atoll.infra.storage.BlobStore;
import social.atoll.infra.storage.BlobStores;

/**
 * {@code atoll backup}: one zip file, written as it goes, holding a consistent snapshot of the database, the media
 * (local disk; for S3 a list of the objects, or the objects themselves when asked), {@code secrets.properties} and
 * a {@link BackupManifest}. Safe while the server runs.
 *
 * <p>The database is written in {@link PortableTables}' format whichever it is, so one restore path loads a backup
 * into SQLite or PostgreSQL, whichever it came from. The snapshot: on SQLite, {@code VACUUM INTO} a temporary file
 * (SQLite's online copy; the server's writers are not held up, and the long export reads the copy, not the live
 * file, so its write-ahead log is not kept from checkpointing); on PostgreSQL, every table is read in one
 * {@code REPEATABLE READ} read-only transaction. The database goes first: a media file uploaded later is merely
 * extra in the archive, whereas media taken first could miss files the rows then name.
 */
public final class Backup {

    /** What a backup wrote. */
    public record Result(Path file, long bytes, int tables, long rows, int mediaFiles, long mediaBytes, String schemaVersion, Duration took) {}

    private final Settings settings;
    private final Consumer<String> progress;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final JsonFactory rowsJson = new JsonFactory();

    public Backup(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Result write(Path out, boolean includeMedia) {
        Instant start = Instant.now();
        Path file = out.toAbsolutePath().normalize();
        if (Files.exists(file)) throw new BackupException(file + " already exists: name a new file, so no earlier backup is overwritten");
        Path secrets = settings.dataDir().resolve("secrets.properties");
        if (!Files.isRegularFile(secrets))
            throw new BackupException("there is no secrets.properties in " + settings.dataDir() + ": is --data-dir the server's data directory?");
        Path dir = file.getParent();
        Path partial = dir.resolve(file.getFileName() + ".partial");
        Path snapshot = null;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(partial);
            try {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(partial);
            }
            List<BackupManifest.Table> tables;
            String schema;
            Counts media = new Counts();
            boolean mediaIncluded;
            try (OutputStream fileOut = Files.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(fileOut, 1 << 16))) {
                ArchiveWriter archive = new ArchiveWriter(zip);
                tables = new ArrayList<>();
                if (settings.isSqlite()) {
                    snapshot = Files.createTempFile(dir, ".atoll-snapshot-", ".db");
                    sqliteSnapshot(snapshot);
                    try (Connection c = DatabaseAccess.connect("jdbc:sqlite:" + snapshot, null, null)) {
                        schema = exportDatabase(c, true, archive, tables);
                    }
                    Files.deleteIfExists(snapshot);
                } else {
                    try (Connection c = DatabaseAccess.connect(settings.dbUrl(), settings.dbUser(), settings.dbPassword())) {
                        c.setAutoCommit(false);
                        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                        c.setReadOnly(true);
                        schema = exportDatabase(c, false, archive, tables);
                        c.commit();
                    }
                }
                archive.entry("secrets.properties", Deflater.DEFAULT_COMPRESSION, o -> Files.copy(secrets, o));
                try (BlobStore blobs = BlobStores.open(settings)) {
                    mediaIncluded = blobs.name().equals("local") || includeMedia;
                    if (mediaIncluded) copyMedia(blobs, archive, media);
                    else listMedia(blobs, archive, media);
                }
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION, Version.ATOLL, schema,
                        settings.isSqlite() ? "sqlite" : "postgresql", start.toString(), settings.storage().driver().name().toLowerCase(java.util.Locale.ROOT),
                        mediaIncluded, tables, archive.entries());
                archive.manifest(json.writeValueAsBytes(manifest));
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            long rows = tables.stream().mapToLong(BackupManifest.Table::rows).sum();
            return new Result(file, Files.size(file), tables.size(), rows, media.files, media.bytes, schema, Duration.between(start, Instant.now()));
        } catch (BackupException e) {
            throw e;
        } catch (SQLException e) {
            throw new BackupException("cannot read the database at " + DatabaseAccess.display(settings.dbUrl()) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new BackupException("the backup failed: " + e, e);
        } finally {
            deleteQuietly(partial);
            if (snapshot != null) deleteQuietly(snapshot);
        }
    }

    private void sqliteSnapshot(Path snapshot) throws SQLException {
        long t0 = System.nanoTime();
        Path db = DatabaseAccess.sqliteFile(settings.dbUrl());
        // connecting to a missing file would create an empty database
        if (!Files.isRegularFile(db)) throw new BackupException("there is no database at " + db + ": is --data-dir (or --db-url) the server's?");
        progress.accept("taking a snapshot of " + db);
        try (Connection c = DatabaseAccess.connect(settings.dbUrl(), null, null); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 15000");
            s.execute("VACUUM INTO '" + snapshot.toString().replace("'", "''") + "'");
        }
        progress.accept(String.format(java.util.Locale.ROOT, "  snapshot taken (%.1f s)", (System.nanoTime() - t0) / 1e9));
    }

    private String exportDatabase(Connection c, boolean sqlite, ArchiveWriter archive, List<BackupManifest.Table> tables) throws Exception {
        String schema = DatabaseAccess.schemaVersion(c);
        if (schema == null) throw new BackupException("the database at " + DatabaseAccess.display(settings.dbUrl()) + " holds no Atoll schema");
        long t0 = System.nanoTime();
        progress.accept("writing the database's tables");
        for (String table : PortableTables.tables(c, sqlite)) {
            long rows = archive.entry(BackupManifest.tableEntry(table), Deflater.DEFAULT_COMPRESSION,
                    o -> PortableTables.export(c, table, o, rowsJson));
            tables.add(new BackupManifest.Table(table, rows));
            progress.accept(String.format("  table %-32s %,10d rows", table, rows));
        }
        progress.accept(String.format(java.util.Locale.ROOT, "  %,d rows written (%.1f s)",
                tables.stream().mapToLong(BackupManifest.Table::rows).sum(), (System.nanoTime() - t0) / 1e9));
        return schema;
    }

    private static final class Counts {
        int files;
        long bytes;
        int vanished;
    }

    private void copyMedia(BlobStore blobs, ArchiveWriter archive, Counts counts) throws IOException {
        progress.accept("copying media (" + blobs.name() + ")");
        blobs.forEachKey((key, size) -> {
            if (key.startsWith("health/")) return; // readiness probes come and go
            if (blobs instanceof social.atoll.infra.storage.LocalBlobStore local) {
                try {
                    counts.bytes += archive.storedFile("media/" + key, local.path(key));
                    counts.files++;
                } catch (java.nio.file.NoSuchFileException e) {
                    counts.vanished++; // deleted since it was listed; the snapshot's rows no longer name it either
                }
                if (counts.files % 500 == 0 && counts.files > 0) progress.accept(String.format("  %,d media files (%s)", counts.files, human(counts.bytes)));
                return;
            }
            Optional<InputStream> in = blobs.open(key);
            if (in.isEmpty()) {
                counts.vanished++; // deleted since it was listed; the snapshot's rows no longer name it either
                return;
            }
            try (InputStream stream = in.get()) {
                // media is compressed already: the fastest level keeps the CPU for the server
                long n = archive.entry("media/" + key, Deflater.BEST_SPEED, o -> stream.transferTo(o));
                counts.files++;
                counts.bytes += n;
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            if (counts.files % 500 == 0) progress.accept(String.format("  %,d media files (%s)", counts.files, human(counts.bytes)));
        });
        progress.accept(String.format("  %,d media files copied (%s)%s", counts.files, human(counts.bytes),
                counts.vanished > 0 ? ", " + counts.vanished + " deleted while copying" : ""));
    }

    /** For S3 without the objects: the list of what the bucket held, so the operator can check it against the restore. */
    private void listMedia(BlobStore blobs, ArchiveWriter archive, Counts counts) throws Exception {
        progress.accept("listing the S3 bucket (its objects stay there; --include-media copies them into the backup)");
        archive.entry("s3-objects.jsonl", Deflater.DEFAULT_COMPRESSION, o -> {
            var g = rowsJson.createGenerator(o);
            g.configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            blobs.forEachKey((key, size) -> {
                if (key.startsWith("health/")) return;
                g.writeStartObject();
                g.writeStringField("key", key);
                g.writeNumberField("size", size);
                g.writeEndObject();
                g.writeRaw('\n');
                counts.files++;
                counts.bytes += size;
            });
            g.close();
            return null;
        });
        progress.accept(String.format("  %,d objects listed (%s)", counts.files, human(counts.bytes)));
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file; reported nowhere useful
        }
    }
}

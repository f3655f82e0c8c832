package social.atoll.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import social.atoll.Atoll;
import social.atoll.infra.backup.Backup;
import social.atoll.infra.backup.BackupException;

/** {@code atoll backup --out FILE}: the whole server in one file, while it runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent backup (database, media, secrets, manifest with checksums) to one zip file. "
                + "Safe while the server runs; restore it with 'atoll restore'.")
public final class BackupCommand implements Callable<Integer> {

    @Mixin SettingsOptions options;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to write (must not exist yet).")
    Path out;

    @Option(names = "--include-media", description = "With S3 storage: copy the bucket's objects into the backup too (by default only their list).")
    boolean includeMedia;

    @Override
    public Integer call() {
        var settings = options.load(Map.of());
        try {
            Backup.Result r = new Backup(settings, System.out::println).write(out, includeMedia);
            System.out.printf(Locale.ROOT, "backup written to %s: %d tables, %,d rows, %,d media files, %s, schema %s, in %.1f s%n",
                    r.file(), r.tables(), r.rows(), r.mediaFiles(), human(r.bytes()), r.schemaVersion(), r.took().toMillis() / 1000.0);
            return 0;
        } catch (BackupException e) {
            throw new Atoll.CliException("backup failed: " + e.getMessage(), 1);
        } catch (RuntimeException e) {
            // a database or file system that refused (a pool that cannot connect, a directory that cannot be made): one line too
            throw new Atoll.CliException("backup failed: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), 1);
        }
    }

    static String human(long bytes) { return MediaCommand.size(bytes); }
}

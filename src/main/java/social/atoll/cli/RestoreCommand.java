package social.atoll.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import social.atoll.Atoll;
import social.atoll.infra.backup.BackupException;
import social.atoll.infra.backup.Restore;

/** {@code atoll restore FILE --data-dir DIR [--db-url URL]}: a backup into an empty directory and database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup made by 'atoll backup' into a new or empty data directory and an empty database "
                + "(SQLite by default; --db-url postgresql://… moves a SQLite server to PostgreSQL). The archive is checked first.")
public final class RestoreCommand implements Callable<Integer> {

    @Mixin SettingsOptions options;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path file;

    @Override
    public Integer call() {
        if (options.dataDir == null) throw new ParameterException(spec.commandLine(), "name the directory to restore into with --data-dir");
        var settings = options.load(Map.of());
        try {
            Restore.Result r = new Restore(settings, System.out::println).run(file);
            System.out.printf(Locale.ROOT, "restored %d tables, %,d rows, %,d media files into %s (schema %s -> %s) in %.1f s%n",
                    r.tables(), r.rows(), r.mediaFiles(), settings.dataDir(), r.backupSchema(), r.schemaNow(), r.took().toMillis() / 1000.0);
            System.out.println("start the server with the same ATOLL_DOMAIN as before" + (settings.isPostgres() ? " and this ATOLL_DB_URL" : ""));
            return 0;
        } catch (BackupException e) {
            throw new Atoll.CliException("restore failed: " + e.getMessage(), 1);
        } catch (RuntimeException e) {
            // a database or file system that refused (a pool that cannot connect, a directory that cannot be made): one line too
            throw new Atoll.CliException("restore failed: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), 1);
        }
    }
}

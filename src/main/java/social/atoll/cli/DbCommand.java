package social.atoll.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import social.atoll.config.Settings;
import social.atoll.infra.db.Database;

/** {@code atoll db migrate}. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.Migrate.class})
public final class DbCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: migrate");
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending database migrations.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        SettingsOptions options;

        @Override
        public Integer call() {
            Settings s = options.load(Map.of());
            try (Database db = Database.open(s)) {
                db.migrate();
            }
            System.out.println("database is up to date");
            return 0;
        }
    }
}

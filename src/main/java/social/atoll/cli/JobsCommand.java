package social.atoll.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import social.atoll.App;
import social.atoll.infra.jobs.DeadJob;

/** {@code atoll admin jobs dead|pending}: a look into the durable job queue. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Inspect the background job queue.",
        subcommands = {JobsCommand.Dead.class, JobsCommand.Pending.class})
public final class JobsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: dead or pending"); }

    @Command(name = "dead", mixinStandardHelpOptions = true,
            description = "List jobs that failed for good (newest first), with their last error.")
    static final class Dead implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many to list (default 50).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 10000");
            try (App app = App.forCommand(options.load(Map.of()))) {
                var dead = app.infra.jobs.deadJobs(limit);
                if (dead.isEmpty()) {
                    System.out.println("no dead jobs");
                    return 0;
                }
                System.out.printf("%-24s %-24s %-8s %-24s %s%n", "DIED", "TYPE", "ATTEMPTS", "KEY", "LAST ERROR");
                for (DeadJob d : dead) {
                    System.out.printf("%-24s %-24s %-8d %-24s %s%n", d.diedAt(), d.taskName(), d.failures(), d.taskInstance(),
                            d.lastError() == null ? "-" : d.lastError().replace('\n', ' '));
                }
            }
            return 0;
        }
    }

    @Command(name = "pending", mixinStandardHelpOptions = true, description = "Count jobs waiting or running, per type.")
    static final class Pending implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                var counts = app.infra.jobs.pendingCounts();
                if (counts.isEmpty()) {
                    System.out.println("no pending jobs");
                    return 0;
                }
                System.out.printf("%-32s %s%n", "TYPE", "PENDING");
                counts.forEach((type, n) -> System.out.printf("%-32s %d%n", type, n));
            }
            return 0;
        }
    }
}

package social.atoll.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.SummaryBench;

/** {@code atoll bench all}: every row of the performance table, short, and one summary table at the end. */
@Command(name = "all", aliases = "summary", mixinStandardHelpOptions = true,
        description = "Runs every performance row (home, posting, streaming, delivery, inbound, start, cli, memory, media) with short "
                + "defaults and prints one table: measured value, ceiling, ratio, target, met or not.")
public final class AllBenchCommand implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "LIST", description = "Comma-separated rows to run (default: all of them).")
    String rows;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per load row (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--statuses", defaultValue = "30000", description = "Statuses in the database for the home row (default ${DEFAULT-VALUE}).")
    int statuses;

    @Option(names = "--streams", defaultValue = "1000", description = "User streams for the streaming row (default ${DEFAULT-VALUE}; the target is at 10000).")
    int streams;

    @Option(names = "--rounds", defaultValue = "10", description = "Posts measured for the streaming row (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--runs", defaultValue = "3", description = "Runs of the start and admin-command rows; the median counts (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--memory-minutes", defaultValue = "1", description = "Minutes of light use before the idle-memory figure (default ${DEFAULT-VALUE}; the target is after 10).")
    double memoryMinutes;

    @Option(names = "--iterations", defaultValue = "5", description = "Images per media row (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY PostgreSQL database for the in-process rows (wiped between them) instead of temporary SQLite files.")
    String dbUrl;

    @Option(names = "--launcher", paramLabel = "PATH", description = "The atoll script for the start, cli and memory rows (default: the one next to the jar's target/).")
    Path launcher;

    @Override
    public Integer call() throws Exception {
        var cli = new picocli.CommandLine(this);
        if (seconds < 1 || seconds > 600) throw new picocli.CommandLine.ParameterException(cli, "--seconds must be 1–600");
        if (statuses < 1 || streams < 1 || rounds < 1 || runs < 1 || iterations < 1 || memoryMinutes < 0)
            throw new picocli.CommandLine.ParameterException(cli, "counts must be at least 1");
        java.util.Set<String> chosen;
        try {
            chosen = SummaryBench.rows(rows);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(cli, e.getMessage());
        }
        SummaryBench.run(new SummaryBench.Options(chosen, seconds, statuses, streams, rounds, runs, memoryMinutes, iterations, dbUrl, launcher));
        return 0;
    }
}

package social.atoll.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.HomeTimelineBench;

/** {@code atoll bench}: prints performance figures on a throw-away database. Never part of the test suite. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {MediaBenchCommand.class, FederationBenchCommand.class, WebBenchCommand.class, ImportBenchCommand.class, LoadBenchCommand.class, PostBenchCommand.class,
                StartupBenchCommands.Start.class, StartupBenchCommands.Cli.class, StartupBenchCommands.Memory.class,
                ClusterBenchCommand.class, AllBenchCommand.class},
        description = "Home-timeline benchmark on a fresh database (temporary SQLite unless --db-url is given); "
                + "'bench media' for image processing; 'bench federation' for delivery and inbox rates; 'bench web' for the web app; 'bench post' for posting; --streaming for streaming fan-out; "
                + "'bench start', 'bench cli' and 'bench memory' for start time, admin command time and idle memory through the ./atoll launcher; "
                + "'bench cluster' for one node against web + worker nodes on one PostgreSQL; 'bench all' for every row in one table.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--statuses", defaultValue = "100000", description = "Statuses in the database (default ${DEFAULT-VALUE}).")
    int statuses;

    @Option(names = "--authors", defaultValue = "1000", description = "Accounts that wrote them (default ${DEFAULT-VALUE}).")
    int authors;

    @Option(names = "--following", defaultValue = "200", description = "Accounts the reader follows (default ${DEFAULT-VALUE}).")
    int following;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per row (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--streaming", description = "Streaming fan-out instead: --streams user streams follow one author, who posts --rounds times.")
    boolean streaming;

    @Option(names = "--streams", defaultValue = "1000", description = "Connected user streams for --streaming (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--rounds", defaultValue = "30", description = "Posts measured for --streaming (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY database to use instead of a temporary SQLite file.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        if (streaming) {
            social.atoll.bench.StreamingBench.run(new social.atoll.bench.StreamingBench.Options(streams, rounds, dbUrl));
            return 0;
        }
        if (following > authors) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--following cannot exceed --authors");
        HomeTimelineBench.run(new HomeTimelineBench.Options(statuses, authors, following, concurrency,
                Duration.ofSeconds(Math.max(2, seconds / 3)), Duration.ofSeconds(seconds), dbUrl));
        return 0;
    }
}

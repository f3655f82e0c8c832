package social.atoll.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.PostingBench;

/** {@code atoll bench post}: statuses per second from concurrent clients, beside the database's raw insert rate. */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = "Posting through POST /api/v1/statuses from concurrent clients: statuses/s beside raw single-row INSERTs/s of the same database, and the ratio.")
public final class PostBenchCommand implements Callable<Integer> {

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent clients, one author each (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--followers", defaultValue = "10", description = "Local followers of each author (default ${DEFAULT-VALUE}).")
    int followers;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--raw-inserts", defaultValue = "2000", description = "Raw INSERTs measured for the ratio (default ${DEFAULT-VALUE}).")
    int rawInserts;

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY database to use instead of a temporary SQLite file.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--seconds must be 1–600");
        PostingBench.run(new PostingBench.Options(concurrency, followers, Duration.ofSeconds(Math.max(1, seconds / 3)), Duration.ofSeconds(seconds),
                rawInserts, dbUrl));
        return 0;
    }
}

package social.atoll.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.WebPagesBench;

/** {@code atoll bench web}: the web app's render times and its JavaScript and CSS weight. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = "Server render time of the home page and of a post's page with 100k statuses, and the web app's JS/CSS weight (gzip).")
public final class WebBenchCommand implements Callable<Integer> {

    @Option(names = "--statuses", defaultValue = "100000", description = "Statuses in the database (default ${DEFAULT-VALUE}).")
    int statuses;

    @Option(names = "--concurrency", defaultValue = "8", description = "Concurrent browsers for the throughput rows (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per row (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY database to use instead of a temporary SQLite file.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        WebPagesBench.run(new WebPagesBench.Options(statuses, 1000, 200, concurrency, Duration.ofSeconds(Math.max(2, seconds / 3)),
                Duration.ofSeconds(seconds), dbUrl));
        return 0;
    }
}

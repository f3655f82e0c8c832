package social.atoll.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.RateLimitLoadBench;

/** {@code atoll bench load}: a short mixed API load with the rate limit off and on. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "A bounded mixed API load (home, public, posting) with the rate limit off and with Mastodon's default: req/s, p50/p99, refusals.")
public final class LoadBenchCommand implements Callable<Integer> {

    @Option(names = "--statuses", defaultValue = "20000", description = "Statuses in the database (default ${DEFAULT-VALUE}).")
    int statuses;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per row (default ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--seconds must be 1–600");
        RateLimitLoadBench.run(new RateLimitLoadBench.Options(statuses, concurrency, Duration.ofSeconds(Math.max(1, seconds / 3)), Duration.ofSeconds(seconds)));
        return 0;
    }
}

package social.atoll.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.ClusterBench;

/** {@code atoll bench cluster}: one workload on SQLite, on one PostgreSQL node, and on web + worker nodes sharing it. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Posting, home reads and deliveries/s on one SQLite node, one PostgreSQL node, and two web nodes plus a worker "
                + "on the same PostgreSQL (in this JVM, on loopback), side by side with the ratio. --db-url must be an EMPTY "
                + "PostgreSQL database: it is wiped between and after the set-ups.")
public final class ClusterBenchCommand implements Callable<Integer> {

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY PostgreSQL database (postgresql://user:password@host:port/db); without it only SQLite is measured.")
    String dbUrl;

    @Option(names = "--statuses", defaultValue = "100000", description = "Statuses in the database (default ${DEFAULT-VALUE}).")
    int statuses;

    @Option(names = "--authors", defaultValue = "1000", description = "Accounts that wrote them (default ${DEFAULT-VALUE}).")
    int authors;

    @Option(names = "--following", defaultValue = "200", description = "Accounts the home-timeline reader follows (default ${DEFAULT-VALUE}).")
    int following;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent clients, each posting as its own account (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per load row (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--inboxes", defaultValue = "200", description = "Signature-verifying loopback inboxes following the poster (default ${DEFAULT-VALUE}).")
    int inboxes;

    @Option(names = "--posts", defaultValue = "20", description = "Posts delivered to every inbox (default ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--web-nodes", defaultValue = "2", description = "Web nodes beside the worker node in the cluster set-up (default ${DEFAULT-VALUE}).")
    int webNodes;

    @Option(names = "--skip-sqlite", description = "Leave out the SQLite node (measured first by default).")
    boolean skipSqlite;

    @Option(names = "--cluster-first", description = "Measure the cluster before the one PostgreSQL node (all set-ups share this JVM's JIT warm-up).")
    boolean clusterFirst;

    @Override
    public Integer call() throws Exception {
        var cli = new picocli.CommandLine(this);
        if (seconds < 1 || seconds > 600) throw new picocli.CommandLine.ParameterException(cli, "--seconds must be 1–600");
        if (concurrency < 1 || inboxes < 1 || posts < 1 || webNodes < 1 || authors < 1)
            throw new picocli.CommandLine.ParameterException(cli, "counts must be at least 1");
        if (following > authors) throw new picocli.CommandLine.ParameterException(cli, "--following cannot exceed --authors");
        if (skipSqlite && dbUrl == null) throw new picocli.CommandLine.ParameterException(cli, "--skip-sqlite needs --db-url: nothing would be measured");
        if (dbUrl != null && dbUrl.startsWith("jdbc:sqlite:")) throw new picocli.CommandLine.ParameterException(cli, "--db-url must be PostgreSQL");
        ClusterBench.run(new ClusterBench.Options(dbUrl, statuses, authors, following, concurrency,
                Duration.ofSeconds(Math.max(1, seconds / 3)), Duration.ofSeconds(seconds), inboxes, posts, !skipSqlite, webNodes, clusterFirst));
        return 0;
    }
}

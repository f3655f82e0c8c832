package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.FederationBench;

/** {@code atoll bench federation}: delivery and inbound rates, each beside the bare operation that bounds it. */
@Command(name = "federation", mixinStandardHelpOptions = true,
        description = "Deliveries/s to loopback inboxes that verify signatures (vs raw SHA256withRSA signing) and "
                + "inbound Creates processed/s (vs raw single-row INSERTs), on a fresh database.")
public final class FederationBenchCommand implements Callable<Integer> {

    @Option(names = "--inboxes", defaultValue = "200", description = "Remote servers (loopback ports) following the author (default ${DEFAULT-VALUE}).")
    int inboxes;

    @Option(names = "--posts", defaultValue = "25", description = "Measured posts, each delivered to every inbox (default ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--signatures", defaultValue = "3000", description = "Raw signatures measured (default ${DEFAULT-VALUE}).")
    int signatures;

    @Option(names = "--activities", defaultValue = "10000", description = "Inbound Create activities (default ${DEFAULT-VALUE}).")
    int activities;

    @Option(names = "--actors", defaultValue = "5", description = "Remote actors sending them (default ${DEFAULT-VALUE}).")
    int actors;

    @Option(names = "--senders", defaultValue = "32", description = "Concurrent inbound POSTs (default ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY database to use instead of a temporary SQLite file.")
    String dbUrl;

    @Option(names = "--jdk-crypto", description = "Keep the JDK's crypto providers instead of Amazon Corretto Crypto Provider.")
    boolean jdkCrypto;

    @Override
    public Integer call() throws Exception {
        if (inboxes < 1 || posts < 1 || signatures < 1 || activities < 1 || actors < 1 || senders < 1)
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "counts must be at least 1");
        FederationBench.run(new FederationBench.Options(inboxes, posts, signatures, activities, actors, senders, dbUrl, jdkCrypto));
        return 0;
    }
}

package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.InstagramImportBench;

/** {@code atoll bench import}: Instagram import rate on a generated export. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Instagram import of a generated export into a throw-away instance: photos per second.")
public final class ImportBenchCommand implements Callable<Integer> {

    @Option(names = "--photos", defaultValue = "500", description = "Posts of one photo each (default ${DEFAULT-VALUE}).")
    int photos;

    @Option(names = "--size", defaultValue = "1080", description = "Photo width and height in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--db-url", paramLabel = "URL", description = "An EMPTY database to use instead of a temporary SQLite file.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        InstagramImportBench.run(photos, size, dbUrl);
        return 0;
    }
}

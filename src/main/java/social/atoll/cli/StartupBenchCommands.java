package social.atoll.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.StartupBench;

/** {@code atoll bench start|cli|memory}: start time, admin command time and idle memory, through the launcher. */
final class StartupBenchCommands {

    private StartupBenchCommands() {}

    /** The options the three share. */
    static final class Common {
        @Option(names = "--runs", defaultValue = "7", description = "Measured runs; the median is reported (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--launcher", paramLabel = "PATH", description = "The atoll script to start (default: the one next to the jar's target/).")
        Path launcher;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Seconds from './atoll serve' on an existing data dir to the first 200 from /health/ready (median; target 2 s).")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Mixin Common common;

        @Override
        public Integer call() throws Exception {
            StartupBench.start(new StartupBench.Options(common.runs, Duration.ZERO, common.launcher));
            return 0;
        }
    }

    @Command(name = "cli", mixinStandardHelpOptions = true,
            description = "Seconds for './atoll admin accounts list' and './atoll version' (median; target 1.5 s).")
    static final class Cli implements Callable<Integer> {
        @picocli.CommandLine.Mixin Common common;

        @Override
        public Integer call() throws Exception {
            StartupBench.cli(new StartupBench.Options(common.runs, Duration.ZERO, common.launcher));
            return 0;
        }
    }

    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Resident memory of './atoll serve' (launcher defaults) after start and after light use (target 150 MB).")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--minutes", defaultValue = "10", description = "Minutes of light use before the figure (default ${DEFAULT-VALUE}).")
        double minutes;

        @Option(names = "--launcher", paramLabel = "PATH", description = "The atoll script to start (default: the one next to the jar's target/).")
        Path launcher;

        @Override
        public Integer call() throws Exception {
            StartupBench.memory(new StartupBench.Options(1, Duration.ofMillis(Math.round(minutes * 60_000)), launcher));
            return 0;
        }
    }
}

package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import social.atoll.bench.MediaBench;

/** {@code atoll bench media}: image upload processing speed and memory, beside a bare decode-and-resize loop. */
@Command(name = "media", mixinStandardHelpOptions = true,
        description = "Processing of a 12-megapixel JPEG with EXIF/GPS: ms per image and peak heap, beside raw ImageIO.")
public final class MediaBenchCommand implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "10", description = "Measured images per row (default ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        MediaBench.run(iterations);
        return 0;
    }
}

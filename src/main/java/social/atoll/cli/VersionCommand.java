package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import social.atoll.Version;

/** {@code atoll version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Atoll's version.")
public final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("atoll " + Version.ATOLL + " (Mastodon API " + Version.compatible() + ")");
        return 0;
    }
}

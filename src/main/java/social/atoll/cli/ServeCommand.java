package social.atoll.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import social.atoll.App;
import social.atoll.config.Settings;

/** {@code atoll serve}: runs the server (web and workers by default) until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server.")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions options;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (ATOLL_PORT, default 8080).")
    Integer port;

    @Option(names = "--role", paramLabel = "ROLE", description = "all | web | worker (ATOLL_ROLE, default all).")
    String role;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        if (port != null) flags.put("ATOLL_PORT", port.toString());
        if (role != null) flags.put("ATOLL_ROLE", role);
        Settings settings = options.load(flags);
        App app = new App(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "atoll-shutdown"));
        if (settings.role().worker()) app.startWorkers();
        if (settings.role().web()) app.startWeb();
        stopped.await();
        return 0;
    }
}

package social.atoll.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;

/**
 * The settings of a throw-away instance a bench runs in process: a free loopback port, its data in {@code dir}, the
 * rate limit off (a load test is one token hammering the API on purpose), and {@code dbUrl} (an empty database) or a
 * SQLite file in {@code dir}.
 */
final class ThrowAwayInstance {

    private ThrowAwayInstance() {}

    /** The settings; {@code extra} flags (e.g. {@code ATOLL_ALLOW_PRIVATE_ADDRESSES}) are added last. */
    static Settings settings(Path dir, String dbUrl, Map<String, String> extra) throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> flags = new HashMap<>();
        flags.put("ATOLL_PORT", Integer.toString(port));
        flags.put("ATOLL_DOMAIN", "localhost:" + port);
        flags.put("ATOLL_DATA_DIR", dir.toString());
        flags.put("ATOLL_BIND", "127.0.0.1");
        flags.put("ATOLL_RATE_LIMIT", "off");
        if (dbUrl != null) flags.put("ATOLL_DB_URL", dbUrl);
        flags.putAll(extra);
        return new SettingsLoader(flags, Map.of(), null).load();
    }

    /** Removes the instance's data directory and everything in it. */
    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

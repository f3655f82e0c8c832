package social.atoll.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;

/** The options every command that opens the database shares; each maps onto its {@code ATOLL_*} setting. */
public final class SettingsOptions {

    @Option(names = "--data-dir", paramLabel = "PATH", description = "Data directory (ATOLL_DATA_DIR, default ./data).")
    Path dataDir;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Public domain, may carry a port (ATOLL_DOMAIN).")
    String domain;

    @Option(names = "--db-url", paramLabel = "URL", description = "Database URL (ATOLL_DB_URL; default SQLite in the data dir).")
    String dbUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (default ./atoll.properties if present).")
    Path config;

    public Settings load(Map<String, String> extra) {
        Map<String, String> flags = new HashMap<>(extra);
        if (dataDir != null) flags.put("ATOLL_DATA_DIR", dataDir.toString());
        if (domain != null) flags.put("ATOLL_DOMAIN", domain);
        if (dbUrl != null) flags.put("ATOLL_DB_URL", dbUrl);
        return SettingsLoader.fromEnvironment(flags, config);
    }
}

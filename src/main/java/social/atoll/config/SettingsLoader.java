package social.atoll.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds {@link Settings} from, in order of precedence: command-line flags, {@code ATOLL_*} environment variables,
 * an optional properties file, defaults. Every value is validated here; a bad one throws a
 * {@link SettingsException} whose one-line message names the setting.
 */
public final class SettingsLoader {

    private final Map<String, String> flags;
    private final Map<String, String> env;
    private final Map<String, String> file;

    /**
     * @param flags      values given on the command line, keyed by their {@code ATOLL_*} name
     * @param env        the process environment
     * @param configFile the properties file named by {@code --config}, or null to use {@code ./atoll.properties} if present
     */
    public SettingsLoader(Map<String, String> flags, Map<String, String> env, Path configFile) {
        this.flags = flags;
        this.env = env;
        this.file = readFile(configFile);
    }

    public static Settings fromEnvironment(Map<String, String> flags, Path configFile) {
        return new SettingsLoader(flags, System.getenv(), configFile).load();
    }

    public Settings load() {
        int port = intSetting("ATOLL_PORT", 8080, 1, 65535);
        String domain = get("ATOLL_DOMAIN");
        if (domain == null) domain = "localhost:" + port;
        domain = domain.trim().toLowerCase(Locale.ROOT);
        if (!domain.matches("[a-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9a-f:]+\\](:[0-9]{1,5})?"))
            throw new SettingsException("ATOLL_DOMAIN: '" + domain + "' is not a host name (example: social.example or localhost:8080)");

        String baseUrl = get("ATOLL_URL");
        if (baseUrl == null) {
            baseUrl = (isLoopbackHost(hostOf(domain)) ? "http://" : "https://") + domain;
        } else {
            baseUrl = baseUrl.trim();
            while (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
            URI u;
            try {
                u = URI.create(baseUrl);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("ATOLL_URL: '" + baseUrl + "' is not a URL");
            }
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || (u.getPath() != null && !u.getPath().isEmpty()))
                throw new SettingsException("ATOLL_URL: '" + baseUrl + "' must be http(s)://host[:port] with no path");
        }

        Path dataDir = Path.of(getOr("ATOLL_DATA_DIR", "data")).toAbsolutePath().normalize();

        String dbUser = get("ATOLL_DB_USER");
        String dbPassword = get("ATOLL_DB_PASSWORD");
        String dbUrl = get("ATOLL_DB_URL");
        if (dbUrl == null) {
            dbUrl = "jdbc:sqlite:" + dataDir.resolve("atoll.db");
        } else if (dbUrl.startsWith("postgresql://") || dbUrl.startsWith("postgres://")) {
            URI u;
            try {
                u = URI.create(dbUrl);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("ATOLL_DB_URL: not a valid postgresql:// URL");
            }
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2)
                throw new SettingsException("ATOLL_DB_URL: expected postgresql://user:password@host:port/database");
            if (u.getRawUserInfo() != null) {
                String[] parts = u.getRawUserInfo().split(":", 2);
                dbUser = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                if (parts.length > 1) dbPassword = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
            dbUrl = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath()
                    + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
        } else if (dbUrl.startsWith("sqlite:")) {
            dbUrl = "jdbc:" + dbUrl;
        } else if (!dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:sqlite:")) {
            throw new SettingsException("ATOLL_DB_URL: '" + dbUrl + "' is neither postgresql://… nor jdbc:postgresql:… nor jdbc:sqlite:…");
        }

        Settings.Registrations registrations = enumSetting("ATOLL_REGISTRATIONS", Settings.Registrations.class, Settings.Registrations.OPEN);
        Settings.Role role = enumSetting("ATOLL_ROLE", Settings.Role.class, Settings.Role.ALL);
        boolean allowPrivate = boolSetting("ATOLL_ALLOW_PRIVATE_ADDRESSES", false);
        String metricsToken = get("ATOLL_METRICS_TOKEN");
        if (metricsToken != null && metricsToken.length() < 16)
            throw new SettingsException("ATOLL_METRICS_TOKEN: must be at least 16 characters");
        int maxChars = intSetting("ATOLL_MAX_STATUS_CHARS", 500, 1, 100_000);
        String bind = getOr("ATOLL_BIND", "0.0.0.0");

        return new Settings(domain, baseUrl, port, bind, dataDir, dbUrl, dbUser, dbPassword, registrations,
                allowPrivate, metricsToken, role, maxChars, storage(), federation(), RateLimitSettings.parse(get("ATOLL_RATE_LIMIT")),
                intSetting("ATOLL_MAX_MEDIA_ATTACHMENTS", 4, 1, 20), boolSetting("ATOLL_CACHE_REMOTE_MEDIA", true), mail(domain));
    }

    /** {@code ATOLL_SMTP_*}: the SMTP server (none: mail is written to files) and the sender address. */
    private MailSettings mail(String domain) {
        String host = get("ATOLL_SMTP_HOST");
        if (host != null) {
            host = host.trim();
            if (!host.matches("[A-Za-z0-9.\\-]+|\\[[0-9a-fA-F:]+\\]"))
                throw new SettingsException("ATOLL_SMTP_HOST: '" + host + "' is not a host name");
        }
        int port = intSetting("ATOLL_SMTP_PORT", 587, 1, 65535);
        MailSettings.Tls tls = enumSetting("ATOLL_SMTP_TLS", MailSettings.Tls.class, MailSettings.Tls.STARTTLS);
        String user = get("ATOLL_SMTP_USER");
        String password = get("ATOLL_SMTP_PASSWORD");
        if (user != null && password == null)
            throw new SettingsException("ATOLL_SMTP_PASSWORD: needed with ATOLL_SMTP_USER");
        if (password != null && user == null)
            throw new SettingsException("ATOLL_SMTP_USER: needed with ATOLL_SMTP_PASSWORD");
        String from = get("ATOLL_SMTP_FROM");
        if (from == null) from = "notifications@" + hostOf(domain);
        from = from.trim();
        // an address, optionally with a display name: "Atoll <notifications@atoll.example>"
        if (!from.matches("[^<>\\r\\n]*<[^@<>\\s]+@[^@<>\\s]+>|[^@<>\\s]+@[^@<>\\s]+"))
            throw new SettingsException("ATOLL_SMTP_FROM: '" + from + "' is not an e-mail address");
        String trustSetting = get("ATOLL_SMTP_TRUST");
        java.nio.file.Path trust = null;
        if (trustSetting != null) {
            trust = Path.of(trustSetting.trim()).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isReadable(trust))
                throw new SettingsException("ATOLL_SMTP_TRUST: '" + trust + "' is not a readable PEM file");
            if (tls == MailSettings.Tls.NONE)
                throw new SettingsException("ATOLL_SMTP_TRUST: has no use with ATOLL_SMTP_TLS=none");
        }
        return new MailSettings(host, port, user == null ? null : user.trim(), password, tls, from, trust);
    }

    /** {@code ATOLL_AUTHORIZED_FETCH}, {@code ATOLL_LIMITED_FEDERATION} and its allow-list {@code ATOLL_ALLOWED_DOMAINS}. */
    private FederationSettings federation() {
        boolean authorized = boolSetting("ATOLL_AUTHORIZED_FETCH", false);
        boolean limited = boolSetting("ATOLL_LIMITED_FEDERATION", false);
        java.util.Set<String> allowed = new java.util.LinkedHashSet<>();
        String list = get("ATOLL_ALLOWED_DOMAINS");
        if (list != null) {
            for (String d : list.split("[,\\s]+")) {
                String domain = d.trim().toLowerCase(Locale.ROOT);
                if (domain.isEmpty()) continue;
                if (!domain.matches("[a-z0-9.\\-]+(:[0-9]{1,5})?"))
                    throw new SettingsException("ATOLL_ALLOWED_DOMAINS: '" + d + "' is not a domain name");
                allowed.add(hostOf(domain));
            }
        }
        return new FederationSettings(authorized, limited, java.util.Set.copyOf(allowed));
    }

    /** {@code ATOLL_STORAGE} and, for {@code s3}, the bucket and keys it cannot work without. */
    private StorageSettings storage() {
        StorageSettings.Driver driver = enumSetting("ATOLL_STORAGE", StorageSettings.Driver.class, StorageSettings.Driver.LOCAL);
        if (driver == StorageSettings.Driver.LOCAL) return StorageSettings.local();
        String endpoint = trimSlash(get("ATOLL_S3_ENDPOINT"));
        String publicUrl = trimSlash(get("ATOLL_S3_PUBLIC_URL"));
        for (String[] u : new String[][] {{"ATOLL_S3_ENDPOINT", endpoint}, {"ATOLL_S3_PUBLIC_URL", publicUrl}}) {
            if (u[1] != null && !u[1].matches("https?://[^/\\s]+(/\\S*)?"))
                throw new SettingsException(u[0] + ": '" + u[1] + "' is not an http(s) URL");
        }
        String bucket = get("ATOLL_S3_BUCKET");
        String accessKey = get("ATOLL_S3_ACCESS_KEY");
        String secretKey = get("ATOLL_S3_SECRET_KEY");
        List<String> missing = new java.util.ArrayList<>();
        if (bucket == null) missing.add("ATOLL_S3_BUCKET");
        if (accessKey == null) missing.add("ATOLL_S3_ACCESS_KEY");
        if (secretKey == null) missing.add("ATOLL_S3_SECRET_KEY");
        if (!missing.isEmpty()) throw new SettingsException("ATOLL_STORAGE: s3 needs " + String.join(", ", missing));
        if (!bucket.trim().matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]"))
            throw new SettingsException("ATOLL_S3_BUCKET: '" + bucket + "' is not a valid bucket name");
        return new StorageSettings(driver, endpoint, bucket.trim(), getOr("ATOLL_S3_REGION", "us-east-1").trim(), accessKey.trim(),
                secretKey.trim(), boolSetting("ATOLL_S3_PATH_STYLE", endpoint != null), publicUrl);
    }

    private static String trimSlash(String url) {
        if (url == null) return null;
        String u = url.trim();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u;
    }

    /** True for names that always mean this machine: localhost, *.localhost, 127.0.0.0/8, ::1. */
    public static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.[0-9]{1,3}){3}")
                || h.equals("[::1]") || h.equals("::1");
    }

    /** The host of a domain that may carry a port ({@code localhost:8080} → {@code localhost}). */
    public static String hostOf(String domain) {
        if (domain.startsWith("[")) return domain.substring(0, domain.indexOf(']') + 1);
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }

    /** The first non-blank value from flags, environment, file: a blank one ({@code ATOLL_X=}) counts as not given. */
    private String get(String name) {
        for (Map<String, String> source : List.of(flags, env, file)) {
            String v = source.get(name);
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }

    private String getOr(String name, String dflt) {
        String v = get(name);
        return v == null ? dflt : v;
    }

    private int intSetting(String name, int dflt, int min, int max) {
        String v = get(name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + ": '" + v + "' is not a number between " + min + " and " + max);
        }
    }

    private boolean boolSetting(String name, boolean dflt) {
        String v = get(name);
        if (v == null) return dflt;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new SettingsException(name + ": '" + v + "' is not true or false");
        };
    }

    private <E extends Enum<E>> E enumSetting(String name, Class<E> type, E dflt) {
        String v = get(name);
        if (v == null) return dflt;
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) allowed.append(allowed.isEmpty() ? "" : " | ").append(c.name().toLowerCase(Locale.ROOT));
            throw new SettingsException(name + ": '" + v + "' is not one of " + allowed);
        }
    }

    private static Map<String, String> readFile(Path configFile) {
        Path p = configFile != null ? configFile : Path.of("atoll.properties");
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(p)) {
            if (configFile != null) throw new SettingsException("--config: file " + configFile + " does not exist");
            return out;
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new SettingsException("--config: cannot read " + p + ": " + e.getMessage());
        }
        // Accept both ATOLL_DB_URL=… and db.url=… in the file.
        for (String k : props.stringPropertyNames()) {
            String key = k.startsWith("ATOLL_") ? k : "ATOLL_" + k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            out.put(key, props.getProperty(k));
        }
        return out;
    }
}

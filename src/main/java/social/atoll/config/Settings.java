package social.atoll.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Every setting Atoll reads, loaded once at start by {@link SettingsLoader} and never changed after.
 *
 * @param domain          the public host name, may carry a port for local clusters ({@code localhost:18081})
 * @param baseUrl         public base URL without trailing slash ({@code https://atoll.example})
 * @param port            TCP port the HTTP server binds
 * @param bindAddress     interface the HTTP server binds
 * @param dataDir         where the SQLite file, local media and generated secrets live
 * @param dbUrl           JDBC URL of the database
 * @param dbUser          database user (PostgreSQL), may be null
 * @param dbPassword      database password (PostgreSQL), may be null
 * @param registrations   who may sign up
 * @param allowPrivateAddresses lets outbound HTTP reach loopback/private hosts (tests, local clusters)
 * @param metricsToken    bearer token protecting {@code /metrics}; null keeps metrics off
 * @param role            which parts of the process run
 * @param maxStatusChars  longest post body accepted
 * @param storage         where media bytes are kept (local disk or S3)
 * @param federation      authorized fetch and limited federation
 * @param rateLimits      the API rate limits ({@code ATOLL_RATE_LIMIT})
 * @param maxMediaAttachments most media a status may carry (Mastodon's 4 by default; albums up to 20)
 * @param cacheRemoteMedia copy remote statuses' images into the media store (else they are only proxied)
 * @param mail            SMTP server and sender, or none (mail then goes to files)
 */
public record Settings(
        String domain,
        String baseUrl,
        int port,
        String bindAddress,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Registrations registrations,
        boolean allowPrivateAddresses,
        String metricsToken,
        Role role,
        int maxStatusChars,
        StorageSettings storage,
        FederationSettings federation,
        RateLimitSettings rateLimits,
        int maxMediaAttachments,
        boolean cacheRemoteMedia,
        MailSettings mail) {

    public enum Registrations { OPEN, APPROVAL, INVITE, CLOSED }

    public enum Role {
        ALL, WEB, WORKER;

        public boolean web() { return this != WORKER; }

        public boolean worker() { return this != WEB; }
    }

    public boolean isPostgres() { return dbUrl.startsWith("jdbc:postgresql:"); }

    public boolean isSqlite() { return dbUrl.startsWith("jdbc:sqlite:"); }

    /** Host part of the base URL, with port when it is not the scheme default. */
    public String host() {
        URI u = URI.create(baseUrl);
        return u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }

    /** Absolute URL for a path on this server ({@code url("/api/v1/x")}). */
    public String url(String path) { return baseUrl + path; }

    /** Origin for the streaming API ({@code wss://host} or {@code ws://host}). */
    public String streamingOrigin() {
        return baseUrl.startsWith("https://") ? "wss://" + baseUrl.substring(8) : "ws://" + baseUrl.substring(7);
    }
}

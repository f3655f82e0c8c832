package social.atoll.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import social.atoll.config.Settings;
import social.atoll.config.SettingsException;
import social.atoll.infra.crypto.CryptoProviders;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.ClusterChannel;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.events.PgNotifyChannel;
import social.atoll.infra.files.PrivateFiles;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.json.Json;
import social.atoll.infra.metrics.Metrics;
import social.atoll.infra.secrets.Secrets;
import social.atoll.infra.storage.BlobStore;
import social.atoll.infra.storage.BlobStores;

/**
 * The machinery every feature uses: database (opened and migrated here), job queue, events, the SSRF-safe HTTP
 * client, media storage, ids, clock and secrets.
 */
public final class InfraWiring implements AutoCloseable {

    public final Settings settings;
    public final Clock clock;
    public final IdGenerator ids;
    public final ObjectMapper json;
    /** The typed codec core uses for its JSON columns. */
    public final JsonColumns jsonColumns;
    public final Database db;
    public final Secrets secrets;
    public final EventBus events;
    public final Metrics metrics;
    public final JobQueue jobs;
    /** All outbound HTTP (federation, link previews, media) goes through this SSRF-safe client. */
    public final SafeHttpClient http;
    /** Media bytes: local disk or S3. */
    public final BlobStore blobs;
    /** Signals between nodes: LISTEN/NOTIFY on PostgreSQL, in process on SQLite. */
    public final ClusterChannel clusterChannel;

    public InfraWiring(Settings settings, Clock clock) { this(settings, clock, false); }

    /**
     * {@code command}: for an admin command beside (or before) a server. It takes the JDK's crypto providers as they
     * are (ACCP's native load and self-tests cost more than the key or two a command makes) and requires the schema
     * to be current instead of migrating it (see {@link Database#requireCurrentSchema}).
     */
    public InfraWiring(Settings settings, Clock clock, boolean command) {
        if (!command) CryptoProviders.install(); // before anything makes or reads a key
        this.settings = settings;
        this.clock = clock;
        this.ids = new IdGenerator(clock);
        PrivateFiles.directory(settings.dataDir());
        this.json = Json.mapper();
        this.jsonColumns = new JsonColumns(json);
        this.db = openDatabase(settings, command);
        this.secrets = Secrets.loadOrCreate(settings.dataDir());
        this.events = new EventBus(db);
        this.metrics = new Metrics();
        db.statements().listen(metrics::recordStatements);
        this.jobs = new JobQueue(db, json, ids, clock, metrics.registry());
        this.http = new SafeHttpClient(settings);
        this.blobs = BlobStores.open(settings);
        this.clusterChannel = settings.isPostgres()
                ? new PgNotifyChannel(db, settings.dbUrl(), settings.dbUser(), settings.dbPassword())
                : new ClusterChannel.Local();
    }

    /** Opens and migrates the database; a failure becomes one line naming the setting, not a stack trace. */
    private static Database openDatabase(Settings settings, boolean command) {
        Database opened;
        try {
            opened = Database.open(settings);
        } catch (RuntimeException e) {
            throw new SettingsException("ATOLL_DB_URL: cannot open " + settings.dbUrl().replaceAll("password=[^&]*", "password=***")
                    + ": " + rootMessage(e));
        }
        try {
            if (command) opened.requireCurrentSchema();
            else opened.migrate();
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        clusterChannel.close();
        jobs.close();
        http.close();
        blobs.close();
        db.close();
        metrics.close();
    }
}

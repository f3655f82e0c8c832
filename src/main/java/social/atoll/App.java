package social.atoll;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.api.ApiServer;
import social.atoll.api.Auth;
import social.atoll.api.Controller;
import social.atoll.api.HealthController;
import social.atoll.config.Settings;
import social.atoll.config.SettingsException;
import social.atoll.core.account.AccountService;
import social.atoll.core.account.AccountStore;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.TokenService;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.json.Json;
import social.atoll.infra.secrets.Secrets;

/**
 * The object graph, built by hand in one place. Constructing an {@code App} opens the database and migrates it;
 * {@link #startWeb()} and {@link #startWorkers()} start the two roles; {@link #close()} stops everything.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    public final Settings settings;
    public final Clock clock;
    public final IdGenerator ids;
    public final ObjectMapper json;
    public final Database db;
    public final Secrets secrets;
    public final EventBus events;
    public final JobQueue jobs;

    public final AccountStore accounts;
    public final AccountService accountService;
    public final TokenService tokens;
    public final OAuthService oauth;
    public final Auth auth;

    private ApiServer server;

    public App(Settings settings) { this(settings, Clock.systemUTC()); }

    public App(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ids = new IdGenerator(clock);
        this.json = Json.mapper();
        this.db = openDatabase(settings);
        this.secrets = Secrets.loadOrCreate(settings.dataDir());
        this.events = new EventBus(db);
        this.jobs = new JobQueue(db, json, ids, clock);

        this.accounts = new AccountStore(db);
        this.accountService = new AccountService(db, accounts, ids, clock, settings, events);
        this.tokens = new TokenService(db, ids, clock);
        this.oauth = new OAuthService(db, ids, clock);
        this.auth = new Auth(tokens, accounts, clock);
    }

    /** Opens and migrates the database; a failure becomes one line naming the setting, not a stack trace. */
    private static Database openDatabase(Settings settings) {
        Database opened;
        try {
            opened = Database.open(settings);
        } catch (RuntimeException e) {
            throw new SettingsException("ATOLL_DB_URL: cannot open " + settings.dbUrl().replaceAll("password=[^&]*", "password=***")
                    + ": " + rootMessage(e));
        }
        try {
            opened.migrate();
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

    private List<Controller> controllers() {
        List<Controller> c = new ArrayList<>();
        c.add(new HealthController(db, settings));
        return c;
    }

    /** Starts the HTTP server on the configured port (0 picks a free one). */
    public synchronized App startWeb() { return startWeb(List.of()); }

    /** Starts the HTTP server with additional controllers (the benchmark's reference endpoint). */
    public synchronized App startWeb(List<Controller> extra) {
        if (server == null) {
            List<Controller> all = new ArrayList<>(controllers());
            all.addAll(extra);
            server = new ApiServer(settings, json, all);
            server.start();
            log.info("Atoll {} listening on port {} as {}", Version.ATOLL, server.port(), settings.baseUrl());
        }
        return this;
    }

    /** Starts the background workers (the durable job queue). */
    public synchronized App startWorkers() {
        jobs.start();
        return this;
    }

    public int port() { return server == null ? -1 : server.port(); }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
        jobs.close();
        db.close();
    }
}

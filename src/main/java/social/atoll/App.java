package social.atoll;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.api.streaming.StreamRegistry;
import social.atoll.config.Settings;
import social.atoll.server.Controller;
import social.atoll.server.HttpServer;
import social.atoll.wiring.CoreWiring;
import social.atoll.wiring.FederationWiring;
import social.atoll.wiring.HttpWiring;
import social.atoll.wiring.InfraWiring;
import social.atoll.wiring.Registrations;

/**
 * The object graph, built by hand in layers: {@link InfraWiring} (database, jobs, events, HTTP client, storage),
 * {@link CoreWiring} (the domain), {@link FederationWiring} (ActivityPub), and — on a node that serves HTTP —
 * {@link HttpWiring} (views and controllers). Constructing an {@code App} opens and migrates the database and
 * registers every listener and job handler; {@link #startWeb()} and {@link #startWorkers()} start the two roles;
 * {@link #close()} stops everything. Admin commands build the same graph with {@link #forCommand}, without starting
 * either role.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    public final Settings settings;
    public final InfraWiring infra;
    public final CoreWiring core;
    public final FederationWiring federation;
    /** This node's connected streaming clients. */
    public final StreamRegistry streamRegistry = new StreamRegistry();

    private HttpWiring web;
    private HttpServer server;

    public App(Settings settings) { this(settings, Clock.systemUTC()); }

    public App(Settings settings, Clock clock) { this(settings, clock, false); }

    private App(Settings settings, Clock clock, boolean command) {
        this.settings = settings;
        this.infra = new InfraWiring(settings, clock, command);
        this.core = new CoreWiring(infra);
        this.federation = new FederationWiring(infra, core);
        Registrations.registerAll(infra, core, federation);
        // rows from before two-factor secrets were sealed: the key is in secrets.properties, out of reach of SQL
        // migrations, so this step follows them here (a command reads either form and leaves this to the server)
        if (!command) {
            int protectedRows = core.twoFactor.protectStoredSecrets();
            if (protectedRows > 0) log.info("sealed or re-hashed {} two-factor secret(s) stored by an earlier version", protectedRows);
        }
    }

    /**
     * The graph for an admin command: the same services and listeners (a command's writes publish the same events),
     * but no ACCP self-test, and the schema must already be current: a command never migrates a server's database
     * under it (a new, empty database is migrated). Neither role is started.
     */
    public static App forCommand(Settings settings) { return new App(settings, Clock.systemUTC(), true); }

    /** Starts the HTTP server on the configured port (0 picks a free one). */
    public synchronized App startWeb() { return startWeb(List.of()); }

    /** Starts the HTTP server with additional controllers (the benchmark's reference endpoint). */
    public synchronized App startWeb(List<Controller> extra) {
        if (server == null) {
            web = new HttpWiring(infra, core, federation, streamRegistry);
            core.streaming.subscribe(web.streamDispatcher::accept);
            List<Controller> all = new ArrayList<>(web.controllers);
            all.addAll(extra);
            server = new HttpServer(settings, infra.json, all, infra.metrics, infra.db.statements(), web.errorPages);
            // listening before serving: a socket accepted and subscribed before the LISTEN was in place would miss
            // the events of posts committed meanwhile (on PostgreSQL they come back only through the channel)
            infra.clusterChannel.start();
            server.start();
            log.info("Atoll {} listening on port {} as {}", Version.ATOLL, server.port(), settings.baseUrl());
        }
        return this;
    }

    /** Starts the background workers (the durable job queue and its recurring jobs). */
    public synchronized App startWorkers() {
        core.mediaSweep.schedule();
        core.suspensionGrace.schedule();
        federation.actorRefresh.schedule();
        infra.jobs.start();
        return this;
    }

    public int port() { return server == null ? -1 : server.port(); }

    /** The HTTP routes this node serves ({@code "POST /api/v1/statuses"}); empty before {@link #startWeb}. */
    public List<String> routes() { return server == null ? List.of() : server.routes(); }

    @Override
    public synchronized void close() {
        if (server != null) {
            streamRegistry.closeAll();
            server.stop();
            server = null;
        }
        if (web != null) web.close();
        infra.close();
    }
}

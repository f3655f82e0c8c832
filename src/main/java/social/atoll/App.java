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
import social.atoll.api.oauth.AppsController;
import social.atoll.api.oauth.AuthorizationServerMetadataController;
import social.atoll.api.oauth.AuthorizeController;
import social.atoll.api.oauth.TokenController;
import social.atoll.api.oauth.UserinfoController;
import social.atoll.api.accounts.AccountsController;
import social.atoll.api.accounts.CredentialsController;
import social.atoll.api.accounts.FollowRequestsController;
import social.atoll.api.accounts.FollowsController;
import social.atoll.api.accounts.RegistrationController;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.instance.CustomEmojisController;
import social.atoll.api.instance.DefaultImagesController;
import social.atoll.api.instance.InstanceController;
import social.atoll.api.instance.NodeInfoController;
import social.atoll.config.Settings;
import social.atoll.config.SettingsException;
import social.atoll.core.account.AccountService;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.SignUpService;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.follow.Relationships;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.auth.AuthorizationService;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.TokenService;
import social.atoll.core.auth.WebSessionStore;
import social.atoll.web.BrowserSessions;
import social.atoll.web.LandingController;
import social.atoll.web.Pages;
import social.atoll.web.SignInController;
import social.atoll.web.SignInForm;
import social.atoll.core.status.TextFormatter;
import social.atoll.api.entity.NotificationViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.notifications.NotificationsController;
import social.atoll.api.statuses.AccountStatusesController;
import social.atoll.api.statuses.StatusActionsController;
import social.atoll.api.statuses.StatusesController;
import social.atoll.api.timelines.TimelinesController;
import social.atoll.core.notification.NotificationListeners;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.FavouriteService;
import social.atoll.core.status.ReblogService;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusStore;
import social.atoll.core.timeline.HomeFeedFanout;
import social.atoll.core.timeline.HomeFeedStore;
import social.atoll.core.timeline.TimelineService;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.metrics.Metrics;
import social.atoll.api.MetricsController;
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
    public final Metrics metrics;
    /** All outbound HTTP (federation, link previews, media) goes through this SSRF-safe client. */
    public final SafeHttpClient http;

    public final AccountStore accounts;
    public final AccountService accountService;
    public final TokenService tokens;
    public final OAuthService oauth;
    public final Auth auth;
    public final AuthorizationService authorizations;
    public final WebSessionStore webSessions;
    public final BrowserSessions browserSessions;
    public final Pages pages;
    public final TextFormatter textFormatter;
    public final StatusStore statuses;
    public final StatusRelations statusRelations;
    public final VisibilityPolicy visibility;
    public final StatusService statusService;
    public final FavouriteService favourites;
    public final ReblogService reblogs;
    public final HomeFeedStore homeFeed;
    public final TimelineService timelines;
    public final NotificationStore notifications;
    public final AccountViews accountViews;
    public final FollowStore followStore;
    public final Relationships relationships;
    public final FollowService follows;
    public final ProfileService profiles;
    public final SignUpService signUps;
    public final SiteSettings siteSettings;
    public final InstanceService instance;

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
        this.metrics = new Metrics();
        this.jobs = new JobQueue(db, json, ids, clock, metrics.registry());
        this.http = new SafeHttpClient(settings);

        this.accounts = new AccountStore(db);
        this.accountService = new AccountService(db, accounts, ids, clock, settings, events);
        this.tokens = new TokenService(db, ids, clock, events, secrets.cookieKey());
        this.oauth = new OAuthService(db, ids, clock);
        this.auth = new Auth(tokens, accounts, clock);
        this.authorizations = new AuthorizationService(db, oauth, tokens, ids, clock);
        this.webSessions = new WebSessionStore(db, ids, clock);
        this.browserSessions = new BrowserSessions(webSessions, accounts, settings, secrets.cookieKey());
        this.pages = new Pages(settings);
        this.textFormatter = new TextFormatter(settings, accounts);
        this.statuses = new StatusStore(db);
        this.statusRelations = new StatusRelations(db);
        this.visibility = new VisibilityPolicy(db, statuses);
        this.statusService = new StatusService(db, statuses, statusRelations, accounts, textFormatter, visibility, ids, clock, settings, events);
        this.favourites = new FavouriteService(db, statuses, visibility, ids, clock, events);
        this.reblogs = new ReblogService(db, statuses, statusService, accounts, visibility, ids, clock, settings, events);
        this.homeFeed = new HomeFeedStore(db, visibility);
        new HomeFeedFanout(db, homeFeed, statuses, statusRelations, jobs, clock).register(events);
        this.timelines = new TimelineService(db, homeFeed, statuses, visibility);
        this.notifications = new NotificationStore(db, ids);
        new NotificationListeners(notifications, visibility, clock).register(events);
        this.accountViews = new AccountViews(settings, accounts, json);
        this.followStore = new FollowStore(db, clock);
        this.relationships = new Relationships(db, clock);
        this.follows = new FollowService(db, followStore, relationships, accounts, ids, clock, events);
        this.profiles = new ProfileService(db, accounts, textFormatter, follows, json, clock, events);
        this.signUps = new SignUpService(settings, accountService, accounts, tokens);
        this.siteSettings = new SiteSettings(db);
        this.instance = new InstanceService(settings, db, siteSettings, accounts, clock);
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
        c.add(new MetricsController(settings, metrics));
        StatusViews statusViews = new StatusViews(settings, statuses, statusRelations, accountViews);
        c.add(new StatusesController(auth, json, statusService, statuses, visibility, statusViews));
        c.add(new StatusActionsController(auth, json, settings, favourites, reblogs, statuses, statusRelations, visibility, statusViews, accountViews));
        c.add(new AccountStatusesController(auth, json, settings, accounts, statuses, visibility, statusViews));
        c.add(new TimelinesController(auth, json, settings, timelines, statusViews));
        c.add(new NotificationsController(auth, json, settings, notifications, new NotificationViews(statuses, statusViews, accountViews)));
        SignInForm signInForm = new SignInForm(pages, browserSessions);
        c.add(new AppsController(oauth, auth, json));
        c.add(new AuthorizeController(authorizations, browserSessions, signInForm, pages));
        c.add(new TokenController(authorizations, oauth, tokens, json));
        c.add(new AuthorizationServerMetadataController(settings));
        c.add(new UserinfoController(settings, auth, accountViews));
        c.add(new SignInController(accountService, accounts, browserSessions, signInForm, pages));
        c.add(new LandingController(pages, browserSessions));
        c.add(new RegistrationController(auth, json, oauth, signUps));
        c.add(new CredentialsController(auth, json, accounts, accountViews, profiles, followStore));
        c.add(new FollowsController(auth, json, accounts, follows, relationships));
        c.add(new FollowRequestsController(settings, auth, accounts, accountViews, followStore, follows, relationships));
        c.add(new AccountsController(settings, auth, json, accounts, accountViews, followStore, relationships));
        c.add(new InstanceController(settings, instance, accountViews));
        c.add(new CustomEmojisController());
        c.add(new NodeInfoController(settings, json, instance));
        c.add(new DefaultImagesController());
        return c;
    }

    /** Starts the HTTP server on the configured port (0 picks a free one). */
    public synchronized App startWeb() { return startWeb(List.of()); }

    /** Starts the HTTP server with additional controllers (the benchmark's reference endpoint). */
    public synchronized App startWeb(List<Controller> extra) {
        if (server == null) {
            List<Controller> all = new ArrayList<>(controllers());
            all.addAll(extra);
            server = new ApiServer(settings, json, all, metrics);
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
        http.close();
        db.close();
        metrics.close();
    }
}

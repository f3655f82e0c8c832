package social.atoll;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.server.HttpServer;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.HealthController;
import social.atoll.api.oauth.AppsController;
import social.atoll.api.oauth.AuthorizationServerMetadataController;
import social.atoll.web.oauth.AuthorizeController;
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
import social.atoll.core.relationship.RelationshipLookup;
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
import social.atoll.server.MetricsController;
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
    /** The typed codec core uses for its JSON columns. */
    public final social.atoll.infra.db.JsonColumns jsonColumns;
    public final Database db;
    public final Secrets secrets;
    public final EventBus events;
    public final JobQueue jobs;
    public final Metrics metrics;
    /** All outbound HTTP (federation, link previews, media) goes through this SSRF-safe client. */
    public final SafeHttpClient http;
    /** Media: bytes in the BlobStore (local disk or S3), rows in media_attachments, remote files via the proxy. */
    public final social.atoll.infra.storage.BlobStore blobs;
    public final social.atoll.core.media.MediaStore mediaStore;
    public final social.atoll.api.entity.MediaViews mediaViews;
    public final social.atoll.core.media.RemoteMediaCache remoteMedia;
    public final social.atoll.core.media.MediaService media;
    public final social.atoll.core.media.MediaSweep mediaSweep;
    public final social.atoll.core.media.ProfileImages profileImages;
    /** Link previews: one fetch per URL for the whole server. */
    public final social.atoll.core.card.PreviewCardService cards;

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
    public final RelationshipLookup relationships;
    public final FollowService follows;
    public final ProfileService profiles;
    public final SignUpService signUps;
    public final SiteSettings siteSettings;
    public final InstanceService instance;
    /** Federation core: keys, signed fetches, signatures, remote actors, AS documents (issue 4). */
    public final social.atoll.federation.FederationPolicy federationPolicy;
    public final social.atoll.federation.keys.InstanceActor instanceActor;
    public final social.atoll.federation.keys.LocalKeys localKeys;
    public final social.atoll.federation.FederationClient federationClient;
    public final social.atoll.federation.resolver.WebFingerClient webFinger;
    public final social.atoll.federation.resolver.ActorResolver actorResolver;
    public final social.atoll.federation.resolver.ActorRefreshSweep actorRefresh;
    public final social.atoll.federation.signatures.SignatureVerifier signatureVerifier;
    public final social.atoll.federation.vocab.ActorWriter actorWriter;
    public final social.atoll.federation.vocab.NoteWriter noteWriter;
    /** Federation delivery: the inbox pipeline (one handler per activity type) and outbound delivery jobs (issue 4). */
    public final social.atoll.core.status.RemoteStatusService remoteStatuses;
    public final social.atoll.federation.outbox.InstanceHealth instanceHealth;
    public final social.atoll.federation.inbox.InboxIntake inboxIntake;
    public final social.atoll.core.relationship.RelationshipStore relationshipStore;
    public final social.atoll.core.relationship.BlockService blocks;
    public final social.atoll.core.relationship.MuteService mutes;
    public final social.atoll.core.relationship.DomainBlockService domainBlocks;
    public final social.atoll.core.relationship.AccountNoteService accountNotes;
    public final social.atoll.core.relationship.EndorsementService endorsements;
    public final social.atoll.core.list.ListFeed listFeed;
    public final social.atoll.core.list.ListService lists;
    public final social.atoll.core.filter.FilterStore filterStore;
    public final social.atoll.core.filter.FilterService filters;
    public final social.atoll.core.filter.StatusFilterMatcher filterMatcher;
    public final social.atoll.core.featured.FeaturedTagService featuredTags;
    public final social.atoll.core.discovery.DiscoveryService discovery;
    public final social.atoll.core.moderation.ReportService reports;
    public final social.atoll.core.instance.InstanceActivity instanceActivity;
    public final social.atoll.core.trends.TrendsService trends;
    public final social.atoll.core.announcement.AnnouncementService announcements;
    /** Polls, edits, scheduled statuses, bookmarks, pins, conversation mutes and direct-message conversations. */
    public final social.atoll.core.poll.PollStore pollStore;
    public final social.atoll.core.poll.PollService polls;
    public final social.atoll.core.status.StatusComposer composer;
    public final social.atoll.core.status.StatusEditService statusEdits;
    /** Attaches media to posts, edits and scheduled statuses. */
    public final social.atoll.core.media.MediaAttacher mediaAttacher;
    public final social.atoll.core.status.ScheduledStatusService scheduledStatuses;
    public final social.atoll.core.conversation.ConversationService conversations;

    private HttpServer server;

    /** Streaming: signals between nodes (LISTEN/NOTIFY on PostgreSQL), and this node's connected clients. */
    public final social.atoll.infra.events.ClusterChannel clusterChannel;
    public final social.atoll.core.streaming.StreamingListeners streaming;
    public final social.atoll.core.streaming.StreamAudience streamAudience;
    public final social.atoll.api.streaming.StreamRegistry streamRegistry = new social.atoll.api.streaming.StreamRegistry();
    private social.atoll.api.streaming.StreamDispatcher streamDispatcher;

    public App(Settings settings) { this(settings, Clock.systemUTC()); }

    public App(Settings settings, Clock clock) {
        social.atoll.infra.crypto.CryptoProviders.install(); // before anything makes or reads a key
        this.settings = settings;
        this.clock = clock;
        this.ids = new IdGenerator(clock);
        this.json = Json.mapper();
        this.jsonColumns = new social.atoll.infra.db.JsonColumns(json);
        this.db = openDatabase(settings);
        this.secrets = Secrets.loadOrCreate(settings.dataDir());
        this.events = new EventBus(db);
        this.metrics = new Metrics();
        this.jobs = new JobQueue(db, json, ids, clock, metrics.registry());
        this.http = new SafeHttpClient(settings);
        this.blobs = social.atoll.infra.storage.BlobStores.open(settings);
        this.mediaStore = new social.atoll.core.media.MediaStore(db);
        this.mediaViews = new social.atoll.api.entity.MediaViews(blobs, mediaStore,
                new social.atoll.core.media.MediaProxySigner(secrets.mediaProxyKey(), settings.baseUrl()), jsonColumns);
        this.remoteMedia = new social.atoll.core.media.RemoteMediaCache(db, blobs, http, clock);
        var imageProcessor = new social.atoll.core.media.ImageProcessor();
        this.media = new social.atoll.core.media.MediaService(db, blobs, mediaStore, imageProcessor,
                social.atoll.core.media.Ffmpeg.find(jsonColumns), jobs, ids, clock, jsonColumns);
        this.mediaSweep = new social.atoll.core.media.MediaSweep(db, media, jobs, clock);
        this.profileImages = new social.atoll.core.media.ProfileImages(db, mediaStore, media, imageProcessor);
        this.cards = new social.atoll.core.card.PreviewCardService(db, http, blobs, imageProcessor, jobs, ids, clock,
                java.time.Duration.ofSeconds(59), jsonColumns);
        cards.register(events);
        if (settings.cacheRemoteMedia())
            new social.atoll.core.media.RemoteMediaFetcher(db, mediaStore, blobs, http, imageProcessor, clock, jsonColumns).register(events, jobs);

        this.accounts = new AccountStore(db);
        this.accountService = new AccountService(db, accounts, ids, clock, settings, events);
        this.tokens = new TokenService(db, ids, clock, events, secrets.cookieKey());
        this.oauth = new OAuthService(db, ids, clock);
        this.auth = new Auth(tokens, accounts);
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
        this.notifications = new NotificationStore(db, ids, events);
        new NotificationListeners(notifications, visibility, clock).register(events);
        new social.atoll.core.notification.AdminNotifications(notifications, clock).register(events);
        this.clusterChannel = settings.isPostgres()
                ? new social.atoll.infra.events.PgNotifyChannel(db, settings.dbUrl(), settings.dbUser(), settings.dbPassword())
                : new social.atoll.infra.events.ClusterChannel.Local();
        this.streaming = new social.atoll.core.streaming.StreamingListeners(clusterChannel);
        streaming.register(events);
        this.streamAudience = new social.atoll.core.streaming.StreamAudience(db, clock);
        new social.atoll.core.tag.TagFeed(db, statuses, statusRelations, jobs, clock).register(events);
        this.accountViews = new AccountViews(settings, accounts, json, mediaViews);
        this.followStore = new FollowStore(db, clock);
        this.relationships = new RelationshipLookup(db, clock);
        this.follows = new FollowService(db, followStore, relationships, accounts, ids, clock, events);
        this.profiles = new ProfileService(db, accounts, textFormatter, follows, jsonColumns, clock, events);
        this.signUps = new SignUpService(settings, accountService, accounts, tokens);
        this.siteSettings = new SiteSettings(db);
        this.instance = new InstanceService(settings, db, siteSettings, accounts, clock);
        this.federationPolicy = new social.atoll.federation.FederationPolicy(settings, db);
        this.instanceActor = new social.atoll.federation.keys.InstanceActor(settings, db);
        this.localKeys = new social.atoll.federation.keys.LocalKeys(db);
        this.federationClient = new social.atoll.federation.FederationClient(settings, http, instanceActor, federationPolicy);
        this.webFinger = new social.atoll.federation.resolver.WebFingerClient(federationClient);
        var remoteCounts = new social.atoll.federation.resolver.RemoteCounts(db, accounts, federationClient, jobs);
        remoteCounts.register();
        this.actorResolver = new social.atoll.federation.resolver.ActorResolver(settings, db, accounts, federationClient, webFinger,
                federationPolicy, ids, json, clock, remoteCounts);
        this.actorRefresh = new social.atoll.federation.resolver.ActorRefreshSweep(db, accounts, actorResolver, jobs, clock);
        this.signatureVerifier = new social.atoll.federation.signatures.SignatureVerifier(settings, actorResolver, federationPolicy, clock);
        var mediaDocuments = new social.atoll.federation.vocab.MediaDocuments(mediaStore, blobs);
        this.actorWriter = new social.atoll.federation.vocab.ActorWriter(settings, accounts, localKeys, json, mediaDocuments);
        this.noteWriter = new social.atoll.federation.vocab.NoteWriter(settings, db, accounts, statusRelations, json, mediaDocuments);
        this.pollStore = new social.atoll.core.poll.PollStore(db, jsonColumns);
        this.polls = new social.atoll.core.poll.PollService(db, pollStore, statuses, visibility, notifications, jobs, ids, clock, events);
        polls.register();
        this.composer = new social.atoll.core.status.StatusComposer(db, statusService, statuses, polls, pollStore);
        this.mediaAttacher = new social.atoll.core.media.MediaAttacher(db, mediaStore, statusService, media, clock, settings.maxMediaAttachments());
        this.statusEdits = new social.atoll.core.status.StatusEditService(db, statuses, statusService, textFormatter, polls, pollStore,
                jsonColumns, ids, clock, settings, events, mediaAttacher);
        new social.atoll.core.notification.StatusUpdateNotifications(notifications, clock).register(events);
        this.scheduledStatuses = new social.atoll.core.status.ScheduledStatusService(db, accounts, composer, jobs, jsonColumns, ids, clock, settings, mediaAttacher);
        scheduledStatuses.register();
        this.conversations = new social.atoll.core.conversation.ConversationService(db, jsonColumns, ids, events);
        conversations.register(events);
        this.relationshipStore = new social.atoll.core.relationship.RelationshipStore(db, clock);
        this.blocks = new social.atoll.core.relationship.BlockService(db, accounts, follows, ids, clock, events);
        this.mutes = new social.atoll.core.relationship.MuteService(db, accounts, ids, clock, events);
        this.domainBlocks = new social.atoll.core.relationship.DomainBlockService(db, follows, ids, clock, events);
        this.accountNotes = new social.atoll.core.relationship.AccountNoteService(db, accounts, ids, clock);
        this.endorsements = new social.atoll.core.relationship.EndorsementService(db, accounts, ids, clock);
        endorsements.register(events);
        new social.atoll.core.timeline.FeedCleanup(jobs).register(events);
        new social.atoll.core.notification.BlockNotificationCleanup().register(events);
        this.listFeed = new social.atoll.core.list.ListFeed(db, statuses, statusRelations, visibility, jobs, clock);
        listFeed.register(events);
        this.lists = new social.atoll.core.list.ListService(db, accounts, listFeed, ids, clock);
        lists.register(events);
        this.filterStore = new social.atoll.core.filter.FilterStore(db, jsonColumns);
        this.filters = new social.atoll.core.filter.FilterService(db, filterStore, statuses, visibility, ids, clock, events);
        this.filterMatcher = new social.atoll.core.filter.StatusFilterMatcher(db, filterStore, statuses, jsonColumns, clock);
        this.featuredTags = new social.atoll.core.featured.FeaturedTagService(db, ids, clock);
        this.discovery = new social.atoll.core.discovery.DiscoveryService(db, accounts, clock);
        this.reports = new social.atoll.core.moderation.ReportService(db, accounts, jsonColumns, ids, clock, events);
        this.instanceActivity = new social.atoll.core.instance.InstanceActivity(db, clock);
        this.trends = new social.atoll.core.trends.TrendsService(db, clock);
        this.announcements = new social.atoll.core.announcement.AnnouncementService(db, ids, clock, events);
        this.remoteStatuses = new social.atoll.core.status.RemoteStatusService(db, statuses, statusService, ids, clock, events);
        this.instanceHealth = new social.atoll.federation.outbox.InstanceHealth(db, clock);
        var instanceProbe = new social.atoll.federation.outbox.InstanceProbe(db, federationClient, instanceHealth, clock);
        instanceProbe.register(jobs);
        new social.atoll.federation.outbox.DeliveryJob(db, jobs, ids, clock, federationClient, accounts, instanceHealth, instanceProbe).register();
        var outbox = new social.atoll.federation.outbox.OutboxListeners(db, accounts, followStore, noteWriter, actorWriter, jobs, ids, json, clock);
        outbox.register(events);
        outbox.registerJobs();
        var inboxServices = new social.atoll.federation.inbox.InboxServices(settings, clock, db, accounts, follows, followStore, blocks, favourites,
                remoteStatuses, polls, new social.atoll.core.poll.RemotePolls(db, pollStore, ids, clock),
                new social.atoll.core.account.RemoteAccountService(db, follows, clock), federationClient, actorResolver,
                new social.atoll.federation.inbox.NoteParser(accounts));
        new social.atoll.federation.inbox.InboxJob(accounts, social.atoll.federation.inbox.InboxHandlers.standard(inboxServices,
                new social.atoll.federation.outbox.FollowAnswers(db, jobs, ids, json),
                new social.atoll.core.moderation.RemoteReports(db, ids, clock)), json).register(jobs);
        this.inboxIntake = new social.atoll.federation.inbox.InboxIntake(settings, db, jobs, ids, clock, json, instanceHealth);
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
        c.add(new HealthController(db));
        c.add(new MetricsController(settings, metrics));
        StatusViews statusViews = new StatusViews(settings, statuses, statusRelations, accountViews,
                new social.atoll.api.entity.PollViews(pollStore, clock), filterMatcher, mediaViews,
                new social.atoll.api.entity.PreviewCardViews(db, blobs, mediaViews.proxy()));
        var scheduledViews = new social.atoll.api.entity.ScheduledStatusViews(mediaViews);
        c.add(new StatusesController(auth, json, statusService, statuses, visibility, statusViews, composer, scheduledStatuses, scheduledViews,
                mediaAttacher));
        c.add(new StatusActionsController(auth, json, settings, favourites, reblogs, statuses, statusRelations, visibility, statusViews, accountViews));
        c.add(new AccountStatusesController(auth, json, settings, accounts, statuses, visibility, statusViews));
        c.add(new TimelinesController(auth, json, settings, timelines, statusViews));
        c.add(new NotificationsController(auth, json, settings, notifications, new NotificationViews(statuses, statusViews, accountViews, reports)));
        streamDispatcher = new social.atoll.api.streaming.StreamDispatcher(streamRegistry, streamAudience, statuses, statusRelations,
                visibility, statusViews, notifications, new NotificationViews(statuses, statusViews, accountViews, reports), json);
        streaming.subscribe(streamDispatcher::accept);
        c.add(new social.atoll.api.streaming.StreamingController(auth, json, streamRegistry, streamAudience));
        c.add(new social.atoll.api.ratelimit.RateLimitController(settings.rateLimits(), auth, clock));
        var searchService = new social.atoll.core.search.SearchService(db, visibility);
        var tagService = new social.atoll.core.tag.TagService(db, ids, clock);
        var tagViews = new social.atoll.api.tags.TagViews(settings, tagService);
        c.add(new social.atoll.api.tags.TagsController(settings, auth, tagService, tagViews));
        c.add(new social.atoll.api.timelines.TagTimelineController(auth, json, settings, tagService,
                new social.atoll.core.tag.TagTimeline(db, visibility), statusViews));
        c.add(new social.atoll.api.search.SearchController(settings, auth, json, db, accounts, statuses, visibility, accountViews, statusViews,
                new social.atoll.federation.resolver.SearchResolver(db, accounts, statuses, actorResolver, federationClient, remoteStatuses,
                        new social.atoll.federation.inbox.NoteParser(accounts), visibility), searchService, tagService, tagViews));
        c.add(new social.atoll.api.search.AccountSearchController(auth, json, searchService, accountViews));
        c.add(new social.atoll.api.markers.MarkersController(auth, json, new social.atoll.core.marker.MarkerService(db, clock)));
        c.add(new social.atoll.api.preferences.PreferencesController(auth, new social.atoll.core.preferences.PreferencesService(db, jsonColumns)));
        SignInForm signInForm = new SignInForm(pages, browserSessions);
        c.add(new AppsController(oauth, auth, json));
        c.add(new AuthorizeController(authorizations, browserSessions, signInForm, pages));
        c.add(new TokenController(authorizations, oauth, tokens, json));
        c.add(new AuthorizationServerMetadataController(settings));
        c.add(new UserinfoController(settings, auth, accountViews));
        c.add(new SignInController(accountService, accounts, browserSessions, signInForm, pages));
        c.add(new LandingController(pages, browserSessions));
        c.add(new RegistrationController(auth, json, oauth, signUps));
        c.add(new CredentialsController(auth, json, accounts, accountViews, profiles, followStore, profileImages));
        c.add(new FollowsController(auth, json, accounts, follows, relationships));
        c.add(new FollowRequestsController(settings, auth, accounts, accountViews, followStore, follows, relationships));
        c.add(new AccountsController(settings, auth, json, accounts, accountViews, followStore, relationships, actorResolver));
        c.add(new InstanceController(settings, instance, accountViews));
        c.add(new CustomEmojisController());
        c.add(new NodeInfoController(settings, json, instance));
        var fetchAccess = new social.atoll.federation.documents.FetchAccess(signatureVerifier, federationPolicy);
        c.add(new social.atoll.federation.webfinger.WebFingerController(settings, accounts, instanceActor));
        c.add(new social.atoll.federation.inbox.InboxController(accounts, signatureVerifier, inboxIntake, json));
        c.add(new social.atoll.federation.documents.ActorDocumentsController(settings, accounts, actorWriter, instanceActor, fetchAccess, pages));
        c.add(new social.atoll.federation.documents.StatusDocumentsController(settings, db, accounts, statuses, visibility, noteWriter, fetchAccess, pages));
        c.add(new social.atoll.federation.documents.CollectionsController(accounts, statuses, followStore, visibility, noteWriter, instanceActor, fetchAccess));
        c.add(new DefaultImagesController());
        c.add(new social.atoll.api.media.MediaController(auth, json, media, mediaViews));
        c.add(new social.atoll.api.media.SystemFilesController(blobs));
        c.add(new social.atoll.api.media.MediaProxyController(mediaViews.proxy(), remoteMedia));
        var statusListing = new social.atoll.api.bookmarks.StatusListing(settings, statuses, visibility, statusViews);
        var statusCollections = new social.atoll.core.status.StatusCollections(db);
        c.add(new social.atoll.api.statuses.StatusEditsController(auth, json, statusEdits, statuses, visibility, statusViews, accountViews, mediaViews));
        c.add(new social.atoll.api.polls.PollsController(auth, json, polls, new social.atoll.api.entity.PollViews(pollStore, clock)));
        c.add(new social.atoll.api.scheduled.ScheduledStatusesController(settings, auth, json, scheduledStatuses, scheduledViews));
        c.add(new social.atoll.api.bookmarks.BookmarksController(auth, new social.atoll.core.status.BookmarkService(db, statuses, visibility, ids, clock),
                statusCollections, statusListing, statusViews));
        c.add(new social.atoll.api.favourites.FavouritesController(auth, statusCollections, statusListing));
        c.add(new social.atoll.api.statuses.StatusPinsController(auth, new social.atoll.core.status.PinService(db, statuses, visibility, ids, clock, events), statusViews));
        c.add(new social.atoll.api.statuses.ConversationMutesController(auth,
                new social.atoll.core.status.ConversationMuteService(db, statuses, visibility), statusViews));
        c.add(new social.atoll.api.statuses.TranslationsController(auth, statuses, visibility));
        var conversationsController = new social.atoll.api.conversations.ConversationsController(settings, auth, conversations, statuses, visibility, statusViews, accountViews);
        c.add(conversationsController);
        streamDispatcher.renderConversationsWith((id, viewer) -> conversationsController.entity(viewer, id));
        c.add(new social.atoll.api.accounts.BlocksController(settings, auth, blocks, relationshipStore, relationships, accountViews));
        c.add(new social.atoll.api.accounts.MutesController(settings, auth, json, mutes, relationshipStore, relationships, accountViews));
        c.add(new social.atoll.api.accounts.DomainBlocksController(settings, auth, json, domainBlocks, relationshipStore));
        c.add(new social.atoll.api.accounts.AccountNotesController(auth, json, accounts, accountNotes, follows, relationships));
        c.add(new social.atoll.api.accounts.EndorsementsController(settings, auth, accounts, endorsements, relationshipStore, relationships, accountViews));
        c.add(new social.atoll.api.lists.ListsController(auth, json, accounts, lists));
        c.add(new social.atoll.api.lists.ListAccountsController(settings, auth, json, lists, accountViews));
        c.add(new social.atoll.api.timelines.ListTimelineController(settings, auth, lists, listFeed, statuses, visibility, statusViews));
        c.add(new social.atoll.api.filters.FiltersController(auth, json, filters, filterStore));
        c.add(new social.atoll.api.filters.FilterKeywordsController(auth, json, filters));
        c.add(new social.atoll.api.filters.FiltersV1Controller(auth, json, filters, filterStore));
        var collectionTagViews = new social.atoll.api.tags.TagViews(settings, new social.atoll.core.tag.TagService(db, ids, clock));
        c.add(new social.atoll.api.accounts.FeaturedTagsController(settings, auth, json, accounts, featuredTags, collectionTagViews));
        c.add(new social.atoll.api.accounts.DiscoveryController(auth, json, discovery, accountViews));
        c.add(new social.atoll.api.reports.ReportsController(auth, json, reports, new social.atoll.api.entity.ReportViews(accountViews)));
        c.add(new social.atoll.api.instance.InstanceActivityController(instanceActivity));
        c.add(new social.atoll.api.trends.TrendsController(auth, json, trends, collectionTagViews, statusViews, visibility));
        var announcementsController = new social.atoll.api.announcements.AnnouncementsController(auth, announcements);
        c.add(announcementsController);
        streamDispatcher.renderAnnouncementsWith((id, viewer) -> announcementsController.entity(viewer, id));
        return c;
    }

    /** Starts the HTTP server on the configured port (0 picks a free one). */
    public synchronized App startWeb() { return startWeb(List.of()); }

    /** Starts the HTTP server with additional controllers (the benchmark's reference endpoint). */
    public synchronized App startWeb(List<Controller> extra) {
        if (server == null) {
            List<Controller> all = new ArrayList<>(controllers());
            all.addAll(extra);
            server = new HttpServer(settings, json, all, metrics);
            server.start();
            clusterChannel.start();
            log.info("Atoll {} listening on port {} as {}", Version.ATOLL, server.port(), settings.baseUrl());
        }
        return this;
    }

    /** Starts the background workers (the durable job queue). */
    public synchronized App startWorkers() {
        mediaSweep.schedule();
        actorRefresh.schedule();
        jobs.start();
        return this;
    }

    public int port() { return server == null ? -1 : server.port(); }

    @Override
    public synchronized void close() {
        if (server != null) {
            streamRegistry.closeAll();
            server.stop();
            server = null;
        }
        clusterChannel.close();
        if (streamDispatcher != null) streamDispatcher.close();
        jobs.close();
        http.close();
        blobs.close();
        db.close();
        metrics.close();
    }
}

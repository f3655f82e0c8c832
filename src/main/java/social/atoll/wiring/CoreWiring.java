package social.atoll.wiring;

import java.time.Duration;
import social.atoll.config.Settings;
import social.atoll.core.account.AccountKeyStore;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.account.AccountService;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.LinkVerifier;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.RemoteAccountDeletion;
import social.atoll.core.account.RemoteAccountService;
import social.atoll.core.account.RemoteAccountStore;
import social.atoll.core.account.SignUpService;
import social.atoll.core.announcement.AnnouncementService;
import social.atoll.core.announcement.AnnouncementStore;
import social.atoll.core.auth.AuthorizationService;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.OAuthStore;
import social.atoll.core.auth.SignInThrottle;
import social.atoll.core.auth.TokenService;
import social.atoll.core.auth.WebSessionStore;
import social.atoll.core.auth.WebSessions;
import social.atoll.core.card.PreviewCardService;
import social.atoll.core.card.PreviewCardStore;
import social.atoll.core.conversation.ConversationService;
import social.atoll.core.discovery.DiscoveryService;
import social.atoll.core.featured.FeaturedTagService;
import social.atoll.core.featured.FeaturedTagStore;
import social.atoll.core.filter.FilterService;
import social.atoll.core.filter.FilterStore;
import social.atoll.core.filter.StatusFilterMatcher;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.inbox.SeenActivityStore;
import social.atoll.core.instance.InstanceActivity;
import social.atoll.core.instance.InstanceHealthStore;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.list.ListFeed;
import social.atoll.core.list.ListService;
import social.atoll.core.circle.CircleService;
import social.atoll.core.circle.CircleStore;
import social.atoll.core.list.ListStore;
import social.atoll.core.marker.MarkerService;
import social.atoll.core.marker.MarkerStore;
import social.atoll.core.media.Ffmpeg;
import social.atoll.core.media.ImageProcessor;
import social.atoll.core.media.MediaAttacher;
import social.atoll.core.media.MediaProxySigner;
import social.atoll.core.media.MediaService;
import social.atoll.core.media.MediaStore;
import social.atoll.core.media.MediaSweep;
import social.atoll.core.media.ProfileImages;
import social.atoll.core.media.RemoteMediaCache;
import social.atoll.core.media.RemoteMediaFetcher;
import social.atoll.core.moderation.DomainBlockStore;
import social.atoll.core.moderation.RemoteReports;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.notification.AdminNotifications;
import social.atoll.core.notification.BlockNotificationCleanup;
import social.atoll.core.notification.NotificationListeners;
import social.atoll.core.notification.NotificationService;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.notification.StatusUpdateNotifications;
import social.atoll.core.poll.PollService;
import social.atoll.core.poll.PollStore;
import social.atoll.core.poll.RemotePolls;
import social.atoll.core.poll.RemoteQuestions;
import social.atoll.core.preferences.PreferencesService;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.relationship.AccountNoteService;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.relationship.DomainBlockService;
import social.atoll.core.relationship.EndorsementService;
import social.atoll.core.relationship.MuteService;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.relationship.RelationshipQueries;
import social.atoll.core.relationship.RelationshipStore;
import social.atoll.core.search.SearchService;
import social.atoll.core.status.BookmarkService;
import social.atoll.core.status.ConversationMuteService;
import social.atoll.core.status.FavouriteService;
import social.atoll.core.status.PinService;
import social.atoll.core.status.ReblogService;
import social.atoll.core.status.RemoteStatusService;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.ScheduledStatusService;
import social.atoll.core.status.ScheduledStatusStore;
import social.atoll.core.status.StatusCollections;
import social.atoll.core.status.StatusEditService;
import social.atoll.core.status.StatusEditStore;
import social.atoll.core.status.StatusFeedStore;
import social.atoll.core.status.StatusLookup;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.TextFormatter;
import social.atoll.core.streaming.StreamAudience;
import social.atoll.core.streaming.StreamingListeners;
import social.atoll.core.tag.TagFeed;
import social.atoll.core.tag.TagService;
import social.atoll.core.tag.TagStore;
import social.atoll.core.tag.TagTimeline;
import social.atoll.core.timeline.FeedCleanup;
import social.atoll.core.timeline.HomeFeedFanout;
import social.atoll.core.timeline.HomeFeedStore;
import social.atoll.core.timeline.TimelineService;
import social.atoll.core.trends.TrendsService;

/**
 * The domain: every store and service of {@code core}, each built once. Listeners are built here and registered
 * in one ordered block by {@link Registrations}.
 */
public final class CoreWiring {

    // media and link previews
    public final MediaStore mediaStore;
    public final MediaProxySigner mediaProxySigner;
    public final ImageProcessor imageProcessor;
    public final RemoteMediaCache remoteMedia;
    public final MediaService media;
    public final MediaSweep mediaSweep;
    public final ProfileImages profileImages;
    public final social.atoll.core.media.ProfileEditor profileEditor;
    /** Link previews: one fetch per URL for the whole server. */
    public final PreviewCardService cards;
    /** Copies images of remote posts into the media store; null when {@code ATOLL_CACHE_REMOTE_MEDIA=false}. */
    final RemoteMediaFetcher remoteMediaFetcher;

    // accounts and sign-in
    public final AccountStore accounts;
    public final AccountService accountService;
    public final TokenService tokens;
    public final OAuthService oauth;
    public final AuthorizationService authorizations;
    public final WebSessionStore webSessions;
    public final WebSessions browserSignIn;
    public final social.atoll.core.auth.AuthorizedApps authorizedApps;
    public final SignUpService signUps;
    public final ProfileService profiles;
    public final LinkVerifier linkVerifier;
    public final RemoteAccountService remoteAccounts;

    // statuses, timelines, notifications
    public final TextFormatter textFormatter;
    public final StatusStore statuses;
    public final StatusFeedStore statusFeeds;
    public final StatusRelations statusRelations;
    public final VisibilityPolicy visibility;
    public final StatusService statusService;
    public final FavouriteService favourites;
    public final ReblogService reblogs;
    public final StatusEditStore statusEditStore;
    public final RemoteStatusService remoteStatuses;
    public final HomeFeedStore homeFeed;
    public final TimelineService timelines;
    public final NotificationStore notifications;
    public final PollStore pollStore;
    public final PollService polls;
    public final RemotePolls remotePolls;
    public final PostStatusService posting;
    public final social.atoll.core.instagram.InstagramImporter instagramImport;
    /** CSV exports and imports of a person's network (issue 14). */
    public final social.atoll.core.portability.CsvExports csvExports;
    public final social.atoll.core.portability.CsvImports csvImports;
    /** Archives in Mastodon's format: built for download, and imported (issue 14). */
    public final social.atoll.core.archive.ArchiveExporter archiveExport;
    public final social.atoll.core.archive.ArchiveImporter archiveImport;
    /** Attaches media to posts, edits and scheduled statuses. */
    public final MediaAttacher mediaAttacher;
    public final StatusEditService statusEdits;
    public final ScheduledStatusService scheduledStatuses;
    public final ConversationService conversations;
    public final BookmarkService bookmarks;
    public final PinService pins;
    public final ConversationMuteService conversationMutes;
    public final StatusCollections statusCollections;
    /** What a viewer may read: statuses, accounts, relationship lists, notifications (the API's one call each). */
    public final StatusQueries statusQueries;
    public final AccountQueries accountQueries;
    public final RelationshipQueries relationshipQueries;
    public final NotificationService notificationService;
    public final social.atoll.core.notification.NotificationRequests notificationRequests;
    final social.atoll.core.notification.NotificationMails notificationMails;
    final HomeFeedFanout homeFeedFanout;
    final NotificationListeners notificationListeners;
    final AdminNotifications adminNotifications;
    final StatusUpdateNotifications statusUpdateNotifications;
    final TagFeed tagFeed;
    final FeedCleanup feedCleanup;
    final BlockNotificationCleanup blockNotificationCleanup;

    // streaming
    public final StreamingListeners streaming;
    public final StreamAudience streamAudience;

    // follows and relationships
    public final FollowStore followStore;
    public final RelationshipLookup relationships;
    public final FollowService follows;
    public final RelationshipStore relationshipStore;
    public final BlockService blocks;
    public final MuteService mutes;
    public final DomainBlockService domainBlocks;
    public final AccountNoteService accountNotes;
    public final EndorsementService endorsements;

    // lists, filters, tags, search, discovery
    public final ListStore listStore;
    public final ListFeed listFeed;
    public final ListService lists;
    public final CircleService circles;
    public final social.atoll.core.collection.CollectionService collections;
    /** Quote posts with consent (issue 15). */
    public final social.atoll.core.quote.QuoteService quotes;
    public final social.atoll.core.interaction.InteractionPolicies interactionPolicies;
    public final social.atoll.core.interaction.InteractionRequestService interactionRequests;
    public final social.atoll.core.status.PendingStatuses pendingStatuses;
    /** Complete threads: the replies of remote posts, fetched as jobs (issue 15). */
    public final social.atoll.core.thread.ThreadCompletion threads;
    public final FilterStore filterStore;
    public final FilterService filters;
    public final StatusFilterMatcher filterMatcher;
    public final FeaturedTagService featuredTags;
    public final TagStore tagStore;
    public final TagService tags;
    public final TagTimeline tagTimeline;
    public final SearchService search;
    public final DiscoveryService discovery;
    public final TrendsService trends;
    public final MarkerService markers;
    public final PreferencesService preferences;

    // the instance and its moderation
    public final SiteSettings siteSettings;
    public final InstanceService instance;
    public final InstanceActivity instanceActivity;
    public final ReportService reports;
    public final RemoteReports remoteReports;
    public final AnnouncementService announcements;
    // custom emoji and emoji reactions
    public final social.atoll.core.emoji.CustomEmojiService customEmojis;
    public final social.atoll.core.emoji.EmojiArchiveImport emojiImport;
    public final social.atoll.core.emoji.ReactionService reactions;
    public final social.atoll.core.emoji.ReactionNotifications reactionNotifications;

    // what the federation layer reads and stores through core
    public final AccountKeyStore accountKeys;
    public final RemoteAccountStore remoteAccountStore;
    public final RemoteAccountDeletion remoteAccountDeletion;
    public final RemoteQuestions remoteQuestions;
    public final StatusLookup statusLookup;
    public final InstanceHealthStore instanceHealth;
    public final DomainBlockStore domainBlockStore;
    public final social.atoll.core.moderation.FederationPolicy federationPolicy;

    // staff moderation: one service per subject, the audit log they all write
    public final social.atoll.core.moderation.ActionLogStore actionLog;
    public final social.atoll.core.moderation.HeldPosts heldPosts;
    public final social.atoll.core.moderation.Roles roles;
    public final social.atoll.core.moderation.AccountWarningStore accountWarnings;
    public final social.atoll.core.moderation.AccountModeration accountModeration;
    public final social.atoll.core.deletion.AccountDeletionStore accountDeletionStore;
    public final social.atoll.core.deletion.AccountDeletion accountDeletion;
    public final social.atoll.core.deletion.SuspensionGraceSweep suspensionGrace;
    public final social.atoll.core.moderation.ReportModeration reportModeration;
    public final social.atoll.core.moderation.Appeals appeals;
    public final social.atoll.core.moderation.WarningPresets warningPresets;
    public final social.atoll.core.moderation.DomainModeration domainModeration;
    public final social.atoll.core.moderation.SignUpBlocks signUpBlocks;

    // Web Push: the subscription API and the delivery of each notification to the subscriptions
    public final social.atoll.core.push.PushService push;
    public final social.atoll.core.push.WebPushDelivery webPush;
    public final social.atoll.core.notification.GroupedNotifications groupedNotifications;
    public final social.atoll.core.moderation.AuditLog auditLog;
    public final social.atoll.core.moderation.ServerSettings serverSettings;
    public final social.atoll.core.invite.Invites invites;
    public final social.atoll.core.instance.Policies policies;
    public final social.atoll.core.moderation.Dashboard dashboard;
    public final SeenActivityStore seenActivities;
    public final social.atoll.core.mail.MailService mail;
    public final social.atoll.core.account.AccountCredentials credentials;
    public final social.atoll.core.twofactor.TwoFactorService twoFactor;
    public final social.atoll.core.twofactor.Passkeys passkeys;
    public final social.atoll.core.twofactor.SecondFactor secondFactor;

    public CoreWiring(InfraWiring infra) {
        Settings settings = infra.settings;
        var db = infra.db;
        var clock = infra.clock;
        var ids = infra.ids;
        var json = infra.jsonColumns;
        var jobs = infra.jobs;
        var events = infra.events;

        this.accounts = new AccountStore(db);
        this.mail = new social.atoll.core.mail.MailService(db, jobs, ids,
                social.atoll.infra.mail.MailTransport.of(settings.mail(), settings.dataDir(), clock));
        // the admin's domain policy comes first: media caching and federation both ask it
        this.domainBlockStore = new DomainBlockStore(db);
        this.federationPolicy = new social.atoll.core.moderation.FederationPolicy(settings, domainBlockStore);
        this.mediaStore = new MediaStore(db);
        this.mediaProxySigner = new MediaProxySigner(infra.secrets.mediaProxyKey(), settings.baseUrl());
        this.imageProcessor = new ImageProcessor();
        this.remoteMedia = new RemoteMediaCache(mediaStore, infra.blobs, infra.http, clock, federationPolicy);
        this.media = new MediaService(db, infra.blobs, mediaStore, imageProcessor, Ffmpeg.find(json), jobs, ids, clock, json);
        this.mediaSweep = new MediaSweep(db, media, jobs, clock);
        this.profileImages = new ProfileImages(db, mediaStore, accounts, media, imageProcessor);
        // a random delay of up to a minute, so a link federating to many servers is not fetched by all at once
        this.cards = new PreviewCardService(new PreviewCardStore(db), infra.http, infra.blobs, imageProcessor, jobs, ids, clock,
                Duration.ofSeconds(59), json);
        this.remoteMediaFetcher = settings.cacheRemoteMedia()
                ? new RemoteMediaFetcher(mediaStore, infra.blobs, infra.http, imageProcessor, clock, json, federationPolicy) : null;

        this.accountService = new AccountService(db, accounts, ids, clock, settings, events);
        var oauthStore = new OAuthStore(db);
        this.tokens = new TokenService(db, oauthStore, ids, clock, events, infra.secrets.cookieKey());
        this.oauth = new OAuthService(db, oauthStore, ids, clock);
        this.authorizations = new AuthorizationService(db, oauthStore, oauth, tokens, ids, clock);
        this.webSessions = new WebSessionStore(db, ids, clock);
        this.authorizedApps = new social.atoll.core.auth.AuthorizedApps(oauthStore, tokens);
        this.browserSignIn = new WebSessions(webSessions, accounts, accountService, new SignInThrottle(clock), clock,
                new social.atoll.core.account.SignInNotices(settings, db, new social.atoll.core.account.SignInOriginStore(), mail, clock));

        this.textFormatter = new TextFormatter(settings, accounts);
        this.statuses = new StatusStore(db, ids);
        this.statusFeeds = new StatusFeedStore(db);
        this.statusRelations = new StatusRelations(db);
        this.followStore = new FollowStore(db, clock);
        this.relationships = new RelationshipLookup(db, clock);
        this.relationshipStore = new RelationshipStore(db, clock);
        this.visibility = new VisibilityPolicy(db, statuses, statusRelations, accounts, followStore, relationships,
                new social.atoll.core.privacy.VisibilityFactsStore());
        this.statusService = new StatusService(db, statuses, statusRelations, events);
        // interaction policies are asked by favourites, boosts and replies, and tell authors of held ones
        var notificationPolicies = new social.atoll.core.notification.NotificationPolicyStore(db, ids);
        this.notifications = new NotificationStore(db, ids, events, new social.atoll.core.notification.NotificationGate(notificationPolicies));
        var interactionStore = new social.atoll.core.interaction.InteractionStore(db);
        this.interactionPolicies = new social.atoll.core.interaction.InteractionPolicies(db, interactionStore, statuses, accounts, notifications,
                ids, clock, settings, events);
        this.pendingStatuses = new social.atoll.core.status.PendingStatuses(statuses, statusRelations, clock, events);
        this.favourites = new FavouriteService(db, statuses, statusRelations, visibility, ids, clock, events, interactionPolicies);
        this.reblogs = new ReblogService(db, statuses, statusService, accounts, visibility, ids, clock, settings, events, interactionPolicies,
                pendingStatuses);
        this.interactionRequests = new social.atoll.core.interaction.InteractionRequestService(db, interactionStore, statuses, accounts,
                favourites, pendingStatuses, statusService, clock, settings, events);
        this.statusEditStore = new StatusEditStore(db, json, ids);
        this.remoteStatuses = new RemoteStatusService(db, statuses, statusRelations, statusEditStore, mediaStore, statusService, ids, clock, events,
                json, interactionPolicies, pendingStatuses);
        this.homeFeed = new HomeFeedStore(db, visibility);
        this.homeFeedFanout = new HomeFeedFanout(db, homeFeed, accounts, statuses, statusRelations, jobs, clock);
        this.timelines = new TimelineService(homeFeed, statusFeeds, visibility);
        this.notificationRequests = new social.atoll.core.notification.NotificationRequests(db, notificationPolicies, events, clock);
        this.notificationMails = new social.atoll.core.notification.NotificationMails(notificationPolicies, mail, settings);
        this.notificationListeners = new NotificationListeners(notifications, visibility, followStore, clock);
        this.actionLog = new social.atoll.core.moderation.ActionLogStore(db, ids, json, clock);
        this.roles = new social.atoll.core.moderation.Roles(db, new social.atoll.core.moderation.RoleStore(db), accounts, actionLog, clock);
        this.adminNotifications = new AdminNotifications(notifications, roles, clock);
        this.statusUpdateNotifications = new StatusUpdateNotifications(notifications, statuses, clock);
        this.blockNotificationCleanup = new BlockNotificationCleanup(notifications);
        this.listStore = new ListStore(db, visibility);
        this.feedCleanup = new FeedCleanup(homeFeed, listStore, followStore, jobs);
        this.tagStore = new TagStore(db);
        this.tagFeed = new TagFeed(db, tagStore, homeFeed, statuses, statusRelations, jobs, clock);

        this.streaming = new StreamingListeners(infra.clusterChannel);
        this.streamAudience = new StreamAudience(db, accounts, followStore, relationships, homeFeed, listStore, mediaStore);

        this.follows = new FollowService(db, followStore, relationships, accounts, ids, clock, events);
        this.profiles = new ProfileService(db, accounts, textFormatter, follows, json, clock, events);
        this.profileEditor = new social.atoll.core.media.ProfileEditor(profiles, profileImages);
        this.linkVerifier = new LinkVerifier(accounts, infra.http, jobs, ids, json, clock);
        this.heldPosts = new social.atoll.core.moderation.HeldPosts(db, new social.atoll.core.moderation.HeldPostStore(db), notifications,
                actionLog, clock);
        notificationListeners.holdMentionsWith(heldPosts::holdIfSuspicious);
        this.signUpBlocks = new social.atoll.core.moderation.SignUpBlocks(db, new social.atoll.core.moderation.SignUpBlockStore(db), actionLog,
                ids, clock);
        this.credentials = new social.atoll.core.account.AccountCredentials(settings, db, accounts,
                new social.atoll.core.account.UserTokenStore(), oauthStore, webSessions, mail, jobs, ids, clock);
        this.signUps = new SignUpService(settings, accountService, accounts, tokens, signUpBlocks, credentials);
        signUps.throttleWith(new social.atoll.core.account.SignUpThrottle(settings.rateLimits().enabled(), clock));
        var twoFactorStore = new social.atoll.core.twofactor.TwoFactorStore(db);
        this.twoFactor = new social.atoll.core.twofactor.TwoFactorService(settings, db, twoFactorStore, accounts, mail, ids, clock,
                new social.atoll.core.twofactor.TwoFactorSeal(infra.secrets.cookieKey()));
        this.passkeys = new social.atoll.core.twofactor.Passkeys(settings, twoFactorStore, twoFactor, ids, clock);
        this.secondFactor = new social.atoll.core.twofactor.SecondFactor(db, twoFactor, passkeys, accounts, new SignInThrottle(clock));
        this.remoteAccounts = new RemoteAccountService(db, accounts, followStore, follows, clock);
        this.siteSettings = new SiteSettings(db);
        this.instance = new InstanceService(settings, db, siteSettings, accounts, statuses, clock);

        this.pollStore = new PollStore(db, json);
        this.polls = new PollService(db, pollStore, statuses, visibility, notifications, jobs, ids, clock, events);
        this.remotePolls = new RemotePolls(db, pollStore, ids, clock);
        this.mediaAttacher = new MediaAttacher(mediaStore, media, clock, settings.maxMediaAttachments());
        var scheduledStore = new ScheduledStatusStore(db, json);
        this.circles = new CircleService(db, new CircleStore(db), accounts, followStore, ids, clock);
        this.collections = new social.atoll.core.collection.CollectionService(db, new social.atoll.core.collection.CollectionStore(db),
                statuses, accounts, followStore, visibility, ids, clock);
        this.quotes = new social.atoll.core.quote.QuoteService(db, new social.atoll.core.quote.QuoteStore(db), statuses, accounts,
                visibility, notifications, ids, clock, settings, events, new PreferencesService(db, accounts, json), relationships);
        this.posting = new PostStatusService(db, statuses, scheduledStore, accounts, textFormatter, visibility, polls, mediaAttacher, jobs,
                ids, clock, settings, events, circles, statusRelations, quotes, interactionPolicies, pendingStatuses);
        this.instagramImport = new social.atoll.core.instagram.InstagramImporter(db, new social.atoll.core.instagram.InstagramImportStore(db),
                media, posting, Ffmpeg.find(json), jobs, ids, clock, settings, json);
        this.instagramImport.notifyWith(notifications);
        var archiveStore = new social.atoll.core.archive.ArchiveStore(db);
        this.archiveExport = new social.atoll.core.archive.ArchiveExporter(db, archiveStore, accounts, statuses, media, infra.blobs, mail,
                notifications, jobs, ids, clock, settings);
        this.archiveImport = new social.atoll.core.archive.ArchiveImporter(db, archiveStore, media, posting, reblogs, statuses, jobs, ids, clock,
                settings);
        this.statusEdits = new StatusEditService(db, statuses, statusEditStore, textFormatter, polls, pollStore,
                mediaAttacher, clock, settings, events);
        this.scheduledStatuses = new ScheduledStatusService(db, scheduledStore, posting, jobs, clock);
        this.conversations = new ConversationService(db, statuses, accounts, json, ids, events);
        this.bookmarks = new BookmarkService(statuses, statusRelations, visibility, ids, clock);
        this.pins = new PinService(db, statuses, statusRelations, visibility, ids, clock, events);
        this.conversationMutes = new ConversationMuteService(statuses, statusRelations, visibility);
        this.statusCollections = new StatusCollections(db);

        this.blocks = new BlockService(db, relationshipStore, accounts, follows, ids, clock, events);
        this.mutes = new MuteService(db, relationshipStore, accounts, ids, clock, events);
        this.domainBlocks = new DomainBlockService(db, relationshipStore, followStore, follows, ids, clock, events);
        this.accountNotes = new AccountNoteService(db, relationshipStore, accounts, ids, clock);
        this.endorsements = new EndorsementService(db, relationshipStore, accounts, followStore, ids, clock);
        this.statusQueries = new StatusQueries(statuses, statusRelations, statusCollections, accounts, visibility);
        this.threads = new social.atoll.core.thread.ThreadCompletion(db, new social.atoll.core.thread.ThreadFetchStore(), statusQueries, jobs, clock);
        this.accountQueries = new AccountQueries(accounts, followStore, relationships, json);
        this.relationshipQueries = new RelationshipQueries(relationshipStore, accounts);
        this.notificationService = new NotificationService(notifications);

        this.listFeed = new ListFeed(db, listStore, statuses, statusRelations, jobs, clock);
        this.lists = new ListService(db, listStore, accounts, followStore, listFeed, ids, clock);
        var portability = new social.atoll.core.portability.PortabilityStore(db);
        this.csvExports = new social.atoll.core.portability.CsvExports(portability, settings.domain(), clock);
        this.csvImports = new social.atoll.core.portability.CsvImports(db, portability, accounts, follows, blocks, mutes, domainBlocks,
                lists, bookmarks, jobs, ids, clock, settings.domain());
        this.filterStore = new FilterStore(db, json);
        this.filters = new FilterService(db, filterStore, statuses, visibility, ids, clock, events);
        this.filterMatcher = new StatusFilterMatcher(db, filterStore, statuses, json, clock);
        this.featuredTags = new FeaturedTagService(db, new FeaturedTagStore(db), tagStore, statusFeeds, ids, clock);
        this.tags = new TagService(db, tagStore, statusFeeds, ids, clock);
        this.tagTimeline = new TagTimeline(statusFeeds, visibility);
        this.search = new SearchService(statusFeeds, accounts, visibility);
        this.discovery = new DiscoveryService(db, accounts, followStore, clock);
        this.trends = new TrendsService(db, new social.atoll.core.trends.TrendStore(db), statuses, tagStore, cards, siteSettings, actionLog, clock,
                visibility);
        this.markers = new MarkerService(db, new MarkerStore(db), clock);
        this.preferences = new PreferencesService(db, accounts, json);

        this.instanceActivity = new InstanceActivity(db, accounts, statuses, clock);
        this.reports = new ReportService(db, accounts, statuses, visibility, json, ids, clock, events);
        this.announcements = new AnnouncementService(db, new AnnouncementStore(db), ids, clock, events);
        this.customEmojis = new social.atoll.core.emoji.CustomEmojiService(db, new social.atoll.core.emoji.CustomEmojiStore(db), infra.blobs,
                imageProcessor, mediaProxySigner, settings, ids, clock, actionLog);
        this.emojiImport = new social.atoll.core.emoji.EmojiArchiveImport(customEmojis);
        var reactionStore = new social.atoll.core.emoji.ReactionStore(db);
        this.reactions = new social.atoll.core.emoji.ReactionService(db, reactionStore, statuses, customEmojis, visibility, ids, clock, events);
        this.reactionNotifications = new social.atoll.core.emoji.ReactionNotifications(notifications, reactionStore, clock);

        this.accountKeys = new AccountKeyStore(db);
        this.remoteAccountStore = new RemoteAccountStore(db, ids, json);
        this.remoteAccountDeletion = new RemoteAccountDeletion(db, remoteStatuses, remoteAccounts, media);
        this.remoteQuestions = new RemoteQuestions(db, remoteStatuses, remotePolls);
        this.statusLookup = new StatusLookup(accounts, statuses, visibility);
        this.instanceHealth = new InstanceHealthStore(db);
        this.accountWarnings = new social.atoll.core.moderation.AccountWarningStore(db, json);
        var adminReports = new social.atoll.core.moderation.AdminReportStore(db, json);
        // issue 12's appeals, warning presets, report notes and snapshots
        var moderationExtras = new social.atoll.core.moderation.ModerationExtrasStore(db, json);
        var appealStore = new social.atoll.core.moderation.AppealStore(db);
        var moderationNotices = new social.atoll.core.moderation.ModerationNotices(accounts, notifications, mail, settings, roles);
        this.accountDeletionStore = new social.atoll.core.deletion.AccountDeletionStore(db);
        this.accountDeletion = new social.atoll.core.deletion.AccountDeletion(db, accountDeletionStore, accounts, oauthStore, webSessions,
                statuses, statusService, follows, media, jobs, events, clock);
        this.suspensionGrace = new social.atoll.core.deletion.SuspensionGraceSweep(db, accountDeletionStore, accountDeletion, siteSettings,
                jobs, clock);
        this.accountModeration = new social.atoll.core.moderation.AccountModeration(db, accounts,
                new social.atoll.core.moderation.AdminAccountStore(db, accounts), oauthStore, webSessions, statuses, statusService,
                followStore, follows, notifications, accountWarnings, adminReports, actionLog, ids, clock, events, moderationExtras,
                appealStore, moderationNotices, accountDeletion, roles);
        this.reportModeration = new social.atoll.core.moderation.ReportModeration(db, adminReports, actionLog, clock, moderationExtras,
                moderationNotices, accounts, ids, roles);
        this.appeals = new social.atoll.core.moderation.Appeals(db, accounts, accountWarnings, appealStore, actionLog, moderationNotices, ids,
                clock, events);
        this.warningPresets = new social.atoll.core.moderation.WarningPresets(db, moderationExtras, actionLog, ids, clock);
        this.reports.snapshots(moderationExtras);
        this.auditLog = new social.atoll.core.moderation.AuditLog(actionLog);
        this.serverSettings = new social.atoll.core.moderation.ServerSettings(db, siteSettings, instance,
                new social.atoll.core.instance.RuleStore(), actionLog, ids, clock);
        this.invites = new social.atoll.core.invite.Invites(db, new social.atoll.core.invite.InviteStore(db), actionLog, ids, clock);
        this.policies = new social.atoll.core.instance.Policies(siteSettings, clock, settings.domain());
        signUps.use(instance::registrationMode, invites);
        this.dashboard = new social.atoll.core.moderation.Dashboard(new social.atoll.core.moderation.DashboardStore(db), domainBlockStore, clock,
                social.atoll.Version.ATOLL);
        this.domainModeration = new social.atoll.core.moderation.DomainModeration(db, domainBlockStore, accounts, accountModeration,
                actionLog, ids, clock, events);
        remoteAccountStore.markNewAccountsWith(domainModeration::markNewAccount);
        domainModeration.approveNewServersWhen(() -> siteSettings.get(SiteSettings.APPROVE_NEW_SERVERS).map("true"::equalsIgnoreCase).orElse(false));
        this.remoteReports = new RemoteReports(db, ids, clock, federationPolicy);
        this.remoteReports.snapshots(moderationExtras);
        this.seenActivities = new SeenActivityStore(db);

        this.groupedNotifications = new social.atoll.core.notification.GroupedNotifications(notifications, markers);
        var pushStore = new social.atoll.core.push.PushSubscriptionStore(db);
        var tokenSeal = new social.atoll.core.push.TokenSeal(infra.secrets.pushTokenKey());
        var vapid = new social.atoll.core.push.VapidKeyPair(infra.secrets.vapidPublicKeyX509(), infra.secrets.vapidPrivateKeyPkcs8());
        this.push = new social.atoll.core.push.PushService(db, pushStore, tokenSeal, vapid, ids, clock);
        // the payload's icon is the avatar URL the API shows, so it is rendered by the API's account view
        var avatars = new social.atoll.api.entity.AccountViews(settings, accountQueries,
                new social.atoll.api.entity.MediaViews(infra.blobs, media, mediaProxySigner));
        this.webPush = new social.atoll.core.push.WebPushDelivery(pushStore, notifications, accountQueries, statusQueries, followStore,
                tokenSeal, vapid, "https://" + settings.domain(), infra.http, json,
                id -> accountQueries.byId(id).map(a -> avatars.render(a).avatarStatic()).orElse(settings.url("/avatars/original/missing.png")));
    }
}

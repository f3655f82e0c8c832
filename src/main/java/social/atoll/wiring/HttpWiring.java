package social.atoll.wiring;

import java.util.ArrayList;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.api.accounts.AccountNotesController;
import social.atoll.api.accounts.AccountsController;
import social.atoll.api.accounts.BlocksController;
import social.atoll.api.accounts.CredentialsController;
import social.atoll.api.accounts.DiscoveryController;
import social.atoll.api.accounts.DomainBlocksController;
import social.atoll.api.accounts.EndorsementsController;
import social.atoll.api.accounts.FeaturedTagsController;
import social.atoll.api.accounts.FollowRequestsController;
import social.atoll.api.accounts.FollowsController;
import social.atoll.api.accounts.MutesController;
import social.atoll.api.accounts.RegistrationController;
import social.atoll.api.announcements.AnnouncementsController;
import social.atoll.api.bookmarks.BookmarksController;
import social.atoll.api.bookmarks.StatusListing;
import social.atoll.api.conversations.ConversationsController;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.MediaViews;
import social.atoll.api.entity.ConversationViews;
import social.atoll.api.entity.NotificationViews;
import social.atoll.api.entity.PollViews;
import social.atoll.api.entity.PreviewCardViews;
import social.atoll.api.entity.ReportViews;
import social.atoll.api.entity.ScheduledStatusViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.favourites.FavouritesController;
import social.atoll.api.filters.FilterKeywordsController;
import social.atoll.api.filters.FiltersController;
import social.atoll.api.filters.FiltersV1Controller;
import social.atoll.api.instance.CustomEmojisController;
import social.atoll.api.instance.DefaultImagesController;
import social.atoll.api.instance.InstanceActivityController;
import social.atoll.api.instance.InstanceController;
import social.atoll.api.instance.NodeInfoController;
import social.atoll.api.lists.ListAccountsController;
import social.atoll.api.lists.ListsController;
import social.atoll.api.markers.MarkersController;
import social.atoll.api.media.MediaController;
import social.atoll.api.media.MediaProxyController;
import social.atoll.api.media.SystemFilesController;
import social.atoll.api.notifications.NotificationsController;
import social.atoll.api.oauth.AppsController;
import social.atoll.api.oauth.AuthorizationServerMetadataController;
import social.atoll.api.oauth.TokenController;
import social.atoll.api.oauth.UserinfoController;
import social.atoll.api.polls.PollsController;
import social.atoll.api.preferences.PreferencesController;
import social.atoll.api.ratelimit.RateLimitController;
import social.atoll.api.reports.ReportsController;
import social.atoll.api.scheduled.ScheduledStatusesController;
import social.atoll.api.search.AccountSearchController;
import social.atoll.api.search.SearchController;
import social.atoll.api.statuses.AccountStatusesController;
import social.atoll.api.statuses.ConversationMutesController;
import social.atoll.api.statuses.StatusActionsController;
import social.atoll.api.statuses.StatusEditsController;
import social.atoll.api.statuses.StatusPinsController;
import social.atoll.api.statuses.StatusesController;
import social.atoll.api.statuses.TranslationsController;
import social.atoll.api.streaming.StreamDispatcher;
import social.atoll.api.streaming.StreamRegistry;
import social.atoll.api.streaming.StreamingController;
import social.atoll.api.tags.TagViews;
import social.atoll.api.tags.TagsController;
import social.atoll.api.timelines.ListTimelineController;
import social.atoll.api.timelines.TagTimelineController;
import social.atoll.api.timelines.TimelinesController;
import social.atoll.api.trends.TrendsController;
import social.atoll.config.Settings;
import social.atoll.federation.documents.ActorDocumentsController;
import social.atoll.federation.documents.CollectionsController;
import social.atoll.federation.documents.StatusDocumentsController;
import social.atoll.federation.inbox.InboxController;
import social.atoll.federation.webfinger.WebFingerController;
import social.atoll.server.Controller;
import social.atoll.server.ErrorPages;
import social.atoll.server.HealthController;
import social.atoll.server.MetricsController;
import social.atoll.core.search.Search;
import social.atoll.web.Assets;
import social.atoll.web.AssetsController;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Messages;
import social.atoll.web.app.StatusActionPages;
import social.atoll.web.app.StatusFragments;
import social.atoll.web.compose.ComposePages;
import social.atoll.web.app.TimelinePages;
import social.atoll.web.app.ConversationPages;
import social.atoll.web.app.FilterPages;
import social.atoll.web.app.FollowedTagPages;
import social.atoll.web.app.ListPages;
import social.atoll.web.app.NotificationPages;
import social.atoll.web.app.SearchPage;
import social.atoll.web.LandingController;
import social.atoll.web.Pages;
import social.atoll.web.PublicPages;
import social.atoll.web.SignInController;
import social.atoll.web.SignInForm;
import social.atoll.web.oauth.AuthorizeController;
import social.atoll.web.site.BrowserErrors;
import social.atoll.web.site.Feeds;
import social.atoll.web.site.InteractionPages;
import social.atoll.web.site.ProfilePages;
import social.atoll.web.site.StatusPages;
import social.atoll.web.site.TagPages;
import social.atoll.web.settings.ApplicationSettings;
import social.atoll.web.settings.PreferenceSettings;
import social.atoll.web.settings.ProfileSettings;
import social.atoll.web.settings.SessionSettings;

/**
 * The doors: the entity views (core → Mastodon JSON), and every controller of the Mastodon API, ActivityPub and the
 * web pages, in registration order. Built only by a node that serves HTTP.
 */
public final class HttpWiring implements AutoCloseable {

    public final MediaViews mediaViews;
    public final AccountViews accountViews;
    public final StatusViews statusViews;
    public final Auth auth;
    public final BrowserSessions browserSessions;
    public final StreamDispatcher streamDispatcher;
    public final ErrorPages errorPages;
    public final List<Controller> controllers;

    public HttpWiring(InfraWiring infra, CoreWiring core, FederationWiring federation, StreamRegistry streamRegistry) {
        Settings settings = infra.settings;
        var json = infra.json;
        var clock = infra.clock;

        this.mediaViews = new MediaViews(infra.blobs, core.media, core.mediaProxySigner);
        var emojiViews = new social.atoll.api.entity.EmojiViews(core.customEmojis);
        this.accountViews = new AccountViews(settings, core.accountQueries, mediaViews, emojiViews, core.roles);
        var pollViews = new PollViews(core.polls, clock);
        this.statusViews = new StatusViews(settings, core.statusQueries, core.statusRelations, accountViews, pollViews, core.filterMatcher,
                mediaViews, new PreviewCardViews(core.cards, infra.blobs, core.mediaProxySigner), core.circles, core.quotes, emojiViews,
                core.reactions, core.interactionPolicies);
        var notificationViews = new NotificationViews(core.statusQueries, statusViews, accountViews, core.reports, core.accountModeration,
                core.reactions, emojiViews);
        var scheduledViews = new ScheduledStatusViews(mediaViews);
        var tagViews = new TagViews(settings, core.tags);
        this.auth = new Auth(core.tokens, core.accountQueries, core.roles);
        this.browserSessions = new BrowserSessions(core.browserSignIn, settings, infra.secrets.cookieKey());
        var assets = Assets.load();
        var pages = new Pages(settings, browserSessions, accountViews, Messages.english(), assets, core.preferences, core.roles);
        var feeds = new Feeds(settings, accountViews, core.statusQueries, statusViews, core.media, core.tags, core.tagTimeline);
        var profilePages = new ProfilePages(settings, browserSessions, pages, core.accountQueries, accountViews, core.statusQueries,
                statusViews, core.relationships, core.follows, core.mutes, core.blocks, core.accountNotes, core.circles);
        var statusPages = new StatusPages(settings, browserSessions, pages, core.accountQueries, core.statusQueries, statusViews,
                core.statusEdits, core.threads);
        var publicPages = new PublicPages(profilePages, statusPages, feeds);
        this.errorPages = new BrowserErrors(pages);
        var signInForm = new SignInForm(pages, browserSessions);
        this.streamDispatcher = new StreamDispatcher(streamRegistry, core.streamAudience, core.statusQueries, core.statusRelations,
                core.visibility, statusViews, core.notificationService, notificationViews, core.filterMatcher, json);
        var statusListing = new StatusListing(settings, statusViews);

        List<Controller> c = new ArrayList<>();
        c.add(new HealthController(infra.db, infra.blobs));
        c.add(new MetricsController(settings, infra.metrics));
        c.add(new social.atoll.api.statuses.QuotesController(auth, json, settings, core.quotes, statusViews));
        c.add(new social.atoll.api.interactions.InteractionPoliciesController(auth, json, core.interactionPolicies));
        c.add(new social.atoll.api.interactions.InteractionRequestsController(auth, json, settings, core.interactionRequests,
                new social.atoll.api.interactions.InteractionRequestViews(core.statusQueries, statusViews, accountViews)));
        c.add(new StatusesController(auth, json, core.posting, core.statusService, core.statusQueries, statusViews,
                scheduledViews, core.mediaAttacher, core.threads));
        c.add(new StatusActionsController(auth, json, settings, core.favourites, core.reblogs, core.statusQueries, statusViews,
                accountViews));
        c.add(new AccountStatusesController(auth, json, settings, core.statusQueries, statusViews));
        c.add(new TimelinesController(auth, json, settings, core.timelines, statusViews));
        // before NotificationsController: its /api/v1/notifications/{id} would take /policy and /requests
        c.add(new social.atoll.api.notifications.NotificationPolicyController(auth, json, settings, core.notificationRequests,
                new social.atoll.api.entity.NotificationRequestViews(core.statusQueries, statusViews, accountViews)));
        c.add(new NotificationsController(auth, json, settings, core.notificationService, notificationViews));
        c.add(new social.atoll.api.notifications.GroupedNotificationsController(auth, json, settings, core.groupedNotifications,
                notificationViews, accountViews, core.accountQueries));
        c.add(new StreamingController(auth, json, streamRegistry, core.streamAudience, core.browserSignIn));
        c.add(new RateLimitController(settings.rateLimits(), auth, clock));
        c.add(new TagsController(settings, auth, core.tags, tagViews));
        c.add(new TagTimelineController(auth, json, settings, core.tags, core.tagTimeline, statusViews));
        var search = new Search(settings.domain(), settings.host(), core.accountQueries, core.statusQueries, federation.searchResolver,
                core.search, core.tags);
        c.add(new SearchController(auth, json, search, accountViews, statusViews, tagViews));
        c.add(new AccountSearchController(auth, json, core.search, accountViews));
        c.add(new MarkersController(auth, json, core.markers));
        c.add(new social.atoll.api.push.PushSubscriptionController(auth, json, core.push));
        c.add(new PreferencesController(auth, core.preferences));
        c.add(new AppsController(core.oauth, auth, json, core.push.vapidPublicKey()));
        c.add(new AuthorizeController(core.authorizations, browserSessions, signInForm, pages));
        c.add(new TokenController(core.authorizations, core.oauth, core.tokens, json));
        c.add(new AuthorizationServerMetadataController(settings));
        c.add(new UserinfoController(settings, auth, accountViews));
        var secondStep = new social.atoll.web.SecondStepCookie(settings, infra.secrets.cookieKey(), clock, core.secondFactor::passwordStamp);
        c.add(new SignInController(core.browserSignIn, browserSessions, signInForm, pages, core.secondFactor, secondStep));
        c.add(new social.atoll.web.TwoFactorSignIn(core.secondFactor, secondStep, browserSessions, pages));
        c.add(new social.atoll.web.settings.TwoFactorSettings(browserSessions, pages, core.twoFactor, core.passkeys));
        c.add(new LandingController(settings, pages, browserSessions, core.instance, core.policies));
        c.add(new AssetsController(assets));
        c.add(new TimelinePages(browserSessions, pages, core.timelines, statusViews, core.statusQueries, core.lists, core.listFeed));
        c.add(new social.atoll.web.app.InteractionRequestPages(browserSessions, pages, core.interactionRequests, core.statusQueries,
                statusViews, accountViews));
        // before NotificationPages, whose routes do not overlap but read alike
        c.add(new social.atoll.web.app.NotificationRequestPages(browserSessions, pages, core.notificationRequests, core.notificationService,
                notificationViews, accountViews));
        c.add(new NotificationPages(browserSessions, pages, core.notificationService, notificationViews, core.accountQueries, accountViews,
                core.follows, core.notificationRequests));
        c.add(new social.atoll.web.settings.NotificationSettings(browserSessions, pages, core.notificationRequests));
        c.add(new SearchPage(browserSessions, pages, search, accountViews, statusViews));
        c.add(new ListPages(browserSessions, pages, core.lists, search, accountViews));
        c.add(new social.atoll.web.app.CirclePages(browserSessions, pages, core.circles, accountViews));
        c.add(new FilterPages(browserSessions, pages, core.filters));
        c.add(new FollowedTagPages(browserSessions, pages, core.tags));
        c.add(new ProfileSettings(browserSessions, pages, core.profiles, core.profileEditor, accountViews));
        c.add(new PreferenceSettings(browserSessions, pages, core.preferences));
        c.add(new social.atoll.web.settings.InteractionSettings(browserSessions, pages, core.interactionPolicies));
        c.add(new ApplicationSettings(browserSessions, pages, core.authorizedApps));
        c.add(new SessionSettings(browserSessions, pages, core.browserSignIn));
        c.add(new social.atoll.web.settings.ExportSettings(browserSessions, pages, core.csvExports, core.csvImports,
                core.archiveExport, core.archiveImport));
        c.add(new social.atoll.web.settings.InstagramImportSettings(browserSessions, pages, core.instagramImport));
        c.add(new social.atoll.api.exports.ExportsController(auth, json, core.csvExports, core.csvImports));
        c.add(new social.atoll.web.admin.AdminReportPages(browserSessions, pages, core.reportModeration, core.accountModeration,
                core.statusQueries, statusViews, accountViews, core.warningPresets));
        c.add(new social.atoll.web.admin.AdminAccountPages(browserSessions, pages, core.accountModeration, accountViews, core.warningPresets));
        c.add(new social.atoll.web.admin.AdminAppealPages(browserSessions, pages, core.appeals, core.accountModeration, accountViews));
        c.add(new social.atoll.web.admin.AdminPresetPages(browserSessions, pages, core.warningPresets));
        c.add(new social.atoll.web.admin.AdminRolePages(browserSessions, pages, core.roles));
        c.add(new social.atoll.web.disputes.StrikePages(browserSessions, pages, core.appeals, core.statusQueries, statusViews));
        c.add(new social.atoll.web.admin.AdminDomainPages(browserSessions, pages, core.domainModeration, settings));
        c.add(new social.atoll.web.admin.AdminEmojiPages(browserSessions, pages, core.customEmojis));
        c.add(new social.atoll.web.admin.AdminTrendPages(browserSessions, pages, core.trends, statusViews));
        c.add(new social.atoll.web.admin.AdminHeldPostPages(browserSessions, pages, core.heldPosts, core.statusQueries, statusViews));
        c.add(new social.atoll.web.admin.AdminInvitePages(browserSessions, pages, core.invites, core.accountModeration, settings, infra.clock));
        c.add(new social.atoll.web.admin.AdminAuditPage(browserSessions, pages, core.auditLog, core.accountModeration));
        c.add(new social.atoll.web.admin.AdminSettingsPages(browserSessions, pages, core.serverSettings));
        c.add(new social.atoll.web.admin.AdminDashboardPage(browserSessions, pages, core.dashboard, core.trends, core.heldPosts));
        c.add(new social.atoll.web.invites.InvitePages(browserSessions, pages, core.invites, settings, infra.clock));
        c.add(new social.atoll.web.settings.PasswordSettings(browserSessions, pages, core.credentials));
        c.add(new social.atoll.web.settings.EmailSettings(browserSessions, pages, core.credentials));
        c.add(new social.atoll.web.settings.DeleteSettings(browserSessions, pages, core.accountDeletion));
        c.add(new social.atoll.web.settings.MigrationSettings(settings, browserSessions, pages, federation.aliases, federation.moves,
                core.accountQueries));
        c.add(new social.atoll.web.auth.SignUpPages(core.signUps, core.credentials, core.instance, browserSessions, pages));
        c.add(new social.atoll.web.auth.PasswordResetPages(core.credentials, browserSessions, pages));
        c.add(new StatusFragments(browserSessions, pages, core.statusQueries, statusViews));
        c.add(profilePages);
        c.add(statusPages);
        c.add(new social.atoll.web.app.CollectionPages(settings, browserSessions, pages, core.collections, core.accountQueries, accountViews,
                core.statusQueries, statusViews, feeds));
        c.add(new social.atoll.web.site.DiscoverPage(settings, browserSessions, pages,
                new social.atoll.core.photos.PhotoDiscovery(new social.atoll.core.photos.PhotoFeedStore(infra.db), core.visibility, clock),
                statusViews));
        c.add(new TagPages(settings, browserSessions, pages, core.tags, core.tagTimeline, core.timelines, core.trends, statusViews, feeds));
        c.add(new InteractionPages(settings, browserSessions, pages, core.accountQueries, federation.searchResolver));
        c.add(new ComposePages(settings, browserSessions, pages, core.posting, core.statusEdits, core.statusService, core.statusQueries,
                statusViews, core.media, mediaViews, core.search, core.tags, core.circles, core.customEmojis, core.interactionPolicies));
        c.add(new StatusActionPages(settings, browserSessions, pages, core.statusQueries, statusViews, core.favourites, core.reblogs,
                core.bookmarks, core.conversationMutes, core.pins, core.statusService, core.reports, core.instance, core.polls,
                core.accountQueries, core.reactions, emojiViews));
        c.add(new RegistrationController(auth, json, core.oauth, core.signUps));
        c.add(new social.atoll.api.accounts.EmailConfirmationsController(auth, core.credentials));
        c.add(new CredentialsController(auth, json, core.accountQueries, accountViews, core.profileEditor, core.preferences));
        c.add(new social.atoll.api.accounts.MigrationController(auth, json, core.accountQueries, accountViews, federation.aliases,
                federation.moves));
        c.add(new FollowsController(auth, json, core.accountQueries, core.follows, core.relationships));
        c.add(new FollowRequestsController(settings, auth, core.accountQueries, accountViews, core.follows, core.relationships));
        c.add(new AccountsController(settings, auth, json, core.accountQueries, accountViews, federation.actorResolver));
        c.add(new InstanceController(settings, core.instance, core.policies, accountViews, core.push.vapidPublicKey(),
                core.media.heifSupported()));
        c.add(new CustomEmojisController(emojiViews));
        c.add(new social.atoll.api.statuses.ReactionsController(auth, core.reactions, statusViews, accountViews, emojiViews));
        c.add(new NodeInfoController(settings, json, core.instance));
        c.add(new WebFingerController(settings, core.accounts, federation.instanceActor));
        c.add(new InboxController(core.accounts, federation.signatureVerifier, federation.inboxIntake, json));
        c.add(new ActorDocumentsController(settings, core.accounts, federation.actorWriter, federation.instanceActor,
                federation.fetchAccess, publicPages));
        c.add(new StatusDocumentsController(core.statusLookup, federation.noteWriter, federation.fetchAccess, publicPages));
        c.add(new social.atoll.federation.documents.QuoteAuthorizationsController(core.quotes, federation.fetchAccess));
        c.add(new social.atoll.federation.documents.InteractionApprovalsController(core.interactionRequests, federation.fetchAccess));
        c.add(new CollectionsController(settings, core.accounts, core.statuses, core.followStore, core.visibility, core.featuredTags,
                federation.noteWriter,
                federation.instanceActor, federation.fetchAccess));
        c.add(new social.atoll.federation.documents.PhotoCollectionDocuments(core.accounts, core.collections, federation.fetchAccess));
        c.add(new social.atoll.api.collections.CollectionsApiController(auth, json, core.collections,
                new social.atoll.api.collections.CollectionViews(settings, accountViews, statusViews), statusViews));
        c.add(new DefaultImagesController());
        c.add(new MediaController(auth, json, core.media, mediaViews));
        c.add(new SystemFilesController(infra.blobs));
        c.add(new MediaProxyController(core.mediaProxySigner, core.remoteMedia));
        c.add(new StatusEditsController(auth, json, core.statusEdits, core.statusQueries, statusViews, accountViews, mediaViews));
        c.add(new PollsController(auth, json, core.polls, pollViews));
        c.add(new ScheduledStatusesController(settings, auth, json, core.scheduledStatuses, scheduledViews));
        c.add(new BookmarksController(auth, core.bookmarks, core.statusQueries, statusListing, statusViews));
        c.add(new FavouritesController(auth, core.statusQueries, statusListing));
        c.add(new StatusPinsController(auth, core.pins, statusViews));
        c.add(new ConversationMutesController(auth, core.conversationMutes, statusViews));
        c.add(new TranslationsController(auth, core.statusQueries));
        var conversationViews = new ConversationViews(core.statusQueries, statusViews, accountViews);
        var conversationsController = new ConversationsController(settings, auth, core.conversations, conversationViews);
        c.add(conversationsController);
        c.add(new ConversationPages(browserSessions, pages, core.conversations, conversationViews, core.statusQueries, statusViews));
        streamDispatcher.renderConversationsWith((id, viewer) -> conversationsController.entity(viewer, id));
        c.add(new BlocksController(settings, auth, core.blocks, core.relationshipQueries, core.relationships, accountViews));
        c.add(new MutesController(settings, auth, json, core.mutes, core.relationshipQueries, core.relationships, accountViews));
        c.add(new DomainBlocksController(settings, auth, json, core.domainBlocks, core.relationshipQueries));
        c.add(new AccountNotesController(auth, json, core.accountQueries, core.accountNotes, core.follows, core.relationships));
        c.add(new EndorsementsController(settings, auth, core.accountQueries, core.endorsements, core.relationshipQueries, core.relationships,
                accountViews));
        c.add(new ListsController(auth, json, core.accountQueries, core.lists));
        c.add(new ListAccountsController(settings, auth, json, core.lists, accountViews));
        c.add(new social.atoll.api.circles.CirclesController(settings, auth, json, core.accountQueries, core.circles, accountViews, statusViews));
        c.add(new ListTimelineController(settings, auth, core.lists, core.listFeed, core.statusQueries, statusViews));
        c.add(new FiltersController(auth, json, core.filters));
        c.add(new FilterKeywordsController(auth, json, core.filters));
        c.add(new FiltersV1Controller(auth, json, core.filters));
        c.add(new FeaturedTagsController(settings, auth, json, core.accountQueries, core.featuredTags, tagViews));
        c.add(new DiscoveryController(auth, json, core.discovery, accountViews));
        c.add(new ReportsController(auth, json, core.reports, new ReportViews(accountViews)));
        c.add(new InstanceActivityController(core.instanceActivity));
        var trendViews = new social.atoll.api.trends.TrendViews(new PreviewCardViews(core.cards, infra.blobs, core.mediaProxySigner));
        c.add(new TrendsController(auth, json, core.trends, tagViews, statusViews, trendViews));
        c.add(new social.atoll.api.admin.AdminTrendsController(auth, core.trends, tagViews, statusViews, trendViews));
        var announcementsController = new AnnouncementsController(auth, core.announcements);
        c.add(announcementsController);
        streamDispatcher.renderAnnouncementsWith((id, viewer) -> announcementsController.entity(viewer, id));
        var adminViews = new social.atoll.api.admin.AdminViews(accountViews, statusViews, core.statusQueries, core.accountModeration,
                core.reportModeration, core.roles);
        c.add(new social.atoll.api.admin.AdminAccountsController(settings, auth, json, core.accountModeration, adminViews));
        c.add(new social.atoll.api.admin.AdminReportsController(settings, auth, json, core.reportModeration, adminViews));
        c.add(new social.atoll.api.admin.AdminDomainsController(settings, auth, json, core.domainModeration));
        c.add(new social.atoll.api.admin.AdminSignUpBlocksController(auth, json, core.signUpBlocks));
        c.add(new social.atoll.api.admin.AdminDashboardController(auth, json, core.dashboard));
        c.add(new social.atoll.api.instance.InstanceDomainBlocksController(auth, core.siteSettings, core.domainModeration));
        this.controllers = List.copyOf(c);
    }

    @Override
    public void close() { streamDispatcher.close(); }
}

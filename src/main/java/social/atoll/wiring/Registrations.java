package social.atoll.wiring;

import social.atoll.federation.outbox.OutboxHandlers;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;

/**
 * Who listens to what, in one place and in order. In-transaction listeners of one event run in the order they are
 * registered here, inside the write that published it; job handlers must be registered before workers start and
 * before anything enqueues their jobs.
 */
public final class Registrations {

    private Registrations() {}

    public static void registerAll(InfraWiring infra, CoreWiring core, FederationWiring federation) {
        EventBus events = infra.events;
        JobQueue jobs = infra.jobs;

        // mail: its templates live with the web's texts, and every role (a worker sends) needs them
        core.mail.templates(new social.atoll.web.mail.MailTemplates(infra.settings, social.atoll.web.Messages.english()));
        core.mail.register();
        core.credentials.register();

        // core: media, link previews, feeds, notifications, streaming
        core.media.register();
        core.mediaSweep.register();
        core.accountDeletion.register();
        core.suspensionGrace.register();
        core.cards.register(events);
        core.linkVerifier.register(events);
        if (core.remoteMediaFetcher != null) core.remoteMediaFetcher.register(events, jobs);
        core.homeFeedFanout.register(events);
        core.notificationListeners.register(events);
        core.adminNotifications.register(events);
        core.notificationMails.register(events);
        core.streaming.register(events);
        core.tagFeed.register(events);
        federation.remoteCounts.register();
        federation.remoteFeaturedTags.register();
        core.polls.register();
        core.statusUpdateNotifications.register(events);
        core.scheduledStatuses.register();
        core.instagramImport.register();
        core.csvImports.register(federation.searchResolver);
        core.archiveExport.register(federation.archiveVocab);
        core.archiveImport.register(federation.archiveVocab);
        core.conversations.register(events);
        core.endorsements.register(events);
        core.feedCleanup.register(events);
        core.blockNotificationCleanup.register(events);
        core.listFeed.register(events);
        core.webPush.register(events, jobs);
        core.lists.register(events);
        federation.followerMigration.register(events, jobs);
        core.circles.register(events);
        core.quotes.register(events);
        core.reactionNotifications.register(events);

        // federation: remote actors, delivery, outbound activities, the inbox
        federation.actorRefresh.register();
        federation.instanceProbe.register(jobs);
        federation.deliveryJob.register();
        OutboxHandlers.registerStandard(federation.outbox, events);
        OutboxHandlers.registerQuotes(federation.outbox, core.quotes, events);
        OutboxHandlers.registerInteractions(federation.outbox, core.interactionRequests, events);
        new social.atoll.federation.outbox.ReactionDeliveries(federation.outbox, core.customEmojis).register(events);
        federation.inboxJob.register(jobs);
        federation.threadReplies.register(jobs);
    }
}

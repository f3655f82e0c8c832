package social.atoll.wiring;

import social.atoll.config.Settings;
import social.atoll.core.moderation.FederationPolicy;
import social.atoll.federation.FederationClient;
import social.atoll.federation.documents.FetchAccess;
import social.atoll.federation.inbox.InboxHandlers;
import social.atoll.federation.inbox.InboxIntake;
import social.atoll.federation.inbox.InboxJob;
import social.atoll.federation.inbox.InboxServices;
import social.atoll.federation.keys.InstanceActor;
import social.atoll.federation.keys.LocalKeys;
import social.atoll.federation.outbox.DeliveryJob;
import social.atoll.federation.outbox.FollowAnswers;
import social.atoll.federation.outbox.InboxForwarding;
import social.atoll.federation.outbox.InstanceHealth;
import social.atoll.federation.outbox.InstanceProbe;
import social.atoll.federation.outbox.OutboxServices;
import social.atoll.federation.resolver.ActorRefreshSweep;
import social.atoll.federation.resolver.ActorResolver;
import social.atoll.federation.resolver.RemoteCounts;
import social.atoll.federation.resolver.RemoteFeaturedTags;
import social.atoll.federation.resolver.SearchResolver;
import social.atoll.federation.resolver.WebFingerClient;
import social.atoll.federation.signatures.SignatureVerifier;
import social.atoll.federation.vocab.ActivityWriter;
import social.atoll.federation.vocab.ActorWriter;
import social.atoll.federation.vocab.MediaDocuments;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.federation.vocab.NoteWriter;

/**
 * ActivityPub: keys and signatures, the signed client, remote actors, AS2 readers and writers, the inbox pipeline
 * and outbound delivery. Its listeners and job handlers are registered by {@link Registrations}.
 */
public final class FederationWiring {

    public final FederationPolicy federationPolicy;
    public final InstanceActor instanceActor;
    public final LocalKeys localKeys;
    public final FederationClient federationClient;
    public final WebFingerClient webFinger;
    public final RemoteCounts remoteCounts;
    public final RemoteFeaturedTags remoteFeaturedTags;
    public final ActorResolver actorResolver;
    public final ActorRefreshSweep actorRefresh;
    public final SignatureVerifier signatureVerifier;
    public final FetchAccess fetchAccess;
    public final ActorWriter actorWriter;
    public final NoteWriter noteWriter;
    public final NoteReader noteReader;
    /** What {@code resolve=true} search finds on other servers. */
    public final SearchResolver searchResolver;
    /** The AS2 of archives in Mastodon's format (core's {@code ArchiveDocuments}). */
    public final social.atoll.federation.vocab.ArchiveVocab archiveVocab;
    public final InstanceHealth instanceHealth;
    public final InstanceProbe instanceProbe;
    final DeliveryJob deliveryJob;
    final OutboxServices outbox;
    final InboxJob inboxJob;
    public final InboxIntake inboxIntake;
    /** Complete threads: reading replies collections and fetching missing replies (issue 15). */
    final social.atoll.federation.resolver.ThreadReplies threadReplies;
    /**
     * Account migration (aliases, moves, moving followers over): core services, built here because they find
     * accounts through the resolver, which needs core's stores first.
     */
    public final social.atoll.core.migration.AliasService aliases;
    public final social.atoll.core.migration.MoveService moves;
    final social.atoll.core.migration.FollowerMigration followerMigration;

    public FederationWiring(InfraWiring infra, CoreWiring core) {
        Settings settings = infra.settings;
        var clock = infra.clock;
        var ids = infra.ids;
        var json = infra.json;
        var jobs = infra.jobs;

        this.federationPolicy = core.federationPolicy;
        this.instanceActor = new InstanceActor(settings, core.siteSettings);
        this.localKeys = new LocalKeys(core.accountKeys);
        this.federationClient = new FederationClient(settings, infra.http, instanceActor, federationPolicy);
        this.webFinger = new WebFingerClient(federationClient);
        this.remoteCounts = new RemoteCounts(core.accounts, core.remoteAccountStore, federationClient, jobs);
        this.remoteFeaturedTags = new RemoteFeaturedTags(core.accounts, core.remoteAccountStore, core.featuredTags, federationClient, jobs);
        this.actorResolver = new ActorResolver(settings, core.accounts, core.remoteAccountStore, federationClient, webFinger, federationPolicy,
                clock, remoteCounts, remoteFeaturedTags, core.customEmojis);
        this.actorRefresh = new ActorRefreshSweep(core.accounts, core.remoteAccountStore, actorResolver, jobs, clock);
        this.signatureVerifier = new SignatureVerifier(settings, actorResolver, federationPolicy, clock);
        this.fetchAccess = new FetchAccess(signatureVerifier, federationPolicy);
        var mediaDocuments = new MediaDocuments(core.mediaStore, infra.blobs);
        this.actorWriter = new ActorWriter(settings, core.accounts, localKeys, json, mediaDocuments, core.customEmojis);
        this.noteWriter = new NoteWriter(settings, core.accounts, core.statuses, core.statusRelations, core.pollStore, mediaDocuments,
                core.quotes, core.customEmojis, core.interactionPolicies, core.interactionRequests);
        this.noteReader = new NoteReader(core.accounts);
        this.searchResolver = new SearchResolver(core.accounts, core.statuses, actorResolver, federationClient, core.remoteStatuses,
                noteReader, core.visibility);
        this.archiveVocab = new social.atoll.federation.vocab.ArchiveVocab(actorWriter, noteWriter, json, searchResolver);

        this.instanceHealth = new InstanceHealth(core.instanceHealth, clock);
        this.instanceProbe = new InstanceProbe(federationClient, instanceHealth, clock);
        this.deliveryJob = new DeliveryJob(jobs, ids, clock, federationClient, core.accounts, instanceHealth, instanceProbe);
        this.outbox = new OutboxServices(jobs, ids, json, core.accounts, core.followStore, core.statuses, core.statusRelations,
                core.pollStore, noteWriter, actorWriter, new ActivityWriter(json, ids), clock, instanceActor, core.accountDeletionStore);
        var migrationLookup = new social.atoll.federation.resolver.MigrationLookup(actorResolver, core.accounts);
        var moveStore = new social.atoll.core.migration.MoveStore(infra.db);
        this.aliases = new social.atoll.core.migration.AliasService(infra.db, core.accounts, migrationLookup, infra.jsonColumns, clock,
                infra.events);
        this.moves = new social.atoll.core.migration.MoveService(infra.db, core.accounts, moveStore, migrationLookup, infra.jsonColumns,
                jobs, ids, clock, infra.events);
        this.followerMigration = new social.atoll.core.migration.FollowerMigration(infra.db, core.accounts, moveStore, core.follows,
                core.lists, core.blocks, core.mutes, core.accountNotes, core.notifications, clock);
        var inboxServices = new InboxServices(settings, clock, core.accounts, core.follows, core.followStore, core.blocks,
                core.favourites, core.remoteStatuses, core.polls, core.remotePolls, core.remoteQuestions, core.remoteAccounts,
                core.remoteAccountDeletion, core.featuredTags, federationClient, actorResolver, noteReader, new InboxForwarding(outbox),
                core.quotes, core.threads, core.customEmojis, core.reactions, core.interactionPolicies, core.interactionRequests);
        this.inboxJob = new InboxJob(core.accounts, inboxServices,
                InboxHandlers.standard(inboxServices, new FollowAnswers(outbox), core.remoteReports, moves), json);
        this.threadReplies = new social.atoll.federation.resolver.ThreadReplies(settings, core.remoteStatuses, core.statuses,
                core.remoteQuestions, federationClient, actorResolver, noteReader, core.threads);
        this.inboxIntake = new InboxIntake(settings, core.seenActivities, jobs, ids, clock, json, instanceHealth);
    }
}

package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.RemoteAccountDeletion;
import social.atoll.core.account.RemoteAccountService;
import social.atoll.core.featured.FeaturedTagService;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.poll.PollService;
import social.atoll.core.poll.RemotePolls;
import social.atoll.core.poll.RemoteQuestions;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.status.FavouriteService;
import social.atoll.core.status.RemoteStatusService;
import social.atoll.federation.FederationClient;
import social.atoll.federation.RemoteStatusException;
import social.atoll.federation.outbox.InboxForwarding;
import social.atoll.federation.resolver.ActorResolver;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.infra.http.FetchFailedException;

/** What the inbox handlers call: core services, and fetching of remote objects from their origin. */
public record InboxServices(
        Settings settings,
        Clock clock,
        AccountStore accounts,
        FollowService follows,
        FollowStore followStore,
        BlockService blocks,
        FavouriteService favourites,
        RemoteStatusService remoteStatuses,
        PollService polls,
        RemotePolls remotePolls,
        RemoteQuestions remoteQuestions,
        RemoteAccountService remoteAccounts,
        RemoteAccountDeletion accountDeletions,
        FeaturedTagService featuredTags,
        FederationClient client,
        ActorResolver resolver,
        NoteReader notes,
        InboxForwarding forwarding,
        social.atoll.core.quote.QuoteService quotes,
        social.atoll.core.thread.ThreadCompletion threads,
        social.atoll.core.emoji.CustomEmojiService emojis,
        social.atoll.core.emoji.ReactionService reactions,
        social.atoll.core.interaction.InteractionPolicies interactionPolicies,
        social.atoll.core.interaction.InteractionRequestService interactionRequests) {

    /** A local account by its actor URI. */
    public Optional<Account> localAccount(String uri) {
        return uri == null ? Optional.empty() : accounts.byUri(uri).filter(Account::local);
    }

    /** An account by actor URI, fetched and stored when unknown. Empty when it cannot be had. */
    public Optional<Account> account(String uri) {
        if (uri == null) return Optional.empty();
        Optional<Account> known = accounts.byUri(uri);
        if (known.isPresent()) return known;
        try {
            return resolver.byUri(uri);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The activity's object as its origin vouches for it: the embedded copy when it comes from the actor's own server
     * and the actor signed the activity (not forwarded), else a fresh copy fetched from its id (whose host must match
     * the id, which {@link FederationClient} checks). Empty when the object is gone.
     */
    public Optional<JsonNode> trustedObject(InboundActivity a) throws FetchFailedException {
        JsonNode embedded = a.object();
        if (embedded != null && embedded.isObject() && a.objectFromActorOrigin() && !a.forwarded()) return Optional.of(embedded);
        return fetch(a.objectId());
    }

    /**
     * Does the origin of {@code id} answer that it is gone (404 or 410)? Any other refusal leaves the question open,
     * so a forwarded Delete is not believed on it.
     */
    public boolean gone(String id) throws FetchFailedException {
        try {
            client.fetchObject(URI.create(id));
            return false;
        } catch (RemoteStatusException e) {
            if (e.gone()) return true;
            if (e.status() >= 500 || e.status() == 429) throw e;
            return false;
        }
    }

    /** Fetches an object by id; empty when it is gone (404/410) or the id is not a URL. */
    public Optional<JsonNode> fetch(String id) throws FetchFailedException {
        if (id == null || !(id.startsWith("https://") || id.startsWith("http://"))) return Optional.empty();
        if (AsValues.sameOrigin(id, settings.baseUrl())) return Optional.empty();
        try {
            JsonNode doc = client.fetchObject(URI.create(id));
            if (!id.equals(AsValues.text(doc, "id"))) return Optional.empty();
            return Optional.of(doc);
        } catch (RemoteStatusException e) {
            if (e.gone() || e.status() == 0 || (e.status() >= 400 && e.status() < 500 && e.status() != 429)) return Optional.empty();
            throw e;
        }
    }
}

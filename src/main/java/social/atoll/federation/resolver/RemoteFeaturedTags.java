package social.atoll.federation.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.RemoteAccountStore;
import social.atoll.core.featured.FeaturedTagService;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.federation.FederationClient;
import social.atoll.federation.vocab.AsValues;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * The hashtags a remote account features, read from its actor's {@code featuredTags} collection after each
 * (re)fetch of the actor, as Mastodon's {@code FetchFeaturedTagsCollectionService} does: the {@code Hashtag} items
 * of the collection (or of its pages, following {@code first} and {@code next}) replace the account's featured tags.
 * A background job, like {@link RemoteCounts}, so resolving an actor costs one fetch. A collection that cannot be
 * read, or that lives on another server than the actor, leaves the tags as they were.
 */
public final class RemoteFeaturedTags {

    private static final Logger log = LoggerFactory.getLogger(RemoteFeaturedTags.class);
    /** Pages read at most; Mastodon serves all featured tags in the collection itself. */
    private static final int MAX_PAGES = 3;

    public record Payload(long accountId) {}

    public static final JobType<Payload> TYPE = JobType.local("federation.featured-tags", Payload.class);

    private final AccountStore accounts;
    private final RemoteAccountStore remoteAccounts;
    private final FeaturedTagService featured;
    private final FederationClient client;
    private final JobQueue jobs;

    public RemoteFeaturedTags(AccountStore accounts, RemoteAccountStore remoteAccounts, FeaturedTagService featured,
                              FederationClient client, JobQueue jobs) {
        this.accounts = accounts;
        this.remoteAccounts = remoteAccounts;
        this.featured = featured;
        this.client = client;
        this.jobs = jobs;
    }

    public void register() { jobs.register(TYPE, p -> refresh(p.accountId())); }

    /** Queues a read of the collection; call inside the write transaction that stored the account. */
    void enqueue(long accountId) { jobs.enqueue(TYPE, Long.toString(accountId), new Payload(accountId)); }

    void refresh(long accountId) {
        Optional<Account> found = accounts.byId(accountId).filter(a -> !a.local() && !a.suspended());
        if (found.isEmpty()) return;
        String url = remoteAccounts.featuredTagsUrl(accountId).orElse(null);
        if (AsValues.httpUri(url) == null || !AsValues.sameOrigin(url, found.get().uri())) return;
        try {
            featured.replaceRemote(accountId, names(client.fetchObject(URI.create(url)), found.get().uri()));
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.debug("no featured tags from {}: {}", url, e.getMessage());
        }
    }

    /** The names of the {@code Hashtag} items, from the collection and up to {@link #MAX_PAGES} of its pages. */
    private List<String> names(JsonNode collection, String actorUri) throws FetchFailedException {
        List<String> names = new ArrayList<>();
        JsonNode page = collection;
        JsonNode first = collection.get("first");
        if (first != null && !first.isNull()) page = resolve(first, actorUri);
        for (int n = 0; page != null && n < MAX_PAGES && names.size() < InstanceLimits.MAX_FEATURED_TAGS; n++) {
            JsonNode items = page.has("orderedItems") ? page.get("orderedItems") : page.get("items");
            for (JsonNode item : AsValues.list(items)) {
                if (item.isObject() && AsValues.hasType(item, "Hashtag") && item.path("name").isTextual()) names.add(item.get("name").asText());
            }
            JsonNode next = page.get("next");
            page = next == null || next.isNull() ? null : resolve(next, actorUri);
        }
        return names;
    }

    /** A page given inline or by URL (fetched only from the actor's own server). */
    private JsonNode resolve(JsonNode ref, String actorUri) throws FetchFailedException {
        if (ref.isObject() && (ref.has("items") || ref.has("orderedItems"))) return ref;
        String id = AsValues.id(ref);
        if (AsValues.httpUri(id) == null || !AsValues.sameOrigin(id, actorUri)) return null;
        return client.fetchObject(URI.create(id));
    }
}

package social.atoll.federation.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.RemoteAccountResolver;
import social.atoll.core.account.RemoteAccountStore;
import social.atoll.core.account.RemoteActor;
import social.atoll.core.moderation.FederationPolicy;
import social.atoll.federation.FederationClient;
import social.atoll.federation.keys.Pem;
import social.atoll.federation.signatures.KeyOwners;
import social.atoll.federation.vocab.ActorReader;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.InvalidDocumentException;
import social.atoll.infra.http.FetchFailedException;

/**
 * Finds accounts of other servers by actor id, by handle (WebFinger) and by key id, fetching and storing them when
 * they are unknown or stale. Stored actors older than {@link #STALE_AFTER} are refreshed on their next use; when the
 * refresh fails the stored copy is used. Handles are only stored once WebFinger confirms them (spec §1.2):
 * the handle domain may differ from the host the actor lives on.
 */
public final class ActorResolver implements RemoteAccountResolver, KeyOwners {

    private static final Logger log = LoggerFactory.getLogger(ActorResolver.class);
    public static final Duration STALE_AFTER = Duration.ofDays(1);

    private final Settings settings;
    private final AccountStore accounts;
    private final RemoteAccountStore remote;
    private final FederationClient client;
    private final WebFingerClient webFinger;
    private final FederationPolicy policy;
    private final Clock clock;
    private final RemoteCounts counts;
    private final RemoteFeaturedTags featuredTags;

    /**
     * {@code counts} refreshes the post and follower counts of the actors stored, {@code featuredTags} their featured
     * hashtags.
     */
    private final social.atoll.core.emoji.CustomEmojiService emojis;

    public ActorResolver(Settings settings, AccountStore accounts, RemoteAccountStore remote, FederationClient client,
                         WebFingerClient webFinger, FederationPolicy policy, Clock clock, RemoteCounts counts,
                         RemoteFeaturedTags featuredTags) {
        this(settings, accounts, remote, client, webFinger, policy, clock, counts, featuredTags, null);
    }

    /** {@code emojis} (may be null) remembers the custom emoji of the actors' names, bios and fields. */
    public ActorResolver(Settings settings, AccountStore accounts, RemoteAccountStore remote, FederationClient client,
                         WebFingerClient webFinger, FederationPolicy policy, Clock clock, RemoteCounts counts,
                         RemoteFeaturedTags featuredTags, social.atoll.core.emoji.CustomEmojiService emojis) {
        this.emojis = emojis;
        this.settings = settings;
        this.accounts = accounts;
        this.remote = remote;
        this.client = client;
        this.webFinger = webFinger;
        this.policy = policy;
        this.clock = clock;
        this.counts = counts;
        this.featuredTags = featuredTags;
    }

    /**
     * The account with actor id {@code actorUri}: local ones from the database; remote ones from the database when
     * fetched within a day, else fetched (signed as the instance actor) and stored. Empty when unknown and unfetchable.
     */
    public Optional<Account> byUri(String actorUri) {
        if (actorUri == null) return Optional.empty();
        if (isLocal(actorUri)) return accounts.byUri(actorUri).filter(Account::local);
        Optional<Account> known = accounts.byUri(actorUri);
        if (known.isPresent() && fresh(known.get())) return known;
        Optional<Account> fetched = fetchAndStore(actorUri, known.orElse(null), null);
        return fetched.isPresent() ? fetched : known;
    }

    /**
     * The account {@code @username@domain}. Our own domain means a local account. Remote handles are looked up with
     * WebFinger (whose host may differ from the actor's) when unknown or stale.
     */
    public Optional<Account> byAcct(String username, String domain) {
        if (username == null || username.isBlank()) return Optional.empty();
        if (domain == null || isLocalDomain(domain)) return accounts.visibleByAcct(username, null);
        String d = domain.toLowerCase(Locale.ROOT);
        Optional<Account> known = accounts.byAcct(username, d);
        if (known.isPresent() && fresh(known.get())) return known;
        if (!policy.allows(d)) return known;
        Optional<WebFingerClient.Result> found = webFinger.lookup(username, d);
        if (found.isEmpty()) return known;
        WebFingerClient.Result wf = found.get();
        String handleDomain = d;
        if (wf.domain() != null && !wf.domain().equals(d)) {
            // the canonical handle lives elsewhere: it must point at the same actor
            Optional<WebFingerClient.Result> canonical = webFinger.lookup(wf.username(), wf.domain());
            if (canonical.isEmpty() || !canonical.get().self().equals(wf.self())) return known;
            handleDomain = wf.domain();
        }
        if (isLocal(wf.self())) return accounts.byUri(wf.self());
        Optional<Account> stored = accounts.byUri(wf.self());
        return fetchAndStore(wf.self(), stored.orElse(null), handleDomain).or(() -> stored).or(() -> known);
    }

    @Override
    public Optional<Account> resolve(String username, String domain) { return byAcct(username, domain); }

    /** Fetches a remote account's actor document again, whatever its age. */
    public Optional<Account> refresh(Account account) {
        if (account.local()) return Optional.of(account);
        return fetchAndStore(account.uri(), account, null);
    }

    /**
     * The owner of key {@code keyId} and the key. Known keys come from the database (the key cache) unless
     * {@code refetch}; otherwise the key document is fetched: an actor whose {@code publicKey.id} is the key id
     * (Mastodon's {@code #main-key}), or a key document naming its owner (GoToSocial's {@code /main-key} stub,
     * Misskey's key documents), whose owner must then list the same key id and live on the same host.
     */
    @Override
    public Optional<KeyOwner> keyOwner(String keyId, boolean refetch) {
        if (AsValues.httpUri(keyId) == null) return Optional.empty();
        if (!refetch) {
            Optional<Account> cached = remote.byPublicKeyId(keyId);
            if (cached.isPresent() && cached.get().publicKeyPem() != null) return keyOf(cached.get(), false);
        }
        String host = AsValues.authority(keyId);
        if (!policy.allows(host)) return Optional.empty();
        String docUrl = keyId.contains("#") ? keyId.substring(0, keyId.indexOf('#')) : keyId;
        if (isLocal(docUrl)) return accounts.byUri(docUrl).filter(a -> keyId.equals(a.publicKeyId())).flatMap(a -> keyOf(a, true));
        try {
            JsonNode doc = client.fetchObject(URI.create(docUrl));
            if (!AsValues.hasAsContext(doc)) {
                log.info("key document {} has no ActivityStreams context", keyId);
                return Optional.empty();
            }
            String ownerUri;
            if (AsValues.hasType(doc, "Person", "Service", "Application", "Group", "Organization")) {
                ownerUri = AsValues.text(doc, "id");
            } else {
                JsonNode keyNode = doc.has("publicKeyPem") ? doc : doc.path("publicKey");
                ownerUri = AsValues.id(keyNode.get("owner"));
                if (ownerUri == null) ownerUri = AsValues.id(doc.get("owner"));
                if (ownerUri == null && doc.has("publicKey")) ownerUri = AsValues.text(doc, "id"); // GTS stub: id is the actor
            }
            if (ownerUri == null || !Objects.equals(AsValues.authority(ownerUri), host)) {
                log.info("key {} names no owner on its own host", keyId);
                return Optional.empty();
            }
            // the key document is the actor itself (Mastodon's #main-key); otherwise read the owner from its own id
            boolean isActor = ownerUri.equals(docUrl) && AsValues.hasType(doc, "Person", "Service", "Application", "Group", "Organization");
            Optional<Account> owner = isActor
                    ? store(doc, ownerUri, accounts.byUri(ownerUri).orElse(null), null)
                    : fetchAndStore(ownerUri, accounts.byUri(ownerUri).orElse(null), null);
            return owner.filter(a -> keyId.equals(a.publicKeyId())).flatMap(a -> keyOf(a, true));
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.info("cannot fetch key {}: {}", keyId, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<KeyOwner> keyOf(Account a, boolean fetched) {
        try {
            return Optional.of(new KeyOwner(a, Pem.publicKey(a.publicKeyPem()), fetched));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Account> fetchAndStore(String actorUri, Account known, String handleDomain) {
        if (AsValues.httpUri(actorUri) == null || !policy.allows(AsValues.authority(actorUri))) return Optional.empty();
        try {
            JsonNode doc = client.fetchObject(URI.create(actorUri));
            String id = AsValues.text(doc, "id");
            if (id != null && !id.equals(actorUri)) {
                // the document lives under another id on the same host: read it from there, once
                if (!Objects.equals(AsValues.authority(id), AsValues.authority(actorUri))) return Optional.empty();
                doc = client.fetchObject(URI.create(id));
                if (!id.equals(AsValues.text(doc, "id"))) return Optional.empty();
                known = accounts.byUri(id).orElse(null);
            }
            return store(doc, id == null ? actorUri : id, known, handleDomain);
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.info("cannot fetch actor {}: {}", actorUri, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Account> store(JsonNode doc, String expectedId, Account known, String handleDomain) {
        RemoteActor actor;
        try {
            actor = ActorReader.read(doc);
        } catch (InvalidDocumentException e) {
            log.info("refusing actor {}: {}", expectedId, e.getMessage());
            return Optional.empty();
        }
        if (!actor.uri().equals(expectedId) || isLocal(actor.uri())) return Optional.empty();
        String domain = handleDomain;
        if (domain == null && known != null && known.username().equalsIgnoreCase(actor.username())) domain = known.domain();
        if (domain == null) domain = verifiedHandleDomain(actor);
        boolean hasFeaturedTags = actor.featuredTags() != null;
        Account stored = remote.upsert(actor, domain, clock.instant(), s -> {
            counts.enqueue(s.id());
            if (hasFeaturedTags) featuredTags.enqueue(s.id());
        });
        if (emojis != null) emojis.remember(stored.domain(), social.atoll.federation.vocab.EmojiTags.read(doc));
        return Optional.of(stored);
    }

    /**
     * The handle domain of an actor met by id: its FEP-2c59 {@code webfinger} domain when WebFinger there confirms
     * the actor, else the actor's own host.
     */
    private String verifiedHandleDomain(RemoteActor actor) {
        String host = AsValues.authority(actor.uri());
        if (actor.webfinger() != null) {
            String user = actor.webfinger().substring(0, actor.webfinger().lastIndexOf('@'));
            String d = actor.webfinger().substring(actor.webfinger().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!d.equals(host) && user.equalsIgnoreCase(actor.username())) {
                Optional<WebFingerClient.Result> wf = webFinger.lookup(user, d);
                if (wf.isPresent() && actor.uri().equals(wf.get().self())) return d;
            }
        }
        return host;
    }

    private boolean fresh(Account a) {
        if (a.local()) return true;
        Optional<Instant> fetched = remote.fetchedAt(a.id());
        return fetched.isPresent() && fetched.get().isAfter(clock.instant().minus(STALE_AFTER));
    }

    /** An id on this server. */
    public boolean isLocal(String uri) {
        String a = AsValues.authority(uri);
        return a != null && a.equalsIgnoreCase(settings.host());
    }

    /** Our domain, in any of its spellings (with or without port). */
    public boolean isLocalDomain(String domain) {
        return domain.equalsIgnoreCase(settings.domain()) || domain.equalsIgnoreCase(settings.host())
                || domain.equalsIgnoreCase(URI.create(settings.baseUrl()).getHost());
    }
}

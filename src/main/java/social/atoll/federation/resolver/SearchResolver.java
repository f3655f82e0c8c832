package social.atoll.federation.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.search.RemoteLookup;
import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.RemoteStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.federation.FederationClient;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.infra.http.FetchFailedException;

/**
 * What {@code /api/v2/search?resolve=true} finds on other servers: a handle ({@code @user@domain}, {@code user@domain},
 * {@code acct:user@domain}) through WebFinger, or a URL of an actor or a post. Posts are fetched (signed as the
 * instance actor), must be attributed to an actor on their own host, and are stored like delivered ones; what is
 * returned must be visible to the searcher.
 */
public final class SearchResolver implements RemoteLookup {

    private static final Logger log = LoggerFactory.getLogger(SearchResolver.class);

    private final AccountStore accounts;
    private final StatusStore statuses;
    private final ActorResolver actors;
    private final FederationClient client;
    private final RemoteStatusService remoteStatuses;
    private final NoteReader notes;
    private final VisibilityPolicy visibility;

    public SearchResolver(AccountStore accounts, StatusStore statuses, ActorResolver actors, FederationClient client,
                          RemoteStatusService remoteStatuses, NoteReader notes, VisibilityPolicy visibility) {
        this.accounts = accounts;
        this.statuses = statuses;
        this.actors = actors;
        this.client = client;
        this.remoteStatuses = remoteStatuses;
        this.notes = notes;
        this.visibility = visibility;
    }

    @Override
    public Optional<Account> account(String username, String domain) { return actors.byAcct(username, domain); }

    @Override
    public Optional<String> interactionTemplate(String username, String domain) {
        // WebFinger through the federation client: the same SSRF guard and limits as every fetch
        return new WebFingerClient(client).subscribeTemplate(username, domain);
    }

    @Override
    public Optional<Found> url(String url, Long viewerId) {
        String u = url.trim();
        Optional<Status> known = statuses.byUriOrUrl(u);
        if (known.isPresent()) return visible(known.get(), viewerId);
        Optional<Account> knownAccount = accounts.byUri(u).or(() -> accounts.visibleByUrl(u));
        if (knownAccount.isPresent()) return Optional.of(new Found(knownAccount.get(), null));
        if (actors.isLocal(u) || AsValues.httpUri(u) == null) return Optional.empty();
        try {
            JsonNode doc = client.fetchObject(URI.create(u));
            String id = AsValues.text(doc, "id");
            if (id == null) return Optional.empty();
            if (AsValues.hasType(doc, "Person", "Service", "Application", "Group", "Organization")) {
                return actors.byUri(id).map(a -> new Found(a, null));
            }
            if (!NoteReader.isNote(doc)) return Optional.empty();
            Optional<Status> stored = statuses.byUriOrUrl(id);
            if (stored.isPresent()) return visible(stored.get(), viewerId);
            if (!id.equals(u)) {
                // fetched by its HTML URL: read the object from its id (its origin) before trusting it
                doc = client.fetchObject(URI.create(id));
                if (!id.equals(AsValues.text(doc, "id")) || !NoteReader.isNote(doc)) return Optional.empty();
            }
            String authorUri = AsValues.id(doc.get("attributedTo"));
            if (authorUri == null || !java.util.Objects.equals(AsValues.authority(authorUri), AsValues.authority(id))) return Optional.empty();
            Optional<Account> author = actors.byUri(authorUri);
            if (author.isEmpty() || author.get().local()) return Optional.empty();
            RemoteNote note = notes.parse(doc, author.get(), null);
            Status created = remoteStatuses.create(note);
            return visible(created, viewerId);
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.info("cannot resolve {}: {}", u, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Found> visible(Status s, Long viewerId) {
        return visibility.canSee(viewerId, s) ? Optional.of(new Found(null, s)) : Optional.empty();
    }
}

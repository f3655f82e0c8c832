package social.atoll.core.streaming;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.AccountStore;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.list.ListStore;
import social.atoll.core.media.MediaStore;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.timeline.HomeFeedStore;
import social.atoll.infra.db.Database;

/**
 * Questions streaming asks about the accounts connected to this node, each answered for all of them with one query
 * of the store that owns the facts (a status can go out to thousands of connections at once). Whether a viewer may see a status at all is the
 * {@link social.atoll.core.privacy.VisibilityPolicy}'s answer; this class adds what timelines add on top — blocks,
 * mutes and domain blocks — and who had a status in front of them.
 */
public final class StreamAudience {

    /** A list and the account that owns it. */
    public record ListOwner(long listId, long ownerId) {}

    private final Database db;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final RelationshipLookup relationships;
    private final HomeFeedStore homeFeed;
    private final ListStore lists;
    private final MediaStore media;

    public StreamAudience(Database db, AccountStore accounts, FollowStore follows, RelationshipLookup relationships,
                          HomeFeedStore homeFeed, ListStore lists, MediaStore media) {
        this.db = db;
        this.accounts = accounts;
        this.follows = follows;
        this.relationships = relationships;
        this.homeFeed = homeFeed;
        this.lists = lists;
        this.media = media;
    }

    /**
     * The viewers who must not get a status involving {@code involved} accounts (author, mentioned, boosted author):
     * they block or mute one of them, or block the domain of {@code authorDomain} (null for local authors).
     */
    public Set<Long> excluded(Collection<Long> viewers, Collection<Long> involved, String authorDomain) {
        if (viewers.isEmpty() || involved.isEmpty()) return Set.of();
        return db.read(h -> {
            Set<Long> out = relationships.blockingOrMutingAny(h, viewers, involved);
            if (authorDomain != null) out.addAll(relationships.blockingDomainAmong(h, viewers, authorDomain));
            return out;
        });
    }

    /** Which of {@code viewers} follow {@code authorId}. */
    public Set<Long> followersAmong(long authorId, Collection<Long> viewers) {
        if (viewers.isEmpty()) return Set.of();
        return db.read(h -> follows.followersAmong(h, authorId, viewers));
    }

    /** Which of {@code viewers} have {@code statusId} in their home feed. */
    public Set<Long> homeHolders(long statusId, Collection<Long> viewers) {
        if (viewers.isEmpty()) return Set.of();
        return homeFeed.holders(statusId, viewers);
    }

    /** Of {@code listIds}, the lists that hold {@code authorId}, with their owners. */
    public List<ListOwner> listsHolding(long authorId, Collection<Long> listIds) {
        if (listIds.isEmpty()) return List.of();
        return lists.holding(authorId, listIds).stream().map(o -> new ListOwner(o.listId(), o.ownerId())).toList();
    }

    /** The owner of a list, if it exists. */
    public Long listOwner(long listId) { return lists.ownerOf(listId).orElse(null); }

    /** Whether the account is silenced (kept off public timelines and streams). */
    public boolean silenced(long accountId) { return accounts.silenced(accountId); }

    /** Whether the status has media attached (for the {@code :media} public streams). */
    public boolean hasMedia(long statusId) { return media.anyOn(statusId); }

    /** Domains of the given accounts (null for local ones). */
    public Map<Long, String> domains(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return Map.of();
        return accounts.domains(accountIds);
    }
}

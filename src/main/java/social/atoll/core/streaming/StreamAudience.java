package social.atoll.core.streaming;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;

/**
 * Questions streaming asks about the accounts connected to this node, each answered for all of them with one query
 * (a status can go out to thousands of connections at once). Whether a viewer may see a status at all is the
 * {@link social.atoll.core.privacy.VisibilityPolicy}'s answer; this class adds what timelines add on top — blocks,
 * mutes and domain blocks — and who had a status in front of them.
 */
public final class StreamAudience {

    /** A list and the account that owns it. */
    public record ListOwner(long listId, long ownerId) {}

    private final Database db;
    private final FollowStore follows;
    private final Clock clock;

    public StreamAudience(Database db, FollowStore follows, Clock clock) {
        this.db = db;
        this.follows = follows;
        this.clock = clock;
    }

    /**
     * The viewers who must not get a status involving {@code involved} accounts (author, mentioned, boosted author):
     * they block or mute one of them, or block the domain of {@code authorDomain} (null for local authors).
     */
    public Set<Long> excluded(Collection<Long> viewers, Collection<Long> involved, String authorDomain) {
        if (viewers.isEmpty() || involved.isEmpty()) return Set.of();
        return db.read(h -> {
            Set<Long> out = new HashSet<>(h.createQuery("""
                            SELECT account_id FROM blocks WHERE account_id IN (<viewers>) AND target_account_id IN (<involved>)
                            UNION SELECT account_id FROM mutes WHERE account_id IN (<viewers>) AND target_account_id IN (<involved>)
                              AND (expires_at IS NULL OR expires_at > :now)""")
                    .bindList("viewers", List.copyOf(viewers)).bindList("involved", List.copyOf(involved))
                    .bind("now", clock.instant()).mapTo(Long.class).list());
            if (authorDomain != null) {
                out.addAll(h.createQuery("SELECT account_id FROM account_domain_blocks WHERE account_id IN (<viewers>) AND domain = :d")
                        .bindList("viewers", List.copyOf(viewers)).bind("d", authorDomain).mapTo(Long.class).list());
            }
            return out;
        });
    }

    /** Which of {@code viewers} follow {@code authorId}. */
    public Set<Long> followersAmong(long authorId, Collection<Long> viewers) {
        if (viewers.isEmpty()) return Set.of();
        return db.read(h -> follows.followersAmong(h, authorId, viewers));
    }

    /** Which of {@code viewers} have {@code statusId} in their home feed (served by the feed's primary key). */
    public Set<Long> homeHolders(long statusId, Collection<Long> viewers) {
        if (viewers.isEmpty()) return Set.of();
        return db.read(h -> new HashSet<>(h.createQuery("SELECT account_id FROM home_feed WHERE account_id IN (<v>) AND status_id = :s")
                .bind("s", statusId).bindList("v", List.copyOf(viewers)).mapTo(Long.class).list()));
    }

    /** Of {@code listIds}, the lists that hold {@code authorId}, with their owners. */
    public List<ListOwner> listsHolding(long authorId, Collection<Long> listIds) {
        if (listIds.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("""
                        SELECT l.id, l.account_id FROM lists l JOIN list_accounts la ON la.list_id = l.id
                        WHERE la.account_id = :a AND l.id IN (<ids>)""")
                .bind("a", authorId).bindList("ids", List.copyOf(listIds))
                .map((rs, ctx) -> new ListOwner(rs.getLong(1), rs.getLong(2))).list());
    }

    /** The owner of a list, if it exists. */
    public Long listOwner(long listId) {
        return db.read(h -> h.createQuery("SELECT account_id FROM lists WHERE id = :id").bind("id", listId)
                .mapTo(Long.class).findOne().orElse(null));
    }

    /** Whether the account is silenced (kept off public timelines and streams). */
    public boolean silenced(long accountId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM accounts WHERE id = :id AND silenced_at IS NOT NULL").bind("id", accountId)
                .mapTo(Integer.class).one()) > 0;
    }

    /** Whether the status has media attached (for the {@code :media} public streams). */
    public boolean hasMedia(long statusId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE status_id = :s").bind("s", statusId)
                .mapTo(Integer.class).one()) > 0;
    }

    /** Domains of the given accounts (null for local ones). */
    public Map<Long, String> domains(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return Map.of();
        Map<Long, String> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT id, domain FROM accounts WHERE id IN (<ids>)").bindList("ids", List.copyOf(accountIds))
                .map((rs, ctx) -> {
                    out.put(rs.getLong(1), rs.getString(2));
                    return null;
                }).list());
        return out;
    }
}

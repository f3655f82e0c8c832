package social.atoll.core.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.core.privacy.VisibilityFactsStore.Facts;
import social.atoll.infra.db.Database;

/**
 * The one place that decides who may see a status. Every door asks here: the API, feeds, threads, and later
 * ActivityPub fetches, web pages, search and streaming.
 *
 * <p>The rules, as Mastodon applies them: nobody sees statuses of a suspended author; the author sees all of theirs;
 * {@code public} and {@code unlisted} are for everyone except people the author blocks; {@code private} is for
 * followers and mentioned accounts; {@code direct} only for mentioned accounts; {@code limited} for the circle
 * audience it was addressed to (and mentioned accounts). A {@code local_only} status is, on top of that, only for
 * accounts of this server: never for an anonymous reader, nor for a remote actor's signed fetch. A reply held for
 * approval (interaction policies) is for its author and the author it answers only. A boost is visible only when its
 * boosted status is too.
 *
 * <p>The in-memory check ({@link #filter}) is batched: one statement for its facts however many statuses (two with
 * boosts, whose originals are read first). Queries that
 * page through many rows use the SQL forms of the same rules ({@link #authorCondition}, {@link #recipientCondition}).
 * The facts the rules need are read in one statement per check ({@link VisibilityFactsStore}).
 */
public final class VisibilityPolicy {

    private final Database db;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final RelationshipLookup relationships;
    private final VisibilityFactsStore facts;

    public VisibilityPolicy(Database db, StatusStore statuses, StatusRelations relations, AccountStore accounts,
                            FollowStore follows, RelationshipLookup relationships, VisibilityFactsStore facts) {
        this.facts = facts;
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.accounts = accounts;
        this.follows = follows;
        this.relationships = relationships;
    }

    /** May {@code viewerId} (null: anonymous) see {@code status}? */
    public boolean canSee(Long viewerId, Status status) { return !filter(viewerId, List.of(status)).isEmpty(); }

    /** The statuses the viewer may see, in the given order. */
    public List<Status> filter(Long viewerId, List<Status> list) {
        if (list.isEmpty()) return list;
        Map<Long, Status> all = new LinkedHashMap<>();
        Set<Long> originalIds = new HashSet<>();
        for (Status s : list) {
            all.put(s.id(), s);
            if (s.isReblog()) originalIds.add(s.reblogOfId());
        }
        originalIds.removeAll(all.keySet());
        Map<Long, Status> originals = statuses.byIds(originalIds);
        all.putAll(originals);
        Set<Long> visible = visibleIds(viewerId, all.values());
        List<Status> out = new ArrayList<>(list.size());
        for (Status s : list) {
            if (!visible.contains(s.id())) continue;
            if (s.isReblog() && !visible.contains(s.reblogOfId())) continue;
            out.add(s);
        }
        return out;
    }

    private Set<Long> visibleIds(Long viewerId, Collection<Status> list) {
        Set<Long> authors = new HashSet<>();
        Set<Long> hiddenIds = new HashSet<>();
        Set<Long> limitedIds = new HashSet<>();
        boolean anyLocalOnly = false;
        for (Status s : list) {
            authors.add(s.accountId());
            Visibility v = s.visibilityEnum();
            if (v.hidden()) hiddenIds.add(s.id());
            if (v == Visibility.LIMITED) limitedIds.add(s.id());
            anyLocalOnly |= s.localOnly();
        }
        boolean askLocal = anyLocalOnly && viewerId != null;
        Facts f = db.read(h -> facts.read(h, viewerId, authors, hiddenIds, limitedIds, askLocal));
        Set<Long> out = new HashSet<>();
        for (Status s : list) if (allowed(viewerId, s, f)) out.add(s.id());
        return out;
    }

    private static boolean allowed(Long viewerId, Status s, Facts f) {
        if (f.suspendedAuthors().contains(s.accountId())) return false;
        if (s.localOnly() && (viewerId == null || !f.viewerLocal())) return false;
        if (viewerId != null && viewerId == s.accountId()) return true;
        // a reply held for approval is for its author and the author who decides on it, nobody else (GoToSocial's)
        if (s.pendingApproval()) return viewerId != null && s.inReplyToAccountId() != null && viewerId.longValue() == s.inReplyToAccountId();
        return switch (s.visibilityEnum()) {
            case PUBLIC, UNLISTED -> viewerId == null || !f.blockedBy().contains(s.accountId());
            case PRIVATE -> viewerId != null && (f.followed().contains(s.accountId()) || f.mentioned().contains(s.id()));
            case DIRECT -> viewerId != null && f.mentioned().contains(s.id());
            case LIMITED -> viewerId != null && (f.audience().contains(s.id()) || f.mentioned().contains(s.id()));
        };
    }

    /**
     * Of {@code viewerIds} (signed-in accounts), those who may see {@code status}: the rules of {@link #filter} for one
     * status and many viewers, in a fixed number of queries however many viewers (streaming sends one status to
     * thousands of connected accounts). A boost needs its boosted status to be visible too.
     */
    public Set<Long> viewersOf(Status status, Collection<Long> viewerIds) {
        if (viewerIds.isEmpty()) return Set.of();
        Status original = status.isReblog() ? statuses.byId(status.reblogOfId()).orElse(null) : null;
        if (status.isReblog() && original == null) return Set.of();
        Set<Long> out = viewersOfOne(status, new HashSet<>(viewerIds));
        return original == null || out.isEmpty() ? out : viewersOfOne(original, out);
    }

    private Set<Long> viewersOfOne(Status s, Set<Long> candidates) {
        return db.read(h -> {
            Set<Long> viewers = s.localOnly() ? new HashSet<>(accounts.localAmong(h, candidates)) : candidates;
            long author = s.accountId();
            if (accounts.suspended(h, author)) return Set.of();
            Set<Long> out = new HashSet<>();
            switch (s.visibilityEnum()) {
                case PUBLIC, UNLISTED -> {
                    out.addAll(viewers);
                    out.removeAll(relationships.blockedAmong(h, author, viewers));
                }
                case PRIVATE -> out.addAll(follows.followersAmong(h, author, viewers));
                case LIMITED -> out.addAll(relations.audienceAmong(h, s.id(), viewers));
                case DIRECT -> { }
            }
            if (s.visibilityEnum().hidden()) out.addAll(relations.mentionedAmong(h, s.id(), viewers));
            if (s.pendingApproval()) {
                out.clear();
                if (s.inReplyToAccountId() != null && viewers.contains(s.inReplyToAccountId())) out.add(s.inReplyToAccountId());
            }
            if (viewers.contains(author)) out.add(author);
            return out;
        });
    }

    /**
     * The statuses left after the viewer's own choices: none by (or boosting) an account the viewer blocks, mutes or
     * is blocked by, or an account of a domain the viewer blocks — Mastodon's StatusFilter, applied to threads. These
     * statuses are not secret (the author allowed them); the viewer chose not to see them. Two queries.
     */
    public List<Status> withoutHiddenAuthors(Long viewerId, List<Status> list) {
        if (viewerId == null || list.isEmpty()) return list;
        Set<Long> authors = new HashSet<>();
        Set<Long> originalIds = new HashSet<>();
        for (Status s : list) {
            authors.add(s.accountId());
            if (s.isReblog()) originalIds.add(s.reblogOfId());
        }
        Map<Long, Status> originals = statuses.byIds(originalIds);
        for (Status o : originals.values()) authors.add(o.accountId());
        Set<Long> hidden = relationships.hiddenFrom(viewerId, authors);
        if (hidden.isEmpty()) return list;
        List<Status> out = new ArrayList<>(list.size());
        for (Status s : list) {
            Status o = s.isReblog() ? originals.get(s.reblogOfId()) : null;
            if (hidden.contains(s.accountId()) || (o != null && hidden.contains(o.accountId()))) continue;
            out.add(s);
        }
        return out;
    }

    /**
     * The same rules as SQL, for paging through one author's statuses: a predicate over alias {@code s} that may
     * bind {@code :viewer}. Boosts still go through {@link #filter} afterwards (their originals have other authors).
     */
    public String authorCondition(Long viewerId, Account author) {
        if (author.suspended()) return "1 = 0";
        if (viewerId != null && viewerId == author.id()) return "1 = 1";
        if (viewerId == null) return "s.visibility IN ('public', 'unlisted') AND s.local_only = FALSE AND s.pending_approval = FALSE";
        if (relationships.blocks(author.id(), viewerId)) return "1 = 0";
        boolean follower = follows.follows(viewerId, author.id());
        String open = follower ? "'public', 'unlisted', 'private'" : "'public', 'unlisted'";
        // a remote viewer (a signed fetch of the outbox) never sees local-only statuses
        String localOnly = accounts.byId(viewerId).map(Account::local).orElse(false) ? "" : "s.local_only = FALSE AND ";
        return localOnly + "s.pending_approval = FALSE AND (s.visibility IN (" + open + ")"
                + " OR (s.visibility IN ('private', 'direct', 'limited') AND EXISTS (SELECT 1 FROM mentions vm WHERE vm.status_id = s.id AND vm.account_id = :viewer))"
                + " OR (s.visibility = 'limited' AND EXISTS (SELECT 1 FROM status_audiences va WHERE va.status_id = s.id AND va.account_id = :viewer)))";
    }

    /**
     * Which followers of the author may receive {@code status} (home feeds): a predicate on the column holding the
     * follower's account id, binding {@code :status_id} to the status.
     */
    public String recipientCondition(Status status, String accountColumn) {
        return switch (status.visibilityEnum()) {
            case PUBLIC, UNLISTED, PRIVATE -> "1 = 1";
            case DIRECT -> "EXISTS (SELECT 1 FROM mentions rm WHERE rm.status_id = :status_id AND rm.account_id = " + accountColumn + ")";
            case LIMITED -> "(EXISTS (SELECT 1 FROM status_audiences ra WHERE ra.status_id = :status_id AND ra.account_id = " + accountColumn + ")"
                    + " OR EXISTS (SELECT 1 FROM mentions rm WHERE rm.status_id = :status_id AND rm.account_id = " + accountColumn + "))";
        };
    }
}

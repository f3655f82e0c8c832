package social.atoll.federation.outbox;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.deletion.AccountDeletionStore;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.poll.PollStore;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;

/**
 * Who takes part in an outbound activity, and which remote inboxes it goes to. Read inside the transaction that
 * produced the event (the stores join it). One inbox per server where possible: an account's shared inbox, else its
 * personal one (GoToSocial has none).
 */
final class Audience {

    private final AccountStore accounts;
    private final FollowStore follows;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final PollStore polls;
    private final AccountDeletionStore deletions;

    Audience(AccountStore accounts, FollowStore follows, StatusStore statuses, StatusRelations relations, PollStore polls,
             AccountDeletionStore deletions) {
        this.accounts = accounts;
        this.follows = follows;
        this.statuses = statuses;
        this.relations = relations;
        this.polls = polls;
        this.deletions = deletions;
    }

    /**
     * True when a local account is being deleted: its {@code Delete} of the actor already tells every server to drop
     * its posts and follows, so the purge's own removals are not announced one by one (as Mastodon's).
     */
    boolean deleting(Account a) { return a.suspended() && deletions.started(a.id()); }

    /** The servers that know a local account being deleted (read before the purge removes what links them). */
    Set<String> knowing(long accountId) {
        return new LinkedHashSet<>(deletions.remoteInboxesKnowing(accountId));
    }

    /** A local account: the only ones whose actions are sent out (remote ones' arrive through the inbox). */
    Optional<Account> local(long id) { return accounts.byId(id).filter(Account::local); }

    Optional<Account> remote(long id) { return accounts.byId(id).filter(a -> !a.local()); }

    Collection<Account> accounts(Collection<Long> ids) { return accounts.byIds(ids).values(); }

    /** The inboxes of the remote followers of {@code accountId}: exactly the servers that host them. */
    Set<String> followerInboxes(long accountId) { return new LinkedHashSet<>(follows.remoteFollowerInboxes(accountId)); }

    /** Shared (else personal) inboxes of the given accounts that are remote. */
    Set<String> inboxesOf(Collection<Long> accountIds) {
        Set<String> out = new LinkedHashSet<>();
        if (accountIds.isEmpty()) return out;
        for (Account a : accounts.byIds(accountIds).values()) {
            if (a.local()) continue;
            String inbox = a.sharedInboxUrl() != null ? a.sharedInboxUrl() : a.inboxUrl();
            if (inbox != null) out.add(inbox);
        }
        return out;
    }

    /** The personal inbox of one remote account (one-to-one activities: Follow, Accept, Reject, Block, Undo). */
    Set<String> personalInbox(long accountId) {
        Set<String> out = new LinkedHashSet<>();
        remote(accountId).map(a -> a.inboxUrl() != null ? a.inboxUrl() : a.sharedInboxUrl()).ifPresent(out::add);
        return out;
    }

    /**
     * Who receives a status: followers' servers (unless direct or limited), mentioned remote accounts, the remote
     * author replied to (when visible to them), and a limited status's remote audience. Nobody for a local-only
     * status: what never left this server has no Create, Update or Delete to send either.
     */
    Set<String> ofStatus(Status s, Account author, Collection<Long> mentioned) {
        Visibility v = s.visibilityEnum();
        Set<String> inboxes = new LinkedHashSet<>();
        if (s.localOnly()) return inboxes;
        if (v == Visibility.PUBLIC || v == Visibility.UNLISTED || v == Visibility.PRIVATE) inboxes.addAll(followerInboxes(author.id()));
        Set<Long> direct = new LinkedHashSet<>(mentioned);
        if (v == Visibility.LIMITED) direct.addAll(statuses.audience(s.id()));
        if (s.inReplyToAccountId() != null && (v == Visibility.PUBLIC || v == Visibility.UNLISTED)) direct.add(s.inReplyToAccountId());
        inboxes.addAll(inboxesOf(direct));
        return inboxes;
    }

    /**
     * Who receives an edit: the status's audience and, when it is public or unlisted, the servers of those who
     * boosted, favourited or replied to it (they hold a copy), as Mastodon's reach of a status.
     */
    Set<String> ofEdit(Status s, Account author, Collection<Long> mentioned) {
        Set<String> inboxes = ofStatus(s, author, mentioned);
        if (s.localOnly()) return inboxes;
        Visibility v = s.visibilityEnum();
        if (v == Visibility.PUBLIC || v == Visibility.UNLISTED) inboxes.addAll(inboxesOf(statuses.reachedBy(s.id())));
        return inboxes;
    }

    /**
     * Who receives a deletion: the status's audience and the servers of all who boosted, favourited or replied to it,
     * whatever its visibility (each may hold a copy; {@code reached} was read before those rows went).
     */
    Set<String> ofDeletion(Status s, Account author, Collection<Long> mentioned, Collection<Long> reached) {
        Set<String> inboxes = ofStatus(s, author, mentioned);
        if (!s.localOnly()) inboxes.addAll(inboxesOf(reached));
        return inboxes;
    }

    /** The accounts a stored status mentions. */
    List<Long> mentioned(Status s) { return relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of()); }

    /** The remote servers of those who voted on the poll of {@code question}. */
    Set<String> voterInboxes(Status question) { return inboxesOf(polls.voterIds(question.id())); }
}

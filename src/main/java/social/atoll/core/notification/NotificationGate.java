package social.atoll.core.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.notification.NotificationPolicy.Action;

/**
 * Weighs a new notification against its recipient's {@link NotificationPolicy}, as Mastodon 4.3's NotifyService does:
 * only the types a person can be pestered with are weighed; a sender whose request was accepted always gets through;
 * otherwise a category that drops wins over one that filters.
 *
 * <p>The categories: the recipient does not follow the sender; the sender does not follow the recipient, or only for
 * less than three days; the sender's account is younger than 30 days (and not followed); a private mention, from
 * someone not followed, that does not answer a private conversation the sender was in; the sender is limited
 * (silenced) by a moderator and not followed.
 */
public final class NotificationGate {

    /** Mastodon's filterable types; polls, edits, statuses of followed people and staff notices always go through. */
    static final Set<String> FILTERABLE = Set.of(Notification.MENTION, Notification.REBLOG, Notification.FOLLOW,
            Notification.FOLLOW_REQUEST, Notification.FAVOURITE);
    static final Duration NEW_ACCOUNT = Duration.ofDays(30);
    static final Duration NEW_FOLLOWER = Duration.ofDays(3);
    /** How far up a thread a private mention is traced to the conversation it answers. */
    private static final int THREAD_DEPTH = 100;

    private final NotificationPolicyStore store;

    public NotificationGate(NotificationPolicyStore store) { this.store = store; }

    /** The verdict for a notification to local {@code to}; a recipient that is not local is accepted (and not stored). */
    Action decide(Handle h, long to, long from, String type, Long statusId, Instant now) {
        if (!FILTERABLE.contains(type)) return Action.ACCEPT;
        var f = store.facts(h, to, from).orElse(null);
        if (f == null || f.permitted()) return Action.ACCEPT;
        NotificationPolicy p = f.policy();
        boolean notFollowing = !f.following();
        boolean notFollower = f.followerSince() == null || f.followerSince().isAfter(now.minus(NEW_FOLLOWER));
        boolean limited = f.senderSilenced() && notFollowing;
        boolean newAccount = f.senderCreatedAt().isAfter(now.minus(NEW_ACCOUNT)) && notFollowing;
        Action verdict = Action.ACCEPT;
        for (Action a : new Action[] {
                limited ? p.forLimitedAccounts() : Action.ACCEPT,
                notFollowing ? p.forNotFollowing() : Action.ACCEPT,
                notFollower ? p.forNotFollowers() : Action.ACCEPT,
                newAccount ? p.forNewAccounts() : Action.ACCEPT}) {
            if (a == Action.DROP) return Action.DROP;
            if (a == Action.FILTER) verdict = Action.FILTER;
        }
        // the thread is read only when it could change the verdict
        if (notFollowing && p.forPrivateMentions() != Action.ACCEPT && p.forPrivateMentions() != verdict
                && Notification.MENTION.equals(type) && statusId != null && unsolicitedPrivateMention(h, from, statusId))
            verdict = p.forPrivateMentions();
        return verdict;
    }

    /** A filtered mention joins its sender's request. */
    void filtered(Handle h, long to, long from, String type, Long statusId, Instant now) {
        if (Notification.MENTION.equals(type)) store.requestFor(h, to, from, statusId, now);
    }

    /**
     * A direct status is asked for when it answers a thread whose nearest post naming the sender was itself
     * private: the sender was brought into a private conversation and is replying in it.
     */
    private boolean unsolicitedPrivateMention(Handle h, long from, long statusId) {
        var status = store.threadStatus(h, statusId).orElse(null);
        if (status == null || !"direct".equals(status.visibility())) return false;
        Long parent = status.inReplyToId();
        for (int depth = 0; parent != null && depth < THREAD_DEPTH; depth++) {
            var ancestor = store.threadStatus(h, parent).orElse(null);
            if (ancestor == null) return true;
            if (store.mentions(h, parent, from)) return !"direct".equals(ancestor.visibility());
            parent = ancestor.inReplyToId();
        }
        return true;
    }
}

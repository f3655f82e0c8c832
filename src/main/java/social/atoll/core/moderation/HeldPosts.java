package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.status.Status;
import social.atoll.infra.db.Database;

/**
 * Spam defence, on by default: a remote post whose author this server met less than {@link #NEW_ACCOUNT} ago, that
 * has no follow relation (either way, requests included) with anyone here, and that mentions at least
 * {@link #MIN_MENTIONS} local people is held: its mentions notify no one, and it waits in the moderators' queue
 * ({@code manage_reports}). Releasing it delivers the mention notifications then; discarding it drops them for
 * good; either is audited. Acting on the author goes through the account's own page.
 *
 * <p>Why these thresholds: the spam waves of 2024 sent posts from freshly made accounts to many people at once;
 * Mastodon 4.3's notification requests filter new and unknown senders per person, this catches the same wave once
 * for the whole server. A person replying to one or two people here, or anyone someone here follows, is never held.
 */
public final class HeldPosts {

    public static final int MIN_MENTIONS = 3;
    public static final Duration NEW_ACCOUNT = Duration.ofDays(7);
    public static final int MAX_PAGE = 100;

    private final Database db;
    private final HeldPostStore store;
    private final NotificationStore notifications;
    private final ActionLogStore log;
    private final Clock clock;

    public HeldPosts(Database db, HeldPostStore store, NotificationStore notifications, ActionLogStore log, Clock clock) {
        this.db = db;
        this.store = store;
        this.notifications = notifications;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Called in the transaction that stores a status, before its mentions notify: holds it and answers true when it
     * is suspicious (then no mention notification is made now).
     */
    public boolean holdIfSuspicious(Handle h, Status s, Collection<Long> mentioned) {
        if (s.local() || s.isReblog() || mentioned.size() < MIN_MENTIONS) return false;
        List<Long> local = store.localAmong(h, new LinkedHashSet<>(mentioned));
        if (local.size() < MIN_MENTIONS) return false;
        Instant now = clock.instant();
        Instant known = store.accountCreatedAt(h, s.accountId()).orElse(now);
        if (known.isBefore(now.minus(NEW_ACCOUNT))) return false;
        if (store.anyLocalRelation(h, s.accountId())) return false;
        store.insert(h, new HeldPost(s.id(), s.accountId(), local.size(), now));
        return true;
    }

    /** The queue, newest first. */
    public List<HeldPost> list(StaffAccess.Actor actor, Long maxId, int limit) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return store.list(maxId, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    /** How many posts wait (the dashboard's pending work). */
    public long count(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return store.count();
    }

    public boolean held(long statusId) { return store.isHeld(statusId); }

    /** Lets the post's mentions notify now, as they would have when it arrived. */
    public void release(StaffAccess.Actor actor, long statusId) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        db.write(h -> {
            HeldPost p = store.byStatus(h, statusId).orElseThrow(() -> new NotFoundException("held post"));
            Instant now = clock.instant();
            int delivered = 0;
            for (Long to : store.localMentions(h, statusId))
                if (notifications.add(h, to, p.accountId(), Notification.MENTION, statusId, now)) delivered++;
            store.delete(h, statusId);
            log.record(h, actor, "release", "Status", statusId, Long.toString(statusId), Map.of("notified", delivered));
            return null;
        });
    }

    /** Takes the post out of the queue without notifying anyone. */
    public void discard(StaffAccess.Actor actor, long statusId) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        db.write(h -> {
            store.byStatus(h, statusId).orElseThrow(() -> new NotFoundException("held post"));
            store.delete(h, statusId);
            log.record(h, actor, "discard", "Status", statusId, Long.toString(statusId), Map.of());
            return null;
        });
    }
}

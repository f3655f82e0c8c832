package social.atoll.core.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.follow.FollowLanguages;
import social.atoll.core.follow.FollowOptions;
import social.atoll.core.follow.FollowService;
import social.atoll.core.list.ListService;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.relationship.AccountNoteService;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.relationship.MuteService;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * After a move, what local people had with the old account goes to the new one, as Mastodon's MoveWorker does: each
 * local follower follows the new account (a request when it is locked or remote) with the same options, leaves the
 * old one, keeps its lists (once the follow begins, for a request) and gets a {@code move} notification; blocks and
 * mutes of the old account carry over unless the person already has a relationship with the new one; private notes
 * are copied with a line saying where they came from. A durable job, safe to run again: each follower is moved in
 * one transaction and leaves the old account's followers as it does, and every other step first looks whether it
 * was done.
 */
public final class FollowerMigration {

    private static final Logger log = LoggerFactory.getLogger(FollowerMigration.class);

    public record Job(long moveId) {}

    static final JobType<Job> JOB = JobType.local("migration.move-followers", Job.class);

    private static final int BATCH = 200;

    private final Database db;
    private final AccountStore accounts;
    private final MoveStore store;
    private final FollowService follows;
    private final ListService lists;
    private final BlockService blocks;
    private final MuteService mutes;
    private final AccountNoteService notes;
    private final NotificationStore notifications;
    private final Clock clock;

    public FollowerMigration(Database db, AccountStore accounts, MoveStore store, FollowService follows, ListService lists,
                             BlockService blocks, MuteService mutes, AccountNoteService notes, NotificationStore notifications,
                             Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.store = store;
        this.follows = follows;
        this.lists = lists;
        this.blocks = blocks;
        this.mutes = mutes;
        this.notes = notes;
        this.notifications = notifications;
        this.clock = clock;
    }

    public void register(EventBus events, JobQueue jobs) {
        jobs.register(JOB, job -> run(job.moveId()));
        // a request to the new account was accepted: the lists that held the old one now hold the new one
        events.inTransaction(FollowEvents.Followed.class, (h, e) -> {
            for (long listId : store.takeCarryovers(h, e.followerId(), e.targetId())) lists.carryOver(e.followerId(), listId, e.targetId());
        });
    }

    void run(long moveId) {
        Optional<AccountMove> move = store.byId(moveId);
        if (move.isEmpty() || move.get().completedAt() != null) return;
        Account old = accounts.byId(move.get().accountId()).orElse(null);
        Account target = accounts.byId(move.get().targetAccountId()).orElse(null);
        if (old == null || target == null) return;
        Set<Long> stay = new HashSet<>(); // followers who cannot follow the new account keep the old one
        while (true) {
            List<MoveStore.LocalFollow> batch = store.localFollowers(old.id(), BATCH + stay.size()).stream()
                    .filter(f -> !stay.contains(f.followerId())).toList();
            if (batch.isEmpty()) break;
            for (MoveStore.LocalFollow f : batch) if (!moveFollower(old, target, f)) stay.add(f.followerId());
        }
        carryBlocks(old, target);
        carryMutes(old, target);
        copyNotes(old, target);
        store.complete(moveId, clock.instant());
        log.info("moved the local followers of {} to {} ({} stayed)", old.uri(), target.uri(), stay.size());
    }

    private boolean moveFollower(Account old, Account target, MoveStore.LocalFollow f) {
        return db.write(h -> {
            if (f.followerId() == target.id()) {
                follows.unfollow(f.followerId(), old.id());
                return true;
            }
            Instant now = clock.instant();
            for (long listId : store.listsHolding(h, f.followerId(), old.id())) store.addCarryover(h, f.followerId(), target.id(), listId, now);
            List<String> languages = f.languages() == null ? null : FollowLanguages.decode(f.languages());
            try {
                follows.follow(f.followerId(), target.id(), new FollowOptions(f.showReblogs(), f.notifyPosts(), languages));
            } catch (ForbiddenException | NotFoundException e) {
                log.info("account {} cannot follow {} after its move: {}", f.followerId(), target.uri(), e.getMessage());
                return false; // nothing was written: the follow refuses before it writes
            }
            follows.unfollow(f.followerId(), old.id());
            notifications.add(h, f.followerId(), old.id(), Notification.MOVE, null, now);
            return true;
        });
    }

    private void carryBlocks(Account old, Account target) {
        for (long blocker : store.localBlockers(old.id())) {
            if (blocker == target.id() || store.relatedTo(blocker, target.id())) continue;
            try {
                blocks.block(blocker, target.id());
            } catch (ForbiddenException | NotFoundException e) {
                log.info("block of {} by {} not carried over: {}", target.uri(), blocker, e.getMessage());
            }
        }
    }

    private void carryMutes(Account old, Account target) {
        Instant now = clock.instant();
        for (MoveStore.LocalMute m : store.localMuters(old.id(), now)) {
            if (m.accountId() == target.id() || store.relatedTo(m.accountId(), target.id())) continue;
            Long seconds = m.expiresAt() == null ? null : Math.max(1, Duration.between(now, m.expiresAt()).toSeconds());
            try {
                mutes.mute(m.accountId(), target.id(), m.hideNotifications(), seconds);
            } catch (ForbiddenException | NotFoundException | ValidationException e) {
                log.info("mute of {} by {} not carried over: {}", target.uri(), m.accountId(), e.getMessage());
            }
        }
    }

    private void copyNotes(Account old, Account target) {
        for (MoveStore.LocalNote n : store.localNotes(old.id())) {
            if (n.accountId() == target.id() || store.hasNote(n.accountId(), target.id())) continue;
            String text = "This account moved from @" + old.acct() + ". Your note about it there:\n\n" + n.comment();
            if (text.codePointCount(0, text.length()) > AccountNoteService.MAX_LENGTH)
                text = text.substring(0, text.offsetByCodePoints(0, AccountNoteService.MAX_LENGTH));
            try {
                notes.set(n.accountId(), target.id(), text);
            } catch (NotFoundException | ValidationException e) {
                log.info("note about {} by {} not copied: {}", target.uri(), n.accountId(), e.getMessage());
            }
        }
    }
}

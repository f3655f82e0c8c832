package social.atoll.core.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.Passwords;
import social.atoll.core.account.User;
import social.atoll.core.auth.OAuthStore;
import social.atoll.core.auth.WebSessionStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowService;
import social.atoll.core.media.MediaService;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Deleting a local account, the same way whoever asks (the person from settings, staff from the dashboard, CLI or
 * admin API, the suspension grace sweep), as Mastodon's {@code DeleteAccountService}:
 * <ol>
 * <li>at once, in one transaction: the account is suspended (its actor and objects answer 410), every app token
 * is revoked and every browser signed out, the deletion is recorded, and {@link AccountDeletionEvents.DeletionStarted}
 * is published — federation then sends one {@code Delete} of the actor to every server that knows the account;</li>
 * <li>then the {@link #PURGE} job removes its posts, favourites, follows, media and personal rows, one batch per
 * transaction, so an interrupted purge resumes where it stopped; last, the profile and sign-in are erased.</li>
 * </ol>
 * The account row stays as a suspended stub: its username is never given to anyone else (sign-up finds it taken),
 * and its keys still sign the {@code Delete} deliveries.
 */
public final class AccountDeletion {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    /** Payload of the purge job. */
    public record Purge(long accountId) {}

    /** Local work, retried for a day; each run continues from what is left. */
    public static final JobType<Purge> PURGE = new JobType<>("account.deletion", Purge.class, 12, Duration.ofSeconds(10),
            Duration.ofHours(2), Duration.ofDays(2));

    static final int BATCH = 100;

    private final Database db;
    private final AccountDeletionStore store;
    private final AccountStore accounts;
    private final OAuthStore oauth;
    private final WebSessionStore webSessions;
    private final StatusStore statuses;
    private final StatusService statusService;
    private final FollowService follows;
    private final MediaService media;
    private final JobQueue jobs;
    private final EventBus events;
    private final Clock clock;

    public AccountDeletion(Database db, AccountDeletionStore store, AccountStore accounts, OAuthStore oauth, WebSessionStore webSessions,
                           StatusStore statuses, StatusService statusService, FollowService follows, MediaService media, JobQueue jobs,
                           EventBus events, Clock clock) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.oauth = oauth;
        this.webSessions = webSessions;
        this.statuses = statuses;
        this.statusService = statusService;
        this.follows = follows;
        this.media = media;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    public void register() { jobs.register(PURGE, p -> purge(p.accountId())); }

    /**
     * The person deletes their own account from settings; the password must match.
     *
     * @throws ValidationException when the password is wrong
     */
    public void deleteOwn(long accountId, String password) {
        User user = accounts.userByAccountId(accountId).orElseThrow(() -> new NotFoundException("account"));
        if (!Passwords.matches(password == null ? "" : password, user.passwordHash()))
            throw new ValidationException("Password is invalid",
                    Map.of("password", List.of(new ValidationException.FieldError("ERR_INVALID", "is invalid"))));
        begin(accountId, AccountDeletionStore.Origin.SELF);
    }

    /**
     * Begins the deletion of a local account (staff have checked their permission; the grace sweep acts on its
     * own). Doing it again for an account whose deletion began changes nothing; false for a remote account.
     */
    public boolean begin(long accountId, AccountDeletionStore.Origin origin) {
        Account a = accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
        if (!a.local()) return false;
        Instant now = clock.instant();
        db.write(h -> {
            if (!store.begin(h, accountId, origin, now)) return null;
            if (!a.suspended()) accounts.mark(h, accountId, AccountStore.Mark.SUSPENDED, now, now);
            oauth.revokeAllOf(h, accountId, now);
            webSessions.deleteAllOf(h, accountId);
            events.publish(new AccountDeletionEvents.DeletionStarted(accountId));
            jobs.enqueue(PURGE, Long.toString(accountId), new Purge(accountId));
            return null;
        });
        return true;
    }

    /** True once the account's deletion began. */
    public boolean started(long accountId) { return store.started(accountId); }

    /**
     * Removes what the account left, batch by batch; safe to run again after an interruption (each step reads what
     * is still there).
     */
    void purge(long accountId) {
        Instant now = clock.instant();
        int posts = 0;
        for (List<Long> batch = store.statusBatch(accountId, BATCH); !batch.isEmpty(); batch = store.statusBatch(accountId, BATCH)) {
            List<Long> ids = batch;
            int removed = db.write(h -> {
                int n = 0;
                for (var s : statuses.byIds(ids).values()) {
                    statusService.delete(s);
                    n++;
                }
                return n;
            });
            if (removed == 0) throw new IllegalStateException("statuses " + ids + " of account " + accountId + " could not be removed");
            posts += removed;
        }
        while (db.write(h -> store.removeFavouriteBatch(h, accountId, BATCH)) > 0) { }
        for (List<long[]> batch = store.followBatch(accountId, BATCH); !batch.isEmpty(); batch = store.followBatch(accountId, BATCH))
            for (long[] pair : batch) follows.unfollow(pair[0], pair[1]);
        db.write(h -> {
            accounts.dropProfileMedia(h, accountId);
            return null;
        });
        int files = 0;
        for (int n = media.deleteBatchOf(accountId, BATCH); n > 0; n = media.deleteBatchOf(accountId, BATCH)) files += n;
        db.write(h -> {
            store.removePersonal(h, accountId);
            accounts.eraseLocalProfile(h, accountId, now);
            store.finish(h, accountId, clock.instant());
            return null;
        });
        log.info("account {} deleted: {} statuses and {} media removed", accountId, posts, files);
    }
}

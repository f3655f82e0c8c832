package social.atoll.core.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.Passwords;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.User;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;

/**
 * Moves between accounts, as Mastodon does them. Out: a local account, with its password, moves to an account that
 * lists it in {@code alsoKnownAs} (checked on a fresh copy of the target); it is then redirected ({@code movedTo}),
 * can no longer post, and federation sends the {@code Move} to its followers' servers. In: the inbox hands over a
 * remote account's verified {@code Move}. Either way the account's local followers are then moved over by
 * {@link FollowerMigration}, a durable job, and an account moves at most once in {@link #COOLDOWN}.
 */
public final class MoveService {

    /** Mastodon's cooldown between two moves of one account. */
    public static final Duration COOLDOWN = Duration.ofDays(30);

    private final Database db;
    private final AccountStore accounts;
    private final MoveStore store;
    private final ActorLookup lookup;
    private final JsonColumns json;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public MoveService(Database db, AccountStore accounts, MoveStore store, ActorLookup lookup, JsonColumns json, JobQueue jobs,
                       IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.accounts = accounts;
        this.store = store;
        this.lookup = lookup;
        this.json = json;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** The newest move of {@code accountId}, if it ever moved. */
    public Optional<AccountMove> latest(long accountId) { return store.latest(accountId); }

    /** When {@code accountId} may move again; empty when it may now. */
    public Optional<Instant> cooldownUntil(long accountId) {
        return store.latest(accountId).map(m -> m.createdAt().plus(COOLDOWN)).filter(until -> until.isAfter(clock.instant()));
    }

    /**
     * Moves local {@code accountId} to the account {@code targetRef} names (a handle or an actor URI).
     *
     * @throws ValidationException when the password is wrong, the cooldown runs, the target cannot be found, is this
     *                             account, is suspended or moved itself, or does not list this account as an alias
     */
    public Account moveOut(long accountId, String password, String targetRef) {
        Account me = accounts.byId(accountId).filter(Account::local).orElseThrow(() -> new NotFoundException("account"));
        User user = accounts.userByAccountId(accountId).orElseThrow(() -> new NotFoundException("user"));
        if (!Passwords.matches(password == null ? "" : password, user.passwordHash()))
            throw ValidationException.bare("Invalid password");
        Optional<Instant> until = cooldownUntil(accountId);
        if (until.isPresent())
            throw ValidationException.bare("This account moved less than 30 days ago; it can move again after " + until.get());
        if (targetRef == null || targetRef.isBlank()) throw ValidationException.bare("Enter the address of the account to move to");
        String ref = targetRef.strip();
        Account target = lookup.find(ref).orElseThrow(() -> ValidationException.bare("Could not find the account " + ref));
        if (target.id() == me.id()) throw ValidationException.bare("An account cannot move to itself");
        target = lookup.fresh(target).orElseThrow(() -> ValidationException.bare("Could not fetch the account " + ref));
        if (target.suspended()) throw ValidationException.bare("The account " + ref + " is suspended");
        if (target.movedToAccountId() != null) throw ValidationException.bare("The account " + ref + " has moved itself");
        if (!aliases(target, me))
            throw ValidationException.bare("The account " + ref + " does not list this account as an alias (alsoKnownAs): add the alias there first");
        Account finalTarget = target;
        return db.write(h -> {
            // checked again where it is written: two moves sent at once must not both pass
            if (store.latest(accountId).filter(m -> m.createdAt().plus(COOLDOWN).isAfter(clock.instant())).isPresent())
                throw ValidationException.bare("This account moved less than 30 days ago");
            record(h, me, finalTarget, true);
            events.publish(new ProfileService.ProfileUpdated(accountId)); // the actor now carries movedTo
            return accounts.stored(h, accountId);
        });
    }

    /**
     * Accepts the {@code Move} of remote {@code origin} to {@code target}, which the caller fetched fresh and found
     * listing {@code origin} in {@code alsoKnownAs}. Refused (false) within the cooldown of an earlier move of
     * {@code origin}, which also makes a redelivered Move harmless.
     */
    public boolean acceptRemote(Account origin, Account target) {
        if (origin.local() || origin.id() == target.id()) return false;
        if (!aliases(target, origin)) return false;
        return db.write(h -> {
            Optional<AccountMove> last = store.latest(origin.id());
            if (last.isPresent() && last.get().createdAt().plus(COOLDOWN).isAfter(clock.instant())) return false;
            record(h, origin, target, false);
            return true;
        });
    }

    /** Whether {@code target} lists {@code origin}'s actor URI in {@code alsoKnownAs}. */
    public boolean aliases(Account target, Account origin) {
        if (target.alsoKnownAs() == null || target.alsoKnownAs().isBlank()) return false;
        try {
            return json.readList(target.alsoKnownAs(), String.class).contains(origin.uri());
        } catch (JsonColumns.JsonColumnException e) {
            return false;
        }
    }

    private void record(org.jdbi.v3.core.Handle h, Account origin, Account target, boolean local) {
        long moveId = ids.next();
        accounts.recordMove(h, origin.id(), target.id(), clock.instant());
        store.insert(h, moveId, origin.id(), target.id(), origin.followersCount(), clock.instant());
        jobs.enqueue(FollowerMigration.JOB, Long.toString(moveId), new FollowerMigration.Job(moveId));
        events.publish(new MigrationEvents.AccountMoved(moveId, origin.id(), target.id(), local));
    }
}

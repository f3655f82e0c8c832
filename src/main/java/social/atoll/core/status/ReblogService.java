package social.atoll.core.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.interaction.InteractionPolicies;
import social.atoll.core.interaction.InteractionPolicy;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Boosting and un-boosting. As in Mastodon: a boost of a boost boosts the original; boosting twice returns the first
 * boost; direct (and circle) statuses cannot be boosted, followers-only ones only by their author, and such a
 * self-boost keeps the followers-only visibility.
 */
public final class ReblogService {

    private final Database db;
    private final StatusStore statuses;
    private final StatusService statusService;
    private final AccountStore accounts;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;
    private final InteractionPolicies policies;
    private final PendingStatuses pending;

    public ReblogService(Database db, StatusStore statuses, StatusService statusService, AccountStore accounts,
                         VisibilityPolicy visibility, IdGenerator ids, Clock clock, Settings settings, EventBus events,
                         InteractionPolicies policies, PendingStatuses pending) {
        this.policies = policies;
        this.pending = pending;
        this.db = db;
        this.statuses = statuses;
        this.statusService = statusService;
        this.accounts = accounts;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Boosts {@code statusId} as {@code accountId} and returns the boost. {@code requested} is the boost's
     * visibility (public, unlisted or private; null: the user's default).
     */
    public Status reblog(long accountId, long statusId, Visibility requested) {
        Status original = visibleOriginal(accountId, statusId);
        Visibility ov = original.visibilityEnum();
        if (ov == Visibility.DIRECT || ov == Visibility.LIMITED || (ov == Visibility.PRIVATE && original.accountId() != accountId))
            throw new ForbiddenException("This action is not allowed");
        if (requested == Visibility.DIRECT || requested == Visibility.LIMITED) throw new ValidationException("Visibility is reserved");
        // the post's interaction policy: forbidden is refused, "with approval" stores the boost held until answered
        InteractionPolicy.Check check = policies.require(accountId, original, InteractionPolicy.Type.REBLOG);
        boolean held = check.held(original.local());
        Account booster = accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
        Visibility vis;
        if (ov == Visibility.PRIVATE) {
            vis = Visibility.PRIVATE;
        } else if (requested != null) {
            vis = requested;
        } else {
            Visibility dflt = accounts.userByAccountId(accountId).map(User::defaultPrivacy)
                    .flatMap(Visibility::parseRequested).orElse(Visibility.PUBLIC);
            vis = dflt == Visibility.DIRECT ? Visibility.PUBLIC : dflt;
        }
        Visibility boostVisibility = vis;
        return db.write(h -> {
            var existing = statuses.reblogBy(accountId, original.id());
            if (existing.isPresent()) return existing.get();
            long id = ids.next();
            Instant now = clock.instant();
            String activity = settings.url("/users/" + booster.username() + "/statuses/" + id + "/activity");
            statuses.insertLocalReblog(h, id, activity, accountId, original.id(), boostVisibility, now);
            // a boost of a local-only post stays here too: its Announce would point others at what they cannot fetch
            if (original.localOnly()) statuses.markLocalOnly(h, id);
            Status boost = statuses.stored(h, id);
            if (held) {
                boost = pending.hold(h, boost);
                policies.hold(h, InteractionPolicy.Type.REBLOG, original, accountId, boost, activity, boostVisibility);
                return boost;
            }
            StatusService.countCreated(h, boost, now);
            events.publish(new StatusEvents.StatusCreated(boost, original, List.of()));
            return boost;
        });
    }

    /**
     * A boost brought from an archive (see the archive import): made at {@code at}, the date of the boost on the old
     * server, under the same rules as {@link #reblog}, and announced to nobody — no delivery, no home feeds — like
     * the posts imported beside it. An existing boost of the same post is returned as it is.
     */
    public Status importBoost(long accountId, long statusId, Visibility requested, Instant at) {
        Status original = visibleOriginal(accountId, statusId);
        Visibility ov = original.visibilityEnum();
        if (ov == Visibility.DIRECT || ov == Visibility.LIMITED || (ov == Visibility.PRIVATE && original.accountId() != accountId))
            throw new ForbiddenException("This action is not allowed");
        Visibility vis = ov == Visibility.PRIVATE ? Visibility.PRIVATE
                : requested == Visibility.UNLISTED || requested == Visibility.PRIVATE ? requested : Visibility.PUBLIC;
        Account booster = accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
        return db.write(h -> {
            var existing = statuses.reblogBy(accountId, original.id());
            if (existing.isPresent()) return existing.get();
            long id = ids.forTime(at);
            String activity = settings.url("/users/" + booster.username() + "/statuses/" + id + "/activity");
            statuses.insertLocalReblog(h, id, activity, accountId, original.id(), vis, at);
            if (original.localOnly()) statuses.markLocalOnly(h, id);
            Status boost = statuses.stored(h, id);
            StatusService.countCreated(h, boost, at);
            return boost;
        });
    }

    /** Removes the account's boost of the status (if any) and returns the boosted status. */
    public Status unreblog(long accountId, long statusId) {
        Status original = visibleOriginal(accountId, statusId);
        db.write(h -> {
            statuses.reblogBy(accountId, original.id()).ifPresent(boost -> statusService.remove(h, boost, original));
            return null;
        });
        return statuses.byId(original.id()).orElse(original);
    }

    private Status visibleOriginal(long accountId, long statusId) {
        Status s = statuses.byId(statusId).orElseThrow(() -> new NotFoundException("status"));
        if (!visibility.canSee(accountId, s)) throw new NotFoundException("status");
        if (s.isReblog()) s = statuses.byId(s.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
        return s;
    }
}

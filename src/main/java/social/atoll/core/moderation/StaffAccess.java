package social.atoll.core.moderation;

import social.atoll.core.account.User;
import social.atoll.core.common.ForbiddenException;

/**
 * The one answer to "may this staff member do X": every moderation service asks it before acting, whichever door
 * (API, web, CLI) the request came through. An {@link Actor} carries the role its user held when the request began
 * (resolved by {@link Roles#actor}); {@link Actor#SYSTEM} is the command line run by whoever holds the server's data
 * directory, which can do everything.
 */
public final class StaffAccess {

    /** Who acts: a local account with its user and role, or the system (the CLI without an owner account). */
    public record Actor(Long accountId, User user, StaffRole role) {
        public static final Actor SYSTEM = new Actor(null, null, StaffRole.SYSTEM);

        public boolean system() { return user == null; }
    }

    private StaffAccess() {}

    public static boolean can(Actor actor, Permission p) { return actor.system() || (!actor.user().disabled() && actor.role().can(p)); }

    /** Throws Mastodon's 403 text when the actor lacks {@code p}. */
    public static void require(Actor actor, Permission p) {
        if (!can(actor, p)) throw refused();
    }

    /**
     * Mastodon's rule for acting on another staff member: only a role placed strictly higher may (an admin may not
     * suspend the owner, a moderator not an admin); the system outranks everyone. {@code targetRole} is the role the
     * target holds (null or everyone's: anyone may act).
     */
    public static void requireOutranks(Actor actor, StaffRole targetRole) {
        if (actor.system() || targetRole == null || targetRole.everyone()) return;
        if (!actor.role().outranks(targetRole)) throw refused();
    }

    public static ForbiddenException refused() { return new ForbiddenException("This action is not allowed"); }
}

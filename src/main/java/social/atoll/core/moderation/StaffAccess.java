package social.atoll.core.moderation;

import social.atoll.core.account.User;
import social.atoll.core.common.ForbiddenException;

/**
 * The one answer to "may this staff member do X": every moderation service asks it before acting, whichever door
 * (API, web, CLI) the request came through. {@link Actor#SYSTEM} is the command line run by whoever holds the
 * server's data directory, which can do everything.
 */
public final class StaffAccess {

    /** Who acts: a local account with its user, or the system (the CLI without an owner account). */
    public record Actor(Long accountId, User user) {
        public static final Actor SYSTEM = new Actor(null, null);

        public boolean system() { return user == null; }

        public StaffRole role() { return user == null ? StaffRole.of(User.Role.OWNER) : StaffRole.of(user.roleEnum()); }
    }

    private StaffAccess() {}

    public static boolean can(Actor actor, Permission p) { return actor.system() || (!actor.user().disabled() && actor.role().can(p)); }

    /** Throws Mastodon's 403 text when the actor lacks {@code p}. */
    public static void require(Actor actor, Permission p) {
        if (!can(actor, p)) throw new ForbiddenException("This action is not allowed");
    }

    /**
     * Mastodon's rule for acting on another staff member: only a role placed strictly higher may (an admin may not
     * suspend the owner, a moderator not an admin); the system outranks everyone.
     */
    public static void requireOutranks(Actor actor, User target) {
        if (actor.system() || target == null) return;
        if (StaffRole.of(target.roleEnum()).position() >= actor.role().position() && target.roleEnum() != User.Role.USER)
            throw new ForbiddenException("This action is not allowed");
    }
}

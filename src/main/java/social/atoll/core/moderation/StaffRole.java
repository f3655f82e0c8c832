package social.atoll.core.moderation;

import java.util.Locale;

/**
 * A role as Mastodon's {@code UserRole}: a row of {@code user_roles}. {@code permissions} are the bits stored on the
 * role; {@code computed} adds the everyone role's bits and expands {@code administrator} to every bit, which is what
 * Mastodon checks and what its Role entity serves. Moderator (1), Admin (2) and Owner (3) are seeded with Mastodon's
 * ids and positions; the everyone role (id -99, position -1) is what a user without a role holds.
 */
public record StaffRole(long id, String name, String color, int position, long permissions, boolean highlighted, long computed) {

    public static final long EVERYONE_ID = -99;
    public static final long MODERATOR_ID = 1;
    public static final long ADMIN_ID = 2;
    public static final long OWNER_ID = 3;

    /** The command line run by whoever holds the server's data: above every role, every bit. */
    public static final StaffRole SYSTEM = new StaffRole(0, "System", "", Integer.MAX_VALUE, Permission.ALL, false, Permission.ALL);

    /** This role as held by a user, given the everyone role's bits (Mastodon's {@code computed_permissions}). */
    public StaffRole withEveryone(long everyoneBits) {
        long c = everyone() ? permissions : permissions | everyoneBits;
        if ((c & Permission.ADMINISTRATOR.bit) != 0) c = Permission.ALL;
        return new StaffRole(id, name, color, position, permissions, highlighted, c);
    }

    public boolean everyone() { return id == EVERYONE_ID; }

    /** One of the seeded roles the server relies on (sign-up, the CLI's --role moderator|admin|owner). */
    public boolean builtIn() { return id <= OWNER_ID; }

    public boolean can(Permission p) { return (computed & p.bit) == p.bit; }

    /** Mastodon's {@code overrides?}: placed strictly higher. */
    public boolean outranks(StaffRole other) { return other == null || position > other.position; }

    /** Staff: holds a role other than everyone's that grants any bit the everyone role lacks. */
    public boolean staff() { return !everyone() && (computed & ~Permission.INVITE_USERS.bit) != 0; }

    /** The lower-case name used by the CLI and the accounts list for built-in roles ("user" for everyone's). */
    public String key() { return everyone() ? "user" : name.toLowerCase(Locale.ROOT); }
}

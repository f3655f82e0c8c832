package social.atoll.core.moderation;

import static social.atoll.core.moderation.Permission.*;

import social.atoll.core.account.User;

/**
 * The roles a user holds, as Mastodon seeds them ({@code config/roles.yml}): the everyone role (id -99, only
 * {@code invite_users}), Moderator (id 1), Admin (id 2) and Owner (id 3, {@code administrator}, hence every bit).
 * {@link #permissions} is the computed mask (everyone's bits included, {@code administrator} expanded), which is
 * what Mastodon's Role entity serves.
 */
public record StaffRole(String id, String name, int position, long permissions, boolean highlighted) {

    private static final long EVERYONE = INVITE_USERS.bit;
    private static final long MODERATOR = Permission.of(INVITE_USERS, VIEW_DASHBOARD, VIEW_AUDIT_LOG, VIEW_FEEDS, MANAGE_USERS,
            MANAGE_REPORTS, MANAGE_TAXONOMIES);
    private static final long ADMIN = MODERATOR | Permission.of(MANAGE_USER_ACCESS, DELETE_USER_DATA, MANAGE_FEDERATION,
            MANAGE_SETTINGS, MANAGE_BLOCKS, MANAGE_APPEALS, MANAGE_RULES, MANAGE_INVITES, MANAGE_ANNOUNCEMENTS,
            MANAGE_CUSTOM_EMOJIS, MANAGE_WEBHOOKS, MANAGE_ROLES);

    public static StaffRole of(User.Role role) {
        return switch (role) {
            case USER -> new StaffRole("-99", "", -1, EVERYONE, false);
            case MODERATOR -> new StaffRole("1", "Moderator", 10, EVERYONE | MODERATOR, true);
            case ADMIN -> new StaffRole("2", "Admin", 100, EVERYONE | ADMIN, true);
            case OWNER -> new StaffRole("3", "Owner", 1000, Permission.ALL, true);
        };
    }

    /** The role with Mastodon's id ({@code "1"}, {@code "2"}, {@code "3"}, {@code "-99"}); null when unknown. */
    public static User.Role byId(String id) {
        for (User.Role r : User.Role.values()) if (of(r).id.equals(id)) return r;
        return null;
    }

    public boolean can(Permission p) { return (permissions & p.bit) == p.bit; }

    /** Staff: holds any bit beyond what everyone has. */
    public boolean staff() { return (permissions & ~EVERYONE) != 0; }
}

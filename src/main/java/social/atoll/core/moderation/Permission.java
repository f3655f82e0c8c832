package social.atoll.core.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mastodon's staff permission bits ({@code UserRole::FLAGS}), with the same values, so the {@code permissions}
 * string of a Role entity means the same to a client here as on Mastodon.
 */
public enum Permission {
    ADMINISTRATOR(0), VIEW_DEVOPS(1), VIEW_AUDIT_LOG(2), VIEW_DASHBOARD(3), MANAGE_REPORTS(4), MANAGE_FEDERATION(5),
    MANAGE_SETTINGS(6), MANAGE_BLOCKS(7), MANAGE_TAXONOMIES(8), MANAGE_APPEALS(9), MANAGE_USERS(10), MANAGE_INVITES(11),
    MANAGE_RULES(12), MANAGE_ANNOUNCEMENTS(13), MANAGE_CUSTOM_EMOJIS(14), MANAGE_WEBHOOKS(15), INVITE_USERS(16),
    MANAGE_ROLES(17), MANAGE_USER_ACCESS(18), DELETE_USER_DATA(19), VIEW_FEEDS(20);

    public final long bit;

    Permission(int shift) { this.bit = 1L << shift; }

    /** Every bit: what {@code administrator} expands to. */
    public static final long ALL;

    static {
        long all = 0;
        for (Permission p : values()) all |= p.bit;
        ALL = all;
    }

    public static long of(Permission... ps) {
        long m = 0;
        for (Permission p : ps) m |= p.bit;
        return m;
    }

    /** The snake_case name Mastodon uses ({@code manage_users}). */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static List<Permission> in(long mask) {
        List<Permission> out = new ArrayList<>();
        for (Permission p : values()) if ((mask & p.bit) == p.bit) out.add(p);
        return out;
    }
}

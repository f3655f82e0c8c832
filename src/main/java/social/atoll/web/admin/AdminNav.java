package social.atoll.web.admin;

import java.util.List;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.StaffAccess;

/**
 * The admin area's own navigation, in the order it shows. An entry shows only to staff whose role holds its
 * permission (the pages themselves are guarded by the core services, whatever the navigation shows); its text is
 * {@code admin.nav.<key>} in the admin bundle.
 */
public final class AdminNav {
    private AdminNav() {}

    /** One page of the admin area. */
    public record Entry(String key, String href, Permission permission) {}

    public static final List<Entry> ENTRIES = List.of(
            new Entry("reports", "/admin/reports", Permission.MANAGE_REPORTS),
            new Entry("accounts", "/admin/accounts", Permission.MANAGE_USERS),
            new Entry("appeals", "/admin/appeals", Permission.MANAGE_APPEALS),
            new Entry("domains", "/admin/domains", Permission.MANAGE_FEDERATION),
            new Entry("settings", "/admin/settings", Permission.MANAGE_SETTINGS),
            new Entry("rules", "/admin/rules", Permission.MANAGE_RULES),
            new Entry("presets", "/admin/warning_presets", Permission.MANAGE_SETTINGS),
            new Entry("emoji", "/admin/custom_emojis", Permission.MANAGE_CUSTOM_EMOJIS),
            new Entry("trends", "/admin/trends", Permission.MANAGE_TAXONOMIES),
            new Entry("invites", "/admin/invites", Permission.MANAGE_INVITES),
            new Entry("held", "/admin/held_posts", Permission.MANAGE_REPORTS),
            new Entry("roles", "/admin/roles", Permission.MANAGE_ROLES),
            new Entry("audit", "/admin/audit", Permission.VIEW_AUDIT_LOG),
            new Entry("dashboard", "/admin/dashboard", Permission.VIEW_DASHBOARD));

    /** The entries {@code actor} may open. */
    public static List<Entry> visible(StaffAccess.Actor actor) {
        return ENTRIES.stream().filter(e -> StaffAccess.can(actor, e.permission())).toList();
    }
}

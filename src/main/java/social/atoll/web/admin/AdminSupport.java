package social.atoll.web.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;

/**
 * What every admin page does alike: the signed-in check, the staff check (a plain user gets a 403 page), CSRF
 * refusal, the redirect after a change and its notice. Whether a staff member may do a given thing is not decided
 * here: each page calls a core moderation service, which asks {@link StaffAccess} (its refusal is a 403 page).
 */
final class AdminSupport {

    /** A signed-in staff member: the browser session and the actor the core services check. */
    record Staff(BrowserSessions.SignedIn me, StaffAccess.Actor actor) {
        long accountId() { return me.account().id(); }
    }

    private final BrowserSessions sessions;
    private final Pages pages;

    AdminSupport(BrowserSessions sessions, Pages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    /** The staff member viewing an admin page; visitors are sent to sign in, everyone else without the dashboard bit gets 403. */
    Optional<Staff> viewer(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return Optional.empty();
        return staff(ctx, me.get());
    }

    /** The staff member sending an admin form with this browser's CSRF token; otherwise empty, already answered. */
    Optional<Staff> poster(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            ctx.redirect("/auth/sign_in", HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        if (!sessions.csrfValid(ctx)) {
            var t = pages.messages();
            pages.message(ctx, 403, t.get("settings.refused.title"), t.get("settings.refused.text"), null);
            return Optional.empty();
        }
        return staff(ctx, me.get());
    }

    private Optional<Staff> staff(Context ctx, BrowserSessions.SignedIn me) {
        var actor = pages.roles().actor(me.account().id(), me.user());
        // Any staff bit opens the admin area (as Mastodon's); each page's service then asks for its own bit.
        if (actor.user().disabled() || !actor.role().staff()) {
            var t = pages.messages();
            pages.message(ctx, 403, t.get("admin.forbidden.title"), t.get("admin.forbidden.text"), null);
            return Optional.empty();
        }
        return Optional.of(new Staff(me, actor));
    }

    /** The layout's model for an admin page titled with {@code admin.<key>.title}. */
    WebPage page(Context ctx, String key) { return pages.page(ctx, pages.messages().get("admin." + key + ".title"), "admin"); }

    /** A numeric path parameter; anything else is a missing record (404). */
    static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new NotFoundException(name);
        }
    }

    /** A numeric query parameter, or null when absent or not a number. */
    static Long queryId(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String form(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    /** A numeric form field, or null when absent, empty or not a number (a select's "none"). */
    static Long formId(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean checked(Context ctx, String name) { return ctx.formParam(name) != null; }

    /** Back to an admin page after a change, with a notice that page shows (303: the browser GETs it). */
    static void done(Context ctx, String path, String notice) {
        ctx.redirect(path + (notice == null ? "" : (path.contains("?") ? "&" : "?") + "notice=" + notice), HttpStatus.SEE_OTHER);
    }

    /** The notice named in the query, if it is one the admin pages know (anything else shows nothing). */
    static String notice(Context ctx) {
        String n = ctx.queryParam("notice");
        return n != null && (NOTICES.contains(n) || n.equals("deleted")) ? "admin.notice." + n : null;
    }

    private static final Set<String> NOTICES = Set.of("actioned", "assigned", "unassigned", "resolved", "reopened", "approved", "rejected",
            "enabled", "unsilenced", "unsuspended", "unsensitized", "blocked", "unblocked", "allowed", "disallowed", "saved", "rule_added", "rule_removed",
            // issue 12: appeals, warning presets, report notes
            "appeal_approved", "appeal_rejected", "preset_added", "preset_saved", "preset_removed", "note_added", "note_removed",
            // issue 12: roles
            "role_created", "role_saved", "role_deleted", "role_in_use", "role_assigned",
            // issue 13: an address confirmed by staff
            "confirmed");

    static List<AdminNav.Entry> nav(Staff s) { return AdminNav.visible(s.actor()); }
}

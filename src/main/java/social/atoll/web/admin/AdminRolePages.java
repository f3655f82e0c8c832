package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.Roles;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.moderation.StaffRole;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /admin/roles} (Mastodon's roles, {@code manage_roles}): the list, a form to create or edit a role with its
 * permission checkboxes grouped as Mastodon groups them, delete for a custom role nobody holds, and the form on an
 * account page that gives its person a role. Every rule (positions, bits one may grant) is {@link Roles}'.
 */
public final class AdminRolePages implements Controller {

    /** A role in the list; {@code editable}: placed below the viewer's own. */
    public record Item(long id, String name, String color, int position, int users, List<String> permissions, boolean highlighted,
                       boolean everyone, boolean builtIn, boolean editable) {}

    public record ListView(List<AdminNav.Entry> nav, List<Item> roles, String notice) {}

    /** One permission checkbox: {@code allowed} false when the viewer lacks the bit (they cannot grant it). */
    public record Box(String key, boolean checked, boolean allowed) {}

    /** Mastodon's categories of bits (invites, moderation, administration, devops, special). */
    public record Group(String key, List<Box> boxes) {}

    public record FormView(List<AdminNav.Entry> nav, Long id, boolean everyone, String name, String color, String position,
                           boolean highlighted, List<Group> groups, String error) {}

    /** The account page's role form: the roles the viewer may give, and the one the person holds. */
    public record Choice(List<Option> options, long current) {}

    public record Option(long id, String label) {}

    /** Mastodon's {@code UserRole::Flags::CATEGORIES}, in its order. */
    static final Map<String, List<Permission>> CATEGORIES = new java.util.LinkedHashMap<>();

    static {
        CATEGORIES.put("invites", List.of(Permission.INVITE_USERS));
        CATEGORIES.put("moderation", List.of(Permission.VIEW_DASHBOARD, Permission.VIEW_AUDIT_LOG, Permission.MANAGE_USERS,
                Permission.MANAGE_USER_ACCESS, Permission.DELETE_USER_DATA, Permission.MANAGE_REPORTS, Permission.MANAGE_APPEALS,
                Permission.MANAGE_FEDERATION, Permission.MANAGE_BLOCKS, Permission.MANAGE_TAXONOMIES, Permission.MANAGE_INVITES,
                Permission.VIEW_FEEDS));
        CATEGORIES.put("administration", List.of(Permission.MANAGE_SETTINGS, Permission.MANAGE_RULES, Permission.MANAGE_ROLES,
                Permission.MANAGE_WEBHOOKS, Permission.MANAGE_CUSTOM_EMOJIS, Permission.MANAGE_ANNOUNCEMENTS));
        CATEGORIES.put("devops", List.of(Permission.VIEW_DEVOPS));
        CATEGORIES.put("special", List.of(Permission.ADMINISTRATOR));
    }

    private final AdminSupport support;
    private final Pages pages;
    private final Roles roles;

    public AdminRolePages(BrowserSessions sessions, Pages pages, Roles roles) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.roles = roles;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/admin/roles", this::list);
        r.get("/admin/roles/new", this::fresh);
        r.post("/admin/roles", this::create);
        r.get("/admin/roles/{id}/edit", this::edit);
        r.post("/admin/roles/{id}", this::update);
        r.post("/admin/roles/{id}/delete", this::delete);
        r.post("/admin/accounts/{id}/role", this::assign);
    }

    /** The account page's form, or null when the viewer may give no role to this person (remote, oneself, outranked). */
    static Choice choice(Roles roles, social.atoll.web.Messages t, StaffAccess.Actor actor, long accountId,
                         social.atoll.core.account.User user) {
        if (user == null || (actor.accountId() != null && actor.accountId() == accountId)) return null;
        if (!StaffAccess.can(actor, Permission.MANAGE_ROLES)) return null;
        StaffRole current = roles.of(user);
        if (!actor.system() && !current.everyone() && !actor.role().outranks(current)) return null;
        List<Option> options = new ArrayList<>();
        for (StaffRole r : roles.assignable(actor)) options.add(new Option(r.id(), r.everyone() ? t.get("roles.none") : r.name()));
        return new Choice(options, current.id());
    }

    private void list(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        var actor = s.get().actor();
        List<Item> items = new ArrayList<>();
        for (Roles.Listed l : roles.list(actor)) {
            StaffRole r = l.role();
            items.add(new Item(r.id(), r.everyone() ? pages.messages().get("roles.everyone") : r.name(), r.color(), r.position(), l.users(),
                    Permission.in(r.permissions()).stream().map(Permission::key).toList(), r.highlighted(), r.everyone(), r.builtIn(),
                    Roles.editable(actor, r)));
        }
        pages.render(ctx, 200, "admin/roles.jte", support.page(ctx, "roles"), new ListView(AdminSupport.nav(s.get()), items,
                AdminSupport.notice(ctx)));
    }

    private void fresh(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        roles.list(s.get().actor()); // manage_roles, or the 403 page
        form(ctx, 200, s.get(), null, false, "", "", "0", false, 0, null);
    }

    private void edit(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        StaffRole r = roles.get(s.get().actor(), AdminSupport.id(ctx, "id"));
        if (!Roles.editable(s.get().actor(), r)) throw StaffAccess.refused();
        form(ctx, 200, s.get(), r.id(), r.everyone(), r.name(), r.color(), Integer.toString(r.position()), r.highlighted(), r.permissions(), null);
    }

    private void create(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        Posted p = posted(ctx);
        try {
            roles.create(s.get().actor(), p.form());
        } catch (ValidationException e) {
            form(ctx, 422, s.get(), null, false, p.name(), p.color(), p.position(), p.highlighted(), p.bits(), e.getMessage());
            return;
        }
        AdminSupport.done(ctx, "/admin/roles", "role_created");
    }

    private void update(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        StaffRole before = roles.get(s.get().actor(), id);
        Posted p = posted(ctx);
        try {
            roles.update(s.get().actor(), id, p.form());
        } catch (ValidationException e) {
            form(ctx, 422, s.get(), id, before.everyone(), p.name(), p.color(), p.position(), p.highlighted(), p.bits(), e.getMessage());
            return;
        }
        AdminSupport.done(ctx, "/admin/roles", "role_saved");
    }

    private void delete(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        try {
            roles.delete(s.get().actor(), AdminSupport.id(ctx, "id"));
        } catch (ValidationException e) {
            AdminSupport.done(ctx, "/admin/roles", "role_in_use");
            return;
        }
        AdminSupport.done(ctx, "/admin/roles", "role_deleted");
    }

    private void assign(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long accountId = AdminSupport.id(ctx, "id");
        Long roleId = AdminSupport.formId(ctx, "role_id");
        roles.assign(s.get().actor(), accountId, roleId);
        AdminSupport.done(ctx, "/admin/accounts/" + accountId, "role_assigned");
    }

    private record Posted(String name, String color, String position, boolean highlighted, long bits) {
        Roles.RoleForm form() {
            int pos;
            try {
                pos = Integer.parseInt(position.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("Position must be a whole number");
            }
            return new Roles.RoleForm(name, color, pos, bits, highlighted);
        }
    }

    private static Posted posted(Context ctx) {
        long bits = 0;
        for (String key : ctx.formParams("permissions")) {
            for (Permission p : Permission.values()) if (p.key().equals(key)) bits |= p.bit;
        }
        String position = AdminSupport.form(ctx, "position");
        return new Posted(AdminSupport.form(ctx, "name"), AdminSupport.form(ctx, "color"), position.isBlank() ? "0" : position,
                AdminSupport.checked(ctx, "highlighted"), bits);
    }

    private void form(Context ctx, int status, AdminSupport.Staff s, Long id, boolean everyone, String name, String color, String position,
                      boolean highlighted, long bits, String error) {
        var actor = s.actor();
        List<Group> groups = new ArrayList<>();
        CATEGORIES.forEach((key, perms) -> {
            List<Box> boxes = new ArrayList<>();
            for (Permission p : perms) {
                // the everyone role may hold only what every user can safely have (Mastodon's "dangerous" rule)
                boolean allowed = StaffAccess.can(actor, p) && (!everyone || p == Permission.INVITE_USERS);
                boxes.add(new Box(p.key(), (bits & p.bit) == p.bit, allowed));
            }
            if (!everyone || key.equals("invites")) groups.add(new Group(key, boxes));
        });
        pages.render(ctx, status, "admin/role_form.jte", support.page(ctx, id == null ? "role_new" : "role_edit"),
                new FormView(AdminSupport.nav(s), id, everyone, name, color, position, highlighted, groups, error));
    }
}

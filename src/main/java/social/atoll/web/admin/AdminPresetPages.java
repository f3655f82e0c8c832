package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.WarningPreset;
import social.atoll.core.moderation.WarningPresets;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /admin/warning_presets} (Mastodon's warning presets, {@code manage_settings}): the list with an add form,
 * an edit page per preset, and delete. The action forms of the account and report pages offer them.
 */
public final class AdminPresetPages implements Controller {

    public record ListView(List<AdminNav.Entry> nav, List<WarningPreset> presets, String title, String text, String error, String notice) {}

    public record EditView(List<AdminNav.Entry> nav, long id, String title, String text, String error) {}

    private final AdminSupport support;
    private final Pages pages;
    private final WarningPresets presets;

    public AdminPresetPages(BrowserSessions sessions, Pages pages, WarningPresets presets) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.presets = presets;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/admin/warning_presets", this::list);
        r.post("/admin/warning_presets", this::create);
        r.get("/admin/warning_presets/{id}/edit", this::edit);
        r.post("/admin/warning_presets/{id}", this::update);
        r.post("/admin/warning_presets/{id}/delete", this::delete);
    }

    private void list(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        renderList(ctx, 200, s.get(), "", "", null);
    }

    private void renderList(Context ctx, int status, AdminSupport.Staff s, String title, String text, String error) {
        // this page is where presets are kept: manage_settings, where the action forms only need to read them
        pages.render(ctx, status, "admin/presets.jte", support.page(ctx, "presets"), new ListView(AdminSupport.nav(s), presets.manageable(s.actor()),
                title, text, error, status == 200 ? AdminSupport.notice(ctx) : null));
    }

    private void create(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        String title = AdminSupport.form(ctx, "title");
        String text = AdminSupport.form(ctx, "text");
        try {
            presets.create(s.get().actor(), title, text);
        } catch (ValidationException e) {
            renderList(ctx, 422, s.get(), title, text, e.getMessage());
            return;
        }
        AdminSupport.done(ctx, "/admin/warning_presets", "preset_added");
    }

    private void edit(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        WarningPreset p = presets.get(s.get().actor(), AdminSupport.id(ctx, "id"));
        pages.render(ctx, 200, "admin/preset_edit.jte", support.page(ctx, "preset_edit"),
                new EditView(AdminSupport.nav(s.get()), p.id(), p.title(), p.text(), null));
    }

    private void update(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        String title = AdminSupport.form(ctx, "title");
        String text = AdminSupport.form(ctx, "text");
        try {
            presets.update(s.get().actor(), id, title, text);
        } catch (ValidationException e) {
            pages.render(ctx, 422, "admin/preset_edit.jte", support.page(ctx, "preset_edit"),
                    new EditView(AdminSupport.nav(s.get()), id, title, text, e.getMessage()));
            return;
        }
        AdminSupport.done(ctx, "/admin/warning_presets", "preset_saved");
    }

    private void delete(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        presets.delete(s.get().actor(), AdminSupport.id(ctx, "id"));
        AdminSupport.done(ctx, "/admin/warning_presets", "preset_removed");
    }
}

package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.Rule;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.moderation.ServerSettings;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /admin/settings} (the server's title, descriptions, contact e-mail, approval message) and
 * {@code /admin/rules} (add, remove), through {@link ServerSettings}, which checks the permission and audits.
 */
public final class AdminSettingsPages implements Controller {

    /** One text field: its setting name (also the form field's), the value shown, and its length limit. */
    public record Field(String name, String value, int max, boolean multiline) {
        /** The choices of a setting picked from a list (the registration mode); empty for text. */
        public List<String> choices() {
            if (social.atoll.core.moderation.ServerSettings.BOOLEANS.contains(name)) return List.of("", "true", "false");
            return name.equals(SiteSettings.REGISTRATIONS_MODE) ? List.of("", "open", "approval", "invite", "closed") : List.of();
        }

        /** The input type of a one-line field. */
        public String type() {
            return switch (name) {
                case SiteSettings.CONTACT_EMAIL -> "email";
                case SiteSettings.TERMS_OF_SERVICE_EFFECTIVE_DATE -> "date";
                default -> "text";
            };
        }
    }

    public record SettingsView(List<AdminNav.Entry> nav, List<Field> fields, String error, String notice) {}

    public record RulesView(List<AdminNav.Entry> nav, List<Rule> rules, String text, String hint, String error, String notice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final ServerSettings server;

    public AdminSettingsPages(BrowserSessions sessions, Pages pages, ServerSettings server) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.server = server;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/admin/settings", this::settings);
        r.post("/admin/settings", this::saveSettings);
        r.get("/admin/rules", this::rules);
        r.post("/admin/rules", this::addRule);
        r.post("/admin/rules/{id}/delete", this::removeRule);
    }

    private void settings(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        renderSettings(ctx, 200, s.get(), server.texts(s.get().actor()), null);
    }

    private void renderSettings(Context ctx, int status, AdminSupport.Staff s, Map<String, String> values, String error) {
        List<Field> fields = ServerSettings.TEXTS.entrySet().stream()
                .map(e -> new Field(e.getKey(), values.getOrDefault(e.getKey(), ""), e.getValue(), e.getValue() > 320)).toList();
        pages.render(ctx, status, "admin/settings.jte", support.page(ctx, "settings"),
                new SettingsView(AdminSupport.nav(s), fields, error, status == 200 ? AdminSupport.notice(ctx) : null));
    }

    private void saveSettings(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : ServerSettings.TEXTS.keySet()) values.put(name, AdminSupport.form(ctx, name));
        try {
            server.updateTexts(s.get().actor(), values);
        } catch (ValidationException e) {
            renderSettings(ctx, 422, s.get(), values, e.getMessage());
            return;
        }
        AdminSupport.done(ctx, "/admin/settings", "saved");
    }

    private void rules(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        renderRules(ctx, 200, s.get(), "", "", null);
    }

    private void renderRules(Context ctx, int status, AdminSupport.Staff s, String text, String hint, String error) {
        pages.render(ctx, status, "admin/rules.jte", support.page(ctx, "rules"), new RulesView(AdminSupport.nav(s), server.rules(s.actor()),
                text, hint, error, status == 200 ? AdminSupport.notice(ctx) : null));
    }

    private void addRule(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        String text = AdminSupport.form(ctx, "text");
        String hint = AdminSupport.form(ctx, "hint");
        try {
            server.addRule(s.get().actor(), text, hint);
        } catch (ValidationException e) {
            renderRules(ctx, 422, s.get(), text, hint, e.getMessage());
            return;
        }
        AdminSupport.done(ctx, "/admin/rules", "rule_added");
    }

    private void removeRule(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        server.removeRule(s.get().actor(), AdminSupport.id(ctx, "id"));
        AdminSupport.done(ctx, "/admin/rules", "rule_removed");
    }
}

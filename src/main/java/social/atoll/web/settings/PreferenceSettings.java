package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import social.atoll.core.common.ValidationException;
import social.atoll.core.preferences.Preferences;
import social.atoll.core.preferences.PreferencesService;
import social.atoll.core.preferences.PreferencesUpdate;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/preferences}: posting defaults (the composer preselects them; clients read them from
 * {@code /api/v1/preferences}) and reading preferences (content warnings open, GIFs playing, the theme).
 */
public final class PreferenceSettings implements Controller {

    static final String PATH = "/settings/preferences";

    /** A language the posting default may name, with its name in the page's language. */
    public record Language(String code, String name) {}

    /** The page's model: the form as stored or as typed, the choices, an error or a notice. */
    public record View(PreferencesUpdate form, List<String> visibilities, List<Language> languages, List<String> themes,
                       String error, String notice) {}

    private static final List<String> VISIBILITIES = List.of("public", "unlisted", "private");
    private static final List<String> THEMES = List.of("auto", "light", "dark");
    /** ISO 639-1 languages, by their English name (the names do not change at run time). */
    private static final List<Language> LANGUAGES = Arrays.stream(Locale.getISOLanguages())
            .map(c -> new Language(c, Locale.of(c).getDisplayLanguage(Locale.ENGLISH)))
            .filter(l -> !l.name().isBlank() && !l.name().equals(l.code()))
            .sorted(Comparator.comparing(Language::name))
            .toList();

    private final SettingsSupport support;
    private final Pages pages;
    private final PreferencesService preferences;

    public PreferenceSettings(BrowserSessions sessions, Pages pages, PreferencesService preferences) {
        this.support = new SettingsSupport(sessions, pages);
        this.pages = pages;
        this.preferences = preferences;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::save);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        Preferences p = preferences.of(me.get().user());
        var form = new PreferencesUpdate(p.defaultVisibility(), p.defaultSensitive(), p.defaultLanguage() == null ? "" : p.defaultLanguage(),
                p.expandSpoilers(), p.autoplayGifs(), p.theme());
        render(ctx, 200, form, null, SettingsSupport.notice(ctx, Set.of("preferences_saved")));
    }

    private void save(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        var form = new PreferencesUpdate(ctx.formParam("visibility"), ctx.formParam("sensitive") != null,
                ctx.formParam("language") == null ? "" : ctx.formParam("language"), ctx.formParam("expand_spoilers") != null,
                ctx.formParam("autoplay_gifs") != null, ctx.formParam("theme"));
        try {
            preferences.update(me.get().account().id(), form);
        } catch (ValidationException e) {
            render(ctx, 422, form, e.getMessage(), null);
            return;
        }
        SettingsSupport.done(ctx, PATH, "preferences_saved");
    }

    private void render(Context ctx, int status, PreferencesUpdate form, String error, String notice) {
        var page = pages.page(ctx, pages.messages().get("settings.preferences.title"), "settings");
        pages.render(ctx, status, "settings/preferences.jte", page, new View(form, VISIBILITIES, LANGUAGES, THEMES, error, notice));
    }
}

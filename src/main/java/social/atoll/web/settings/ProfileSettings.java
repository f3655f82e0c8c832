package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.account.Account;
import social.atoll.core.account.ProfileLimits;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.ProfileUpdate;
import social.atoll.core.common.ValidationException;
import social.atoll.core.media.ProfileEditor;
import social.atoll.server.Controller;
import social.atoll.server.Uploads;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/profile}: display name, bio, avatar and header, profile fields, and the account's flags. The
 * form posts as multipart through {@link ProfileEditor}, the same way in as {@code update_credentials}; a refused
 * change shows the form again (422) with what was typed and why.
 */
public final class ProfileSettings implements Controller {

    static final String PATH = "/settings/profile";

    /** The profile form: what the page shows, as stored or as typed. */
    public record Form(String displayName, String note, List<ProfileUpdate.FieldInput> fields, boolean locked, boolean bot,
                       boolean discoverable, boolean indexable, boolean hideCollections) {}

    /** The page's model: the form, the current images, an error or a notice (bundle keys or core's message). */
    public record View(Form form, String avatar, String header, String acct, String error, String notice, int maxDisplayName,
                       int maxNote, int maxFieldName, int maxFieldValue) {}

    private final SettingsSupport support;
    private final Pages pages;
    private final ProfileService profiles;
    private final ProfileEditor editor;
    private final AccountViews accounts;

    public ProfileSettings(BrowserSessions sessions, Pages pages, ProfileService profiles, ProfileEditor editor, AccountViews accounts) {
        this.support = new SettingsSupport(sessions, pages);
        this.pages = pages;
        this.profiles = profiles;
        this.editor = editor;
        this.accounts = accounts;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::save);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        Account a = me.get().account();
        List<ProfileUpdate.FieldInput> fields = new ArrayList<>();
        for (var f : profiles.fields(a)) fields.add(new ProfileUpdate.FieldInput(f.name(), f.valueSource() == null ? "" : f.valueSource()));
        var form = new Form(a.displayName(), a.noteSource() == null ? "" : a.noteSource(), padded(fields), a.locked(), a.bot(),
                a.discoverable(), a.indexable(), a.hideCollections());
        render(ctx, 200, a, form, null, SettingsSupport.notice(ctx, Set.of("profile_saved")));
    }

    private void save(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        Form form = formOf(ctx);
        var update = new ProfileUpdate(form.displayName(), form.note(), form.locked(), form.bot(), form.discoverable(),
                form.indexable(), form.hideCollections(), form.fields(), null, null, null);
        try (var uploads = new Uploads()) {
            editor.edit(me.get().account().id(), update, uploads.get(ctx, "avatar"), uploads.get(ctx, "header"));
        } catch (ValidationException e) {
            render(ctx, 422, me.get().account(), form, e.getMessage(), null);
            return;
        }
        SettingsSupport.done(ctx, PATH, "profile_saved");
    }

    private void render(Context ctx, int status, Account a, Form form, String error, String notice) {
        var entity = accounts.render(a);
        var page = pages.page(ctx, pages.messages().get("settings.profile.title"), "settings");
        pages.render(ctx, status, "settings/profile.jte", page,
                new View(form, entity.avatar(), entity.header(), a.username(), error, notice, ProfileLimits.MAX_DISPLAY_NAME,
                        ProfileLimits.MAX_NOTE, ProfileLimits.MAX_FIELD_NAME, ProfileLimits.MAX_FIELD_VALUE));
    }

    private static Form formOf(Context ctx) {
        List<ProfileUpdate.FieldInput> fields = new ArrayList<>();
        for (int i = 0; i < ProfileLimits.MAX_FIELDS; i++)
            fields.add(new ProfileUpdate.FieldInput(text(ctx, "field_name_" + i), text(ctx, "field_value_" + i)));
        return new Form(text(ctx, "display_name"), text(ctx, "note"), fields, on(ctx, "locked"), on(ctx, "bot"),
                on(ctx, "discoverable"), on(ctx, "indexable"), on(ctx, "hide_collections"));
    }

    /** Always {@link ProfileLimits#MAX_FIELDS} rows, so there is room to add one. */
    private static List<ProfileUpdate.FieldInput> padded(List<ProfileUpdate.FieldInput> fields) {
        List<ProfileUpdate.FieldInput> out = new ArrayList<>(fields);
        while (out.size() < ProfileLimits.MAX_FIELDS) out.add(new ProfileUpdate.FieldInput("", ""));
        return out;
    }

    private static String text(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    private static boolean on(Context ctx, String name) { return ctx.formParam(name) != null; }
}

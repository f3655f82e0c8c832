package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.common.ValidationException;
import social.atoll.core.interaction.InteractionPolicies;
import social.atoll.core.interaction.InteractionPolicy;
import social.atoll.core.status.Visibility;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/interactions}: the account's default interaction policy per visibility (what a new post gets when
 * the composer's choices are left at "as in my settings"), with the composer's presets, saved through the service
 * {@code PATCH /api/v1/interaction_policies/defaults} uses. A rule set more finely through the API shows as "as now"
 * and stays as it is unless changed.
 */
public final class InteractionSettings implements Controller {

    static final String PATH = "/settings/interactions";

    /** One visibility's row: its API name and the preset chosen per interaction (blank: as now). */
    public record Row(String visibility, String reply, String boost, String like) {}

    /** The page's model: a row per visibility, widest audience first, the presets offered, an error or a notice. */
    public record View(List<Row> rows, List<String> replyPresets, List<String> boostPresets, List<String> likePresets,
                       String error, String notice) {}

    private final SettingsSupport support;
    private final Pages pages;
    private final InteractionPolicies policies;

    public InteractionSettings(BrowserSessions sessions, Pages pages, InteractionPolicies policies) {
        this.support = new SettingsSupport(sessions, pages);
        this.pages = pages;
        this.policies = policies;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::save);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        List<Row> rows = new ArrayList<>();
        Map<Visibility, InteractionPolicy> defaults = policies.defaults(me.get().account().id());
        for (Visibility v : InteractionPolicy.DEFAULT_VISIBILITIES) {
            InteractionPolicy p = defaults.get(v);
            rows.add(new Row(v.api(), InteractionPolicy.presetOf(v, p, InteractionPolicy.Type.REPLY),
                    InteractionPolicy.presetOf(v, p, InteractionPolicy.Type.REBLOG), InteractionPolicy.presetOf(v, p, InteractionPolicy.Type.FAVOURITE)));
        }
        render(ctx, 200, rows, null, SettingsSupport.notice(ctx, Set.of("interactions_saved")));
    }

    private void save(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        Map<Visibility, InteractionPolicies.Presets> chosen = new EnumMap<>(Visibility.class);
        List<Row> rows = new ArrayList<>();
        for (Visibility v : InteractionPolicy.DEFAULT_VISIBILITIES) {
            var p = new InteractionPolicies.Presets(field(ctx, v, "reply"), field(ctx, v, "boost"), field(ctx, v, "like"));
            chosen.put(v, p);
            rows.add(new Row(v.api(), p.reply(), p.boost(), p.like()));
        }
        try {
            policies.setDefaultPresets(me.get().account().id(), chosen);
        } catch (ValidationException e) {
            render(ctx, 422, rows, e.getMessage(), null);
            return;
        }
        SettingsSupport.done(ctx, PATH, "interactions_saved");
    }

    private static String field(Context ctx, Visibility v, String kind) {
        String s = ctx.formParam(v.api() + "_" + kind);
        return s == null ? "" : s;
    }

    private void render(Context ctx, int status, List<Row> rows, String error, String notice) {
        var page = pages.page(ctx, pages.messages().get("settings.interactions.title"), "settings");
        pages.render(ctx, status, "settings/interactions.jte", page, new View(rows, InteractionPolicy.REPLY_PRESETS,
                InteractionPolicy.REBLOG_PRESETS, InteractionPolicy.FAVOURITE_PRESETS, error, notice));
    }
}

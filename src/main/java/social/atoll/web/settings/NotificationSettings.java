package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import social.atoll.core.notification.NotificationMailChoices;
import social.atoll.core.notification.NotificationPolicy;
import social.atoll.core.notification.NotificationPolicy.Action;
import social.atoll.core.notification.NotificationRequests;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/notifications}: the notification policy (accept, filter or drop, per kind of unwanted sender; the
 * same setting as {@code /api/v2/notifications/policy}) and which notifications also come by mail.
 */
public final class NotificationSettings implements Controller {

    static final String PATH = "/settings/notifications";

    /** One policy category as the form shows it: its form name ({@code for_…}) and its current action. */
    public record Category(String name, String action) {}

    /** The page's model. */
    public record View(List<Category> categories, List<String> actions, NotificationMailChoices mail, String error, String notice) {}

    private static final List<String> ACTIONS = List.of("accept", "filter", "drop");

    private final SettingsSupport support;
    private final Pages pages;
    private final NotificationRequests requests;

    public NotificationSettings(BrowserSessions sessions, Pages pages, NotificationRequests requests) {
        this.support = new SettingsSupport(sessions, pages);
        this.pages = pages;
        this.requests = requests;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::save);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        long id = me.get().account().id();
        render(ctx, 200, categories(requests.policy(id)), requests.mailChoices(id), null,
                SettingsSupport.notice(ctx, Set.of("notifications_saved")));
    }

    private void save(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long id = me.get().account().id();
        Action[] a = new Action[5];
        List<String> names = List.of("for_not_following", "for_not_followers", "for_new_accounts", "for_private_mentions", "for_limited_accounts");
        NotificationPolicy current = requests.policy(id);
        for (int i = 0; i < a.length; i++) {
            String raw = ctx.formParam(names.get(i));
            a[i] = raw == null ? null : Action.parse(raw);
            if (raw != null && a[i] == null) {
                var mail = mailFrom(ctx);
                render(ctx, 422, categories(current), mail, pages.messages().get("notification_settings.invalid"), null);
                return;
            }
        }
        requests.update(id, new NotificationPolicy.Update(a[0], a[1], a[2], a[3], a[4]));
        requests.saveMailChoices(id, mailFrom(ctx));
        SettingsSupport.done(ctx, PATH, "notifications_saved");
    }

    private static NotificationMailChoices mailFrom(Context ctx) {
        return new NotificationMailChoices(ctx.formParam("mail_mention") != null, ctx.formParam("mail_direct") != null,
                ctx.formParam("mail_follow") != null, ctx.formParam("mail_follow_request") != null);
    }

    private static List<Category> categories(NotificationPolicy p) {
        List<Category> out = new ArrayList<>();
        out.add(new Category("for_not_following", p.forNotFollowing().id()));
        out.add(new Category("for_not_followers", p.forNotFollowers().id()));
        out.add(new Category("for_new_accounts", p.forNewAccounts().id()));
        out.add(new Category("for_private_mentions", p.forPrivateMentions().id()));
        out.add(new Category("for_limited_accounts", p.forLimitedAccounts().id()));
        return out;
    }

    private void render(Context ctx, int status, List<Category> categories, NotificationMailChoices mail, String error, String notice) {
        var page = pages.page(ctx, pages.messages().get("settings.notifications.title"), "settings");
        pages.render(ctx, status, "settings/notifications.jte", page, new View(categories, ACTIONS, mail, error, notice));
    }
}

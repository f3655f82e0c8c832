package social.atoll.api.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.NotificationViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.notification.GroupedNotifications;
import social.atoll.core.notification.Notification;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon 4.3's grouped notifications: {@code GET /api/v2/notifications}, one group, its accounts, dismissing it, and
 * the unread count. Notifications the policy filtered are left out unless {@code include_filtered} is true or the
 * list is narrowed to one {@code account_id} (NotificationPolicyController).
 * {@code expand_accounts=partial_avatars} gets full accounts, which Mastodon's docs allow ("some accounts").
 */
public final class GroupedNotificationsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final GroupedNotifications grouped;
    private final NotificationViews views;
    private final AccountViews accounts;
    private final social.atoll.core.account.AccountQueries accountQueries;

    public GroupedNotificationsController(Auth auth, ObjectMapper json, Settings settings, GroupedNotifications grouped,
                                          NotificationViews views, AccountViews accounts, social.atoll.core.account.AccountQueries accountQueries) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.grouped = grouped;
        this.views = views;
        this.accounts = accounts;
        this.accountQueries = accountQueries;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v2/notifications", this::index);
        r.get("/api/v2/notifications/unread_count", this::unreadCount);
        r.get("/api/v2/notifications/{group_key}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            var g = grouped.group(v.accountId(), ctx.pathParam("group_key")).orElseThrow(ApiException::notFound);
            NotificationViews.GroupedResults out = views.renderGroups(List.of(g), v.accountId());
            if (out.notificationGroups().isEmpty()) throw ApiException.notFound();
            ctx.json(out);
        });
        r.get("/api/v2/notifications/{group_key}/accounts", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            List<Notification> members = grouped.members(v.accountId(), ctx.pathParam("group_key"));
            if (members.isEmpty()) throw ApiException.notFound();
            Set<Long> ids = new LinkedHashSet<>();
            for (Notification n : members) ids.add(n.fromAccountId());
            Map<Long, AccountEntity> rendered = accounts.renderByIds(ids);
            List<AccountEntity> out = new ArrayList<>();
            for (Long id : ids) if (rendered.containsKey(id)) out.add(rendered.get(id));
            ctx.json(out);
        });
        r.post("/api/v2/notifications/{group_key}/dismiss", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            if (!grouped.dismiss(v.accountId(), ctx.pathParam("group_key"))) throw ApiException.notFound();
            ctx.json(Map.of());
        });
    }

    private GroupedNotifications.Query query(Context ctx) {
        Params p = Params.from(ctx, json);
        Long from = null;
        if (p.has("account_id")) {
            try {
                from = Long.parseLong(p.require("account_id").trim());
            } catch (NumberFormatException e) {
                from = -1L; // no account has that id, so nothing is from it
            }
        }
        return new GroupedNotifications.Query(p.list("types"), p.list("exclude_types"), from, p.list("grouped_types"),
                p.bool("include_filtered", false));
    }

    private void index(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:notifications");
        GroupedNotifications.Query q = query(ctx);
        Page page = Page.from(ctx, 40);
        GroupedNotifications.GroupPage result = grouped.page(v.accountId(), q,
                new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        if (result.newestId() != null) Page.link(ctx, settings.baseUrl(), List.of(result.newestId(), result.oldestId()), id -> id);
        ctx.json(views.renderGroups(result.groups(), v.accountId()));
    }

    private void unreadCount(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:notifications");
        int cap = Page.limit(ctx.queryParam("limit"), 100, 1000);
        ctx.json(Map.of("count", grouped.unreadCount(v.accountId(), query(ctx), cap)));
    }
}

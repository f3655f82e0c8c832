package social.atoll.api.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.NotificationRequestEntity;
import social.atoll.api.entity.NotificationRequestViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.notification.NotificationPolicy;
import social.atoll.core.notification.NotificationPolicy.Action;
import social.atoll.core.notification.NotificationRequest;
import social.atoll.core.notification.NotificationRequests;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon 4.3's notification policy ({@code /api/v2/notifications/policy} with accept/filter/drop per category, and
 * the v1 shape with booleans) and notification requests ({@code /api/v1/notifications/requests}: list, one, accept,
 * dismiss, both for several at once, and {@code merged}).
 */
public final class NotificationPolicyController implements Controller {

    private static final List<String> CATEGORIES = List.of("not_following", "not_followers", "new_accounts", "private_mentions", "limited_accounts");

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final NotificationRequests requests;
    private final NotificationRequestViews views;

    public NotificationPolicyController(Auth auth, ObjectMapper json, Settings settings, NotificationRequests requests,
                                        NotificationRequestViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.requests = requests;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v2/notifications/policy", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            ctx.json(v2(requests.policy(v.accountId()), v.accountId()));
        });
        r.patch("/api/v2/notifications/policy", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            ctx.json(v2(requests.update(v.accountId(), v2Update(Params.from(ctx, json))), v.accountId()));
        });
        r.get("/api/v1/notifications/policy", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            ctx.json(v1(requests.policy(v.accountId()), v.accountId()));
        });
        r.put("/api/v1/notifications/policy", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            ctx.json(v1(requests.update(v.accountId(), v1Update(Params.from(ctx, json))), v.accountId()));
        });
        // the fixed paths before /{id}
        r.get("/api/v1/notifications/requests", this::index);
        r.get("/api/v1/notifications/requests/merged", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            ctx.json(Map.of("merged", requests.merged(v.accountId())));
        });
        r.post("/api/v1/notifications/requests/accept", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            requests.acceptAll(v.accountId(), ids(Params.from(ctx, json)));
            ctx.json(Map.of());
        });
        r.post("/api/v1/notifications/requests/dismiss", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            requests.dismissAll(v.accountId(), ids(Params.from(ctx, json)));
            ctx.json(Map.of());
        });
        r.get("/api/v1/notifications/requests/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            NotificationRequest req = requests.find(v.accountId(), id(ctx)).orElseThrow(ApiException::notFound);
            List<NotificationRequestEntity> out = views.renderAll(List.of(req), v.accountId());
            if (out.isEmpty()) throw ApiException.notFound();
            ctx.json(out.get(0));
        });
        r.post("/api/v1/notifications/requests/{id}/accept", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            if (!requests.accept(v.accountId(), id(ctx))) throw ApiException.notFound();
            ctx.json(Map.of());
        });
        r.post("/api/v1/notifications/requests/{id}/dismiss", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            if (!requests.dismiss(v.accountId(), id(ctx))) throw ApiException.notFound();
            ctx.json(Map.of());
        });
    }

    private void index(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:notifications");
        Page page = Page.from(ctx, 40);
        List<NotificationRequest> rows = requests.page(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), rows, NotificationRequest::id);
        ctx.json(views.renderAll(rows, v.accountId()));
    }

    /** Mastodon's NotificationPolicy entity (v2). */
    record PolicyV2(String forNotFollowing, String forNotFollowers, String forNewAccounts, String forPrivateMentions,
                    String forLimitedAccounts, SummaryEntity summary) {}

    /** Mastodon's V1::NotificationPolicy entity. */
    record PolicyV1(boolean filterNotFollowing, boolean filterNotFollowers, boolean filterNewAccounts, boolean filterPrivateMentions,
                    SummaryEntity summary) {}

    record SummaryEntity(int pendingRequestsCount, int pendingNotificationsCount) {}

    private PolicyV2 v2(NotificationPolicy p, long accountId) {
        return new PolicyV2(p.forNotFollowing().id(), p.forNotFollowers().id(), p.forNewAccounts().id(), p.forPrivateMentions().id(),
                p.forLimitedAccounts().id(), summary(accountId));
    }

    /** The v1 shape: a category is "filtered" unless it is accepted (dropping filters too, more strictly). */
    private PolicyV1 v1(NotificationPolicy p, long accountId) {
        return new PolicyV1(p.forNotFollowing() != Action.ACCEPT, p.forNotFollowers() != Action.ACCEPT, p.forNewAccounts() != Action.ACCEPT,
                p.forPrivateMentions() != Action.ACCEPT, summary(accountId));
    }

    private SummaryEntity summary(long accountId) {
        NotificationPolicy.Summary s = requests.summary(accountId);
        return new SummaryEntity(s.pendingRequestsCount(), s.pendingNotificationsCount());
    }

    private static NotificationPolicy.Update v2Update(Params p) {
        Action[] a = new Action[CATEGORIES.size()];
        for (int i = 0; i < a.length; i++) {
            String name = "for_" + CATEGORIES.get(i);
            Optional<String> raw = p.string(name);
            if (raw.isEmpty()) continue;
            a[i] = Action.parse(raw.get());
            if (a[i] == null) throw ApiException.invalid(name + " is not included in the list");
        }
        return new NotificationPolicy.Update(a[0], a[1], a[2], a[3], a[4]);
    }

    private static NotificationPolicy.Update v1Update(Params p) {
        Action[] a = new Action[4];
        for (int i = 0; i < a.length; i++) {
            Optional<Boolean> b = p.bool("filter_" + CATEGORIES.get(i));
            if (b.isPresent()) a[i] = b.get() ? Action.FILTER : Action.ACCEPT;
        }
        return new NotificationPolicy.Update(a[0], a[1], a[2], a[3], null);
    }

    private static List<Long> ids(Params p) {
        List<Long> out = new java.util.ArrayList<>();
        for (String s : p.list("id")) {
            try {
                out.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                // not an id of any request: nothing to do for it
            }
        }
        return out;
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}

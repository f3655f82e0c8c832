package social.atoll.api.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import social.atoll.api.Auth;
import social.atoll.api.Viewer;
import social.atoll.core.push.PushService;
import social.atoll.core.push.PushSubscription;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * {@code /api/v1/push/subscription}: the Web Push subscription of the calling access token (scope {@code push}).
 * POST replaces it, PUT changes only {@code data}, DELETE removes it.
 */
public final class PushSubscriptionController implements Controller {

    /** Mastodon's WebPushSubscription entity. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WebPushSubscriptionEntity(String id, String endpoint, boolean standard, Map<String, Boolean> alerts,
                                            String serverKey, String policy) {}

    private final Auth auth;
    private final ObjectMapper json;
    private final PushService push;

    public PushSubscriptionController(Auth auth, ObjectMapper json, PushService push) {
        this.auth = auth;
        this.json = json;
        this.push = push;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/push/subscription", this::create);
        r.get("/api/v1/push/subscription", this::show);
        r.put("/api/v1/push/subscription", this::update);
        r.delete("/api/v1/push/subscription", this::destroy);
    }

    private void create(Context ctx) {
        Viewer v = auth.requireUser(ctx, "push");
        Params p = Params.from(ctx, json);
        Params sub = p.group("subscription");
        Params keys = sub.group("keys");
        Params data = p.group("data");
        var request = new PushService.Request(sub.require("endpoint"), keys.string("p256dh").orElse(null),
                keys.string("auth").orElse(null), sub.bool("standard", false), alerts(data).orElse(Set.of()),
                data.string("policy").orElse(null));
        String raw = Auth.bearer(ctx).orElseThrow(ApiException::invalidToken);
        try {
            ctx.json(entity(push.subscribe(v.token().id(), v.accountId(), raw, request)));
        } catch (PushService.InvalidSubscription e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    private void show(Context ctx) {
        Viewer v = auth.requireUser(ctx, "push");
        ctx.json(entity(push.of(v.token().id()).orElseThrow(ApiException::notFound)));
    }

    private void update(Context ctx) {
        Viewer v = auth.requireUser(ctx, "push");
        Params data = Params.from(ctx, json).group("data");
        try {
            PushSubscription s = push.update(v.token().id(), alerts(data).orElse(null), data.string("policy").orElse(null))
                    .orElseThrow(ApiException::notFound);
            ctx.json(entity(s));
        } catch (PushService.InvalidSubscription e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    private void destroy(Context ctx) {
        Viewer v = auth.requireUser(ctx, "push");
        push.unsubscribe(v.token().id());
        ctx.json(Map.of());
    }

    /** The types switched on in {@code data[alerts]}; empty when the request names no alerts at all. */
    private static java.util.Optional<Set<String>> alerts(Params data) {
        if (!data.has("alerts")) return java.util.Optional.empty();
        Params a = data.group("alerts");
        Set<String> on = new LinkedHashSet<>();
        for (String t : PushSubscription.ALERT_TYPES) if (a.bool(t, false)) on.add(t);
        return java.util.Optional.of(on);
    }

    private WebPushSubscriptionEntity entity(PushSubscription s) {
        Map<String, Boolean> alerts = new LinkedHashMap<>();
        for (String t : PushSubscription.ALERT_TYPES) alerts.put(t, s.alerts().contains(t));
        return new WebPushSubscriptionEntity(Long.toString(s.id()), s.endpoint(), s.standard(), alerts, push.vapidPublicKey(), s.policy());
    }
}

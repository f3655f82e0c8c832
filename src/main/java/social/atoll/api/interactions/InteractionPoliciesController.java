package social.atoll.api.interactions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.Viewer;
import social.atoll.api.entity.InteractionPolicyEntity;
import social.atoll.core.interaction.InteractionPolicies;
import social.atoll.core.interaction.InteractionPolicy;
import social.atoll.core.status.Visibility;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * GoToSocial's {@code /api/v1/interaction_policies/defaults}: the policy new posts get per visibility
 * ({@code direct}, {@code private}, {@code unlisted}, {@code public}); PATCH replaces each one given and resets each
 * one left out to GoToSocial's default.
 */
public final class InteractionPoliciesController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final InteractionPolicies policies;

    public InteractionPoliciesController(Auth auth, ObjectMapper json, InteractionPolicies policies) {
        this.auth = auth;
        this.json = json;
        this.policies = policies;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/interaction_policies/defaults", this::show);
        r.patch("/api/v1/interaction_policies/defaults", this::update);
    }

    private void show(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:accounts");
        ctx.json(render(policies.defaults(v.accountId())));
    }

    private void update(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:accounts");
        Params p = Params.from(ctx, json);
        Map<Visibility, InteractionPolicy> given = new EnumMap<>(Visibility.class);
        for (Visibility vis : InteractionPolicy.DEFAULT_VISIBILITIES) {
            InteractionPolicy one = InteractionPolicyParams.read(p, vis.api());
            if (one != null) given.put(vis, one);
        }
        ctx.json(render(policies.setDefaults(v.accountId(), given)));
    }

    private static Map<String, InteractionPolicyEntity> render(Map<Visibility, InteractionPolicy> defaults) {
        Map<String, InteractionPolicyEntity> out = new LinkedHashMap<>();
        defaults.forEach((vis, p) -> out.put(vis.api(), InteractionPolicyEntity.of(p, null)));
        return out;
    }
}

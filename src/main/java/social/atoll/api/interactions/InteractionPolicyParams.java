package social.atoll.api.interactions;

import java.util.List;
import social.atoll.core.interaction.InteractionPolicy;
import social.atoll.server.Params;

/**
 * Reads GoToSocial's {@code interaction_policy} from a request (form brackets or JSON alike):
 * {@code can_favourite}, {@code can_reply}, {@code can_reblog}, each with {@code automatic_approval} and
 * {@code manual_approval} lists, or the older {@code always} and {@code with_approval} GoToSocial still reads.
 */
public final class InteractionPolicyParams {

    private InteractionPolicyParams() {}

    /** The policy under {@code name}, or null when the request has none. */
    public static InteractionPolicy read(Params p, String name) {
        if (!p.has(name) || p.node(name).isNull()) return null;
        Params g = p.group(name);
        return new InteractionPolicy(rules(g.group("can_favourite")), rules(g.group("can_reply")), rules(g.group("can_reblog")));
    }

    private static InteractionPolicy.Rules rules(Params r) {
        List<String> automatic = r.has("automatic_approval") ? r.list("automatic_approval") : r.list("always");
        List<String> manual = r.has("manual_approval") ? r.list("manual_approval") : r.list("with_approval");
        for (String v : automatic) refuseMe(v);
        for (String v : manual) refuseMe(v);
        return new InteractionPolicy.Rules(automatic, manual);
    }

    private static void refuseMe(String v) {
        // "me" describes the viewer of a status; it names nobody in a policy being set (GoToSocial refuses it)
        if (InteractionPolicy.ME.equals(v))
            throw social.atoll.server.ApiException.unprocessable("policyURI me has no corresponding internal model");
    }
}

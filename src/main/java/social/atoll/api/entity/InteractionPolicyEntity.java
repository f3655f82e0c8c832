package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.core.interaction.InteractionPolicy;

/**
 * GoToSocial's {@code interactionPolicy} entity: who may favourite, reply and reblog, each rule with
 * {@code automatic_approval} and {@code manual_approval} and, as GoToSocial still sends them, the older names
 * {@code always} and {@code with_approval} holding the same lists.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InteractionPolicyEntity(Rules canFavourite, Rules canReply, Rules canReblog) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rules(List<String> automaticApproval, List<String> manualApproval, List<String> always, List<String> withApproval) {
        static Rules of(InteractionPolicy.Rules r, InteractionPolicy.Check me) {
            List<String> automatic = new ArrayList<>(r.automatic());
            List<String> manual = new ArrayList<>(r.manual());
            // GoToSocial adds "me" to the list by which the viewer may do it
            if (me != null && me.permission() == InteractionPolicy.Permission.AUTOMATIC) automatic.add(InteractionPolicy.ME);
            if (me != null && me.permission() == InteractionPolicy.Permission.MANUAL) manual.add(InteractionPolicy.ME);
            return new Rules(automatic, manual, automatic, manual);
        }
    }

    /** The policy as GoToSocial shows it; {@code me}: the viewer's outcomes (null: nobody signed in, or defaults). */
    public static InteractionPolicyEntity of(InteractionPolicy p, Map<InteractionPolicy.Type, InteractionPolicy.Check> me) {
        return new InteractionPolicyEntity(
                Rules.of(p.canFavourite(), me == null ? null : me.get(InteractionPolicy.Type.FAVOURITE)),
                Rules.of(p.canReply(), me == null ? null : me.get(InteractionPolicy.Type.REPLY)),
                Rules.of(p.canReblog(), me == null ? null : me.get(InteractionPolicy.Type.REBLOG)));
    }
}

package social.atoll.federation.inbox;

import social.atoll.core.common.NotFoundException;

/**
 * {@code Like} of a post: a favourite. Misskey (and its forks) send every emoji reaction as a Like with
 * {@code _misskey_reaction} / {@code content}: that is a reaction, as Pleroma and Akkoma take it, and a favourite
 * only when the emoji is not one Atoll can show. A Like of a post the actor may not see changes nothing.
 */
final class LikeHandler implements ActivityHandler {

    private final InboxServices s;

    LikeHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) {
        String reaction = InboundReactions.content(a.json());
        if (reaction != null && InboundReactions.react(s, a, reaction)) return;
        s.remoteStatuses().byUri(a.objectId()).ifPresent(st -> {
            try {
                s.favourites().favourite(a.actor().id(), st.id(), a.id() != null ? a.id() : a.actor().uri() + "#likes/" + st.id());
            } catch (NotFoundException ignored) {
                // not visible to the actor
            } catch (social.atoll.core.common.ForbiddenException refused) {
                // the post's interaction policy does not let the actor favourite it: GoToSocial answers with a Reject
                if (a.id() != null) s.interactionPolicies().refuse(social.atoll.core.interaction.InteractionPolicy.Type.FAVOURITE, st,
                        a.actor().id(), a.id());
            }
        });
    }
}

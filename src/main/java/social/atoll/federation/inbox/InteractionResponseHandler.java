package social.atoll.federation.inbox;

import social.atoll.federation.vocab.AsValues;

/**
 * {@code Accept} or {@code Reject} by a remote author of a local account's interaction held for their approval
 * (GoToSocial's interaction policies): the object names the Like, Announce or reply by id (or inlines it), an Accept
 * carries the approval object as {@code result}. Anything else goes on to the Follow answers, which share the type.
 */
final class InteractionResponseHandler implements ActivityHandler {

    private final InboxServices s;
    private final boolean accept;
    private final ActivityHandler otherwise;

    InteractionResponseHandler(InboxServices s, boolean accept, ActivityHandler otherwise) {
        this.s = s;
        this.accept = accept;
        this.otherwise = otherwise;
    }

    @Override
    public void handle(InboundActivity a) throws Exception {
        String interaction = a.objectId();
        if (interaction != null) {
            if (!accept && s.interactionRequests().remoteRejected(a.actor(), interaction)) return;
            if (accept) {
                String approval = AsValues.id(AsValues.first(a.json().get("result")));
                // an approval must be on the server of the author who gives it (GoToSocial's first check)
                if (approval != null && !AsValues.sameOrigin(approval, a.actor().uri())) approval = null;
                if (approval == null) approval = a.id(); // GoToSocial 0.17/0.18 cited the Accept itself
                if (approval != null && s.interactionRequests().remoteAccepted(a.actor(), interaction, approval)) return;
            }
        }
        if (otherwise != null) otherwise.handle(a);
    }
}

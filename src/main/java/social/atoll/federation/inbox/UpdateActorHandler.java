package social.atoll.federation.inbox;

/**
 * {@code Update} of an actor: only the actor itself may update itself, and its profile (and key) are then fetched
 * again from its own server rather than taken from the activity.
 */
final class UpdateActorHandler implements ActivityHandler {

    private final InboxServices s;

    UpdateActorHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) {
        if (a.actor().uri().equals(a.objectId())) s.resolver().refresh(a.actor());
    }
}

package social.atoll.federation.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.migration.MoveService;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Move} of the actor to another account. Verified as Mastodon does: {@code object} is the actor, and the
 * target — fetched fresh from its server — exists, is not suspended, has not moved itself and lists the actor in
 * {@code alsoKnownAs}. A Move within 30 days of the actor's previous one is ignored. An accepted Move is recorded
 * and the actor's local followers are moved over by a durable job ({@link MoveService}).
 */
final class MoveHandler implements ActivityHandler {

    private static final Logger log = LoggerFactory.getLogger(MoveHandler.class);

    private final InboxServices s;
    private final MoveService moves;

    MoveHandler(InboxServices s, MoveService moves) {
        this.s = s;
        this.moves = moves;
    }

    @Override
    public void handle(InboundActivity a) throws Exception {
        Account actor = a.actor();
        if (!actor.uri().equals(a.objectId())) {
            log.info("refusing Move by {}: its object is another account", actor.uri());
            return;
        }
        String targetUri = AsValues.id(a.json(), "target");
        if (targetUri == null || targetUri.equals(actor.uri())) return;
        Account target = s.account(targetUri).orElse(null);
        if (target != null && !target.local()) target = s.resolver().refresh(target).orElse(null);
        if (target == null || target.suspended() || target.movedToAccountId() != null) {
            log.info("refusing Move of {} to {}: the target cannot be had, is suspended or moved itself", actor.uri(), targetUri);
            return;
        }
        if (!moves.aliases(target, actor)) {
            log.info("refusing Move of {} to {}: the target does not list it in alsoKnownAs", actor.uri(), targetUri);
            return;
        }
        if (!moves.acceptRemote(actor, target))
            log.info("ignoring Move of {} to {}: it moved less than 30 days ago", actor.uri(), targetUri);
    }
}

package social.atoll.federation.inbox;

import social.atoll.core.account.Account;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Move} of the actor to another account. Verified as Mastodon does: {@code object} is the actor, the actor
 * has not moved already, and the target — fetched fresh from its server — lists the actor in {@code alsoKnownAs}.
 * Then the move is recorded ({@code moved_to_account_id}); moving the local followers comes with account migration.
 */
final class MoveHandler implements ActivityHandler {

    private final InboxServices s;

    MoveHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) throws Exception {
        Account actor = a.actor();
        if (!actor.uri().equals(a.objectId()) || actor.movedToAccountId() != null) return;
        String targetUri = AsValues.id(a.json(), "target");
        if (targetUri == null || targetUri.equals(actor.uri())) return;
        Account target = s.account(targetUri).orElse(null);
        if (target == null) return;
        if (!target.local()) target = s.resolver().refresh(target).orElse(null);
        if (target == null || target.suspended() || target.movedToAccountId() != null) return;
        if (!target.alsoKnownAs().contains("\"" + actor.uri() + "\"")) return;
        s.remoteAccounts().recordMove(actor.id(), target.id());
    }
}

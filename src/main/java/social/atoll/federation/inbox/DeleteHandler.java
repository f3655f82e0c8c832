package social.atoll.federation.inbox;

import social.atoll.federation.vocab.AsValues;
import social.atoll.infra.http.FetchFailedException;

/**
 * {@code Delete} of a post (as a string id, a Tombstone or the full object) by its author, or of the actor itself:
 * then its posts go, its follows end and the account stays as a suspended stub.
 */
final class DeleteHandler implements ActivityHandler {

    private final InboxServices s;

    DeleteHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) throws FetchFailedException {
        String id = a.objectId();
        if (id == null) return;
        if (id.equals(a.actor().uri())) {
            s.accountDeletions().delete(a.actor().id());
            return;
        }
        if (!AsValues.sameOrigin(id, a.actor().uri())) return; // nobody deletes another server's objects
        // a QuoteAuthorization deleted by the quoted author: the consent is revoked (FEP-044f)
        if (s.quotes().remoteRevoked(a.actor(), id)) return;
        if (a.forwarded() && !s.gone(id)) return; // forwarded: believed only when its origin says it is gone
        s.remoteStatuses().byUri(id).filter(st -> st.accountId() == a.actor().id())
                .ifPresent(st -> s.forwarding().statusChanged(a.json(), st, a.actor()));
        // only the stored author's own posts go; the id is remembered, so a Create arriving late is refused
        s.remoteStatuses().delete(id, a.actor().id());
    }
}

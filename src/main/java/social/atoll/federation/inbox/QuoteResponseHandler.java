package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Accept} or {@code Reject} of a QuoteRequest this server sent, by the quoted author. An Accept carries the
 * authorization's URL as {@code result}; the quote is then shown, and the quoting post sent again with it.
 */
final class QuoteResponseHandler implements ActivityHandler {

    private final InboxServices s;
    private final boolean accept;

    QuoteResponseHandler(InboxServices s, boolean accept) {
        this.s = s;
        this.accept = accept;
    }

    @Override
    public void handle(InboundActivity a) {
        String requestId = a.objectId();
        if (requestId == null) return;
        if (!accept) {
            s.quotes().remoteRejected(a.actor(), requestId);
            return;
        }
        JsonNode result = AsValues.first(a.json().get("result"));
        String approval = AsValues.id(result);
        if (approval == null || !AsValues.sameOrigin(approval, a.actor().uri())) return;
        s.quotes().remoteAccepted(a.actor(), requestId, approval);
    }
}

package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import social.atoll.core.account.Account;
import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.infra.http.FetchFailedException;

/**
 * {@code QuoteRequest} (FEP-044f): a remote account asks to quote a local post with its {@code instrument}, the
 * quoting post (inlined, or fetched from its id). The post is stored as any post of theirs, its quote recorded, and
 * the local policy decides: Accept with a QuoteAuthorization, or Reject (Mastodon's {@code QuoteRequest} activity).
 */
final class QuoteRequestHandler implements ActivityHandler {

    private final InboxServices s;
    private final QuoteIntake intake;

    QuoteRequestHandler(InboxServices s, QuoteIntake intake) {
        this.s = s;
        this.intake = intake;
    }

    @Override
    public void handle(InboundActivity a) throws FetchFailedException {
        String requestId = a.id();
        if (requestId == null || !AsValues.sameOrigin(requestId, a.actor().uri())) return;
        String quotedUri = a.objectId();
        Status quoted = quotedUri == null ? null : s.remoteStatuses().byUri(quotedUri).filter(Status::local).orElse(null);
        if (quoted == null || quoted.isReblog()) return;
        JsonNode instrumentRef = AsValues.first(a.json().get("instrument"));
        String quotingUri = AsValues.id(instrumentRef);
        if (quotingUri == null || !AsValues.sameOrigin(quotingUri, a.actor().uri())) return;
        Status quoting = s.remoteStatuses().byUri(quotingUri).orElse(null);
        if (quoting == null) {
            // inlined by the requester's server (and signed with the request), else fetched from its origin
            JsonNode obj = instrumentRef != null && instrumentRef.isObject() && !a.forwarded() ? instrumentRef : s.fetch(quotingUri).orElse(null);
            if (obj == null || !NoteReader.isNote(obj) || !quotingUri.equals(AsValues.text(obj, "id"))) return;
            if (!a.actor().uri().equals(AsValues.id(obj, "attributedTo"))) return;
            RemoteNote note = s.notes().parse(obj, a.actor(), null);
            quoting = s.remoteStatuses().create(note);
            intake.process(obj, quoting, a.actor());
        } else if (s.quotes().ofStatus(quoting.id()).isEmpty()) {
            JsonNode obj = s.fetch(quotingUri).orElse(null);
            if (obj != null) intake.process(obj, quoting, a.actor());
        }
        Account requester = a.actor();
        if (quoting.accountId() != requester.id()) return;
        s.quotes().answerRequest(requester, quoted, quoting, quotedUri, requestId);
    }
}

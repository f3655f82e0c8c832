package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.quote.QuoteEvents;
import social.atoll.core.quote.QuoteService;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.QuoteActivities;
import social.atoll.infra.events.EventBus;

/**
 * The FEP-044f exchange, outbound: a local quote of a remote post asks its author's server ({@code QuoteRequest}); a
 * request from elsewhere is answered ({@code Accept} with the authorization, or {@code Reject}); a revoked consent is
 * a {@code Delete} of the authorization to the quoting author and the quoted author's followers; a local post whose
 * quote or quote policy changed is sent again as an {@code Update} to the servers that hold it.
 */
final class QuoteDeliveries implements OutboxHandler {

    private final OutboxServices s;
    private final QuoteService quotes;

    QuoteDeliveries(OutboxServices s, QuoteService quotes) {
        this.s = s;
        this.quotes = quotes;
    }

    @Override
    public void register(EventBus events) {
        events.inTransaction(QuoteEvents.QuoteRequested.class, (h, e) -> requested(e));
        events.inTransaction(QuoteEvents.QuoteAnswered.class, (h, e) -> answered(e));
        events.inTransaction(QuoteEvents.QuoteRevoked.class, (h, e) -> revoked(e));
        events.inTransaction(QuoteEvents.QuotingStatusChanged.class, (h, e) -> changed(e.status()));
    }

    private void requested(QuoteEvents.QuoteRequested e) {
        Account quoter = s.audience.local(e.quoting().accountId()).orElse(null);
        if (quoter == null || e.quoting().localOnly()) return;
        ObjectNode note = s.notes.object(e.quoting());
        note.remove("@context");
        s.deliveries.send(QuoteActivities.request(e.quote(), quoter, note), quoter, s.audience.personalInbox(e.quoted().accountId()));
    }

    private void answered(QuoteEvents.QuoteAnswered e) {
        Account author = s.audience.local(e.quoted().accountId()).orElse(null);
        Account quoter = s.audience.remote(e.quoting().accountId()).orElse(null);
        if (author == null || quoter == null) return;
        String approval = e.accepted() ? quotes.approvalUriOf(e.quote()) : null;
        s.deliveries.send(QuoteActivities.answer(e.accepted(), e.quote(), author, e.requestId(), quoter.uri(), e.quoting().uri(), approval),
                author, s.audience.personalInbox(quoter.id()));
    }

    private void revoked(QuoteEvents.QuoteRevoked e) {
        Account author = s.audience.local(e.quoted().accountId()).orElse(null);
        if (author == null || e.quote().approvalUri() != null) return; // only the issuer's server revokes an authorization
        String approval = quotes.localApprovalUri(e.quote());
        if (approval == null) return;
        Set<String> inboxes = new LinkedHashSet<>(s.audience.personalInbox(e.quoting().accountId()));
        if (!e.quoted().localOnly()) inboxes.addAll(s.audience.followerInboxes(author.id()));
        if (e.quoting().local() && !e.quoting().localOnly()) inboxes.addAll(s.audience.followerInboxes(e.quoting().accountId()));
        s.deliveries.send(QuoteActivities.revoke(approval, author), author, inboxes);
    }

    private void changed(Status status) {
        if (!status.local() || status.isReblog()) return;
        Account author = s.audience.local(status.accountId()).orElse(null);
        if (author == null) return;
        Set<String> inboxes = s.audience.ofEdit(status, author, s.audience.mentioned(status));
        if (inboxes.isEmpty()) return;
        s.deliveries.send(QuoteActivities.updated(author, s.notes.object(status), s.ids.next()), author, inboxes);
    }
}

package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import social.atoll.core.account.Account;
import social.atoll.core.interaction.InteractionEvents;
import social.atoll.core.interaction.InteractionRequest;
import social.atoll.core.interaction.InteractionRequestService;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.InteractionActivities;
import social.atoll.infra.events.EventBus;

/**
 * Interaction policies, outbound (GoToSocial's): a local account's interaction waiting for a remote author goes to that
 * author's server only (the Like, the Announce, or the Create of the reply); a local author's answer to a remote
 * account's interaction goes back as an {@code Accept} citing the approval object, or a {@code Reject}. Once
 * approved, a reply or boost goes out to everyone through the ordinary deliveries, with {@code approvedBy}.
 */
final class InteractionDeliveries implements OutboxHandler {

    private final OutboxServices s;
    private final InteractionRequestService requests;

    InteractionDeliveries(OutboxServices s, InteractionRequestService requests) {
        this.s = s;
        this.requests = requests;
    }

    @Override
    public void register(EventBus events) {
        events.inTransaction(InteractionEvents.Requested.class, (h, e) -> requested(e));
        events.inTransaction(InteractionEvents.Answered.class, (h, e) -> answered(e));
    }

    private void requested(InteractionEvents.Requested e) {
        InteractionRequest r = e.request();
        Account actor = s.audience.local(r.accountId()).orElse(null);
        if (actor == null || e.target().local()) return;
        ObjectNode activity = switch (r.typeEnum()) {
            case FAVOURITE -> InteractionActivities.like(r.interactionUri(), actor, e.target().uri());
            case REPLY -> e.interaction() == null || e.interaction().localOnly() ? null : s.notes.create(e.interaction());
            case REBLOG -> e.interaction() == null || e.interaction().localOnly() ? null : s.notes.announce(e.interaction(), e.target());
        };
        if (activity != null) s.deliveries.send(activity, actor, s.audience.personalInbox(e.target().accountId()));
    }

    private void answered(InteractionEvents.Answered e) {
        InteractionRequest r = e.request();
        Status target = e.target();
        Account author = s.audience.local(target.accountId()).orElse(null);
        Account interacter = s.audience.remote(r.accountId()).orElse(null);
        if (author == null || interacter == null) return;
        String approval = e.accepted() ? requests.approvalUri(r) : null;
        s.deliveries.send(InteractionActivities.answer(e.accepted(), r.id(), author, interacter.uri(), r.interactionUri(), target.uri(),
                approval), author, s.audience.personalInbox(interacter.id()));
    }
}

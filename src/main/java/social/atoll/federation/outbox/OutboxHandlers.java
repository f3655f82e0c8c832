package social.atoll.federation.outbox;

import java.util.List;
import social.atoll.infra.events.EventBus;

/** The one place where core's events meet the outbound handlers, one per subject (the mirror of {@code InboxHandlers}). */
public final class OutboxHandlers {

    private OutboxHandlers() {}

    static List<OutboxHandler> standard(OutboxServices s) {
        return List.of(
                new StatusDeliveries(s),
                new BoostDeliveries(s),
                new LikeDeliveries(s),
                new PollDeliveries(s),
                new FeaturedDeliveries(s),
                new FollowDeliveries(s),
                new BlockDeliveries(s),
                new ProfileDeliveries(s),
                new ReportDeliveries(s),
                new MoveDeliveries(s),
                new AccountDeletionDeliveries(s));
    }

    /** Registers the standard handlers' listeners and jobs; call before the job queue starts. */
    public static void registerStandard(OutboxServices s, EventBus events) {
        for (OutboxHandler h : standard(s)) h.register(events);
    }

    /** The FEP-044f exchange (quote posts with consent), which needs the quote service to name authorizations. */
    public static void registerQuotes(OutboxServices s, social.atoll.core.quote.QuoteService quotes, EventBus events) {
        new QuoteDeliveries(s, quotes).register(events);
    }

    /** GoToSocial's interaction policies: held interactions to the author's server, answers back with approvals. */
    public static void registerInteractions(OutboxServices s, social.atoll.core.interaction.InteractionRequestService requests, EventBus events) {
        new InteractionDeliveries(s, requests).register(events);
    }
}

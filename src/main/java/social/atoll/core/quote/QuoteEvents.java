package social.atoll.core.quote;

import social.atoll.core.status.Status;

/** What quoting announces; federation listens (QuoteRequest, Accept, Reject, Delete of an authorization, Update). */
public final class QuoteEvents {
    private QuoteEvents() {}

    /** A local status quotes a remote one: ask its author's server for consent. */
    public record QuoteRequested(Quote quote, Status quoting, Status quoted) {}

    /** A remote account asked to quote a local status: answer it (Accept with a QuoteAuthorization, or Reject). */
    public record QuoteAnswered(Quote quote, Status quoting, Status quoted, boolean accepted, String requestId) {}

    /** A local author took back the consent given to {@code quote}: its authorization is deleted. */
    public record QuoteRevoked(Quote quote, Status quoting, Status quoted) {}

    /**
     * A local status's quote or quote policy changed (another server accepted, rejected or revoked; its author changed
     * who may quote it): the servers that hold a copy get an {@code Update}.
     */
    public record QuotingStatusChanged(Status status) {}

    /**
     * The state of the quote {@code quotingStatusId} carries changed (accepted, rejected, revoked): readers who have
     * the quoting status get it again ({@code status.update} on the streaming API, as Mastodon redistributes it).
     */
    public record QuoteStateChanged(long quotingStatusId) {}
}

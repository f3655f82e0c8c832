package social.atoll.core.interaction;

import social.atoll.core.status.Status;

/** What interaction policies announce; federation listens (the interaction to the author only, Accept, Reject). */
public final class InteractionEvents {
    private InteractionEvents() {}

    /**
     * A local account's interaction with a remote status waits for its author's approval: the Like, Announce or
     * Create goes to that author's server only. {@code interaction} is the held reply or boost (null for a favourite).
     */
    public record Requested(InteractionRequest request, Status target, Status interaction) {}

    /**
     * A local author answered a remote account's interaction (or it was approved at once, being allowed through a
     * collection the other server cannot check): an Accept with the approval object, or a Reject, goes back.
     */
    public record Answered(InteractionRequest request, Status target, boolean accepted) {}
}

package social.atoll.core.poll;

import java.util.List;

/** What polls announce; federation delivers a vote on a remote poll to its author. */
public final class PollEvents {
    private PollEvents() {}

    /** {@code accountId} voted {@code choices} (option indexes) in {@code poll}. */
    public record Voted(long accountId, Poll poll, List<Integer> choices) {}
}

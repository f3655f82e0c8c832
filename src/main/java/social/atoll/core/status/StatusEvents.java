package social.atoll.core.status;

import java.util.List;

/** What the status feature announces. Feeds, notifications, streaming and federation listen; statuses do not know them. */
public final class StatusEvents {
    private StatusEvents() {}

    /**
     * A status (or a boost) was stored. {@code reblogOf} is the boosted status for a boost, else null;
     * {@code mentionedAccountIds} are the accounts the text mentions (empty for a boost).
     */
    public record StatusCreated(Status status, Status reblogOf, List<Long> mentionedAccountIds) {}

    /**
     * A status (or a boost) was deleted. Its rows (mentions, favourites, boosts, feed entries…) are gone when listeners
     * run in the transaction, so the event carries who it mentioned and, for a local status that is not a boost,
     * {@code reachedAccountIds}: who boosted, favourited or replied to it (their servers hold a copy to delete).
     */
    public record StatusDeleted(Status status, Status reblogOf, List<Long> mentionedAccountIds, List<Long> reachedAccountIds) {}

    /**
     * A local status was edited ({@code PUT /api/v1/statuses/:id}): {@code status} is the new version, {@code before}
     * the previous one; {@code mentionedAccountIds} are the accounts the new text mentions. Streaming sends
     * {@code status.update}, federation an {@code Update}.
     */
    public record StatusUpdated(Status status, Status before, List<Long> mentionedAccountIds) {}

    /** {@code accountId} favourited {@code status}. */
    public record Favourited(long accountId, Status status) {}

    /** {@code accountId} took back a favourite of {@code status}. */
    public record Unfavourited(long accountId, Status status) {}
}

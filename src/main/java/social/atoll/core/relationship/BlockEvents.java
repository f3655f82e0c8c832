package social.atoll.core.relationship;

/**
 * What blocking, muting and domain blocking announce. Feeds and notifications clean up in the same transaction;
 * federation will send Block/Undo Block for the account blocks.
 */
public final class BlockEvents {
    private BlockEvents() {}

    /** {@code accountId} now blocks {@code targetId} (their follows both ways are already gone). */
    public record Blocked(long accountId, long targetId) {}

    public record Unblocked(long accountId, long targetId) {}

    /** {@code accountId} now mutes {@code targetId}; {@code notifications} when their notifications are hidden too. */
    public record Muted(long accountId, long targetId, boolean notifications) {}

    public record Unmuted(long accountId, long targetId) {}

    /** {@code accountId} hides everything from {@code domain} (follows to and from it are already gone). */
    public record DomainBlocked(long accountId, String domain) {}

    public record DomainUnblocked(long accountId, String domain) {}
}

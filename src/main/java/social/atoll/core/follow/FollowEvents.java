package social.atoll.core.follow;

/**
 * What the follow feature announces. Home feeds (back-fill on follow, clean-up on unfollow), notifications and,
 * later, federation listen to these.
 */
public final class FollowEvents {
    private FollowEvents() {}

    /** {@code followerId} now follows {@code targetId} (directly, or a request was accepted). */
    public record Followed(long followerId, long targetId, boolean showReblogs) {}

    /** {@code followerId} asked to follow the locked account {@code targetId}. */
    public record FollowRequested(long followerId, long targetId) {}

    /** The follow (or pending request) of {@code followerId} to {@code targetId} ended. */
    public record Unfollowed(long followerId, long targetId) {}

    /** {@code targetId} rejected the follow request of {@code followerId}. */
    public record FollowRequestRejected(long followerId, long targetId) {}
}

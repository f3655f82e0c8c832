package social.atoll.core.emoji;

import social.atoll.core.status.Status;

/** What reactions announce: notifications, streaming and delivery listen. */
public final class ReactionEvents {

    private ReactionEvents() {}

    /** {@code accountId} reacted to {@code status} with {@code name}; {@code emoji} is the custom emoji, if one. */
    public record Reacted(long accountId, Status status, String name, CustomEmoji emoji, long reactionId) {}

    /** {@code accountId} took its {@code name} reaction back. */
    public record Unreacted(long accountId, Status status, String name, CustomEmoji emoji, long reactionId) {}
}

package social.atoll.core.timeline;

import java.util.List;

/** What the home feed announces. Streaming listens (a status entering a feed is an {@code update} on the user stream). */
public final class HomeFeedEvents {
    private HomeFeedEvents() {}

    /**
     * {@code statusId} entered the home feeds of {@code readerIds} as a new post (the author's own feed at posting
     * time, followers' feeds at fan-out). Back-fill after a follow does not announce: those are old statuses.
     */
    public record Inserted(long statusId, List<Long> readerIds) {}
}

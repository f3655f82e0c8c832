package social.atoll.core.timeline;

import java.util.List;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusFeedStore;
import social.atoll.core.status.StatusStore;

/** Reading timelines: the home feed and the public (federated / local / remote) timeline. */
public final class TimelineService {

    /**
     * A page of a timeline: the statuses the viewer may see, and the ids the page was cut at (for the Link header,
     * so paging goes on even if the visibility check dropped some rows).
     */
    public record Slice(List<Status> statuses, List<Long> cursorIds) {}

    /** Which part of the public timeline. */
    public record PublicQuery(boolean localOnly, boolean remoteOnly, boolean onlyMedia) {}

    private final HomeFeedStore feed;
    private final StatusFeedStore feedReads;
    private final VisibilityPolicy visibility;

    public TimelineService(HomeFeedStore feed, StatusFeedStore feedReads, VisibilityPolicy visibility) {
        this.feed = feed;
        this.feedReads = feedReads;
        this.visibility = visibility;
    }

    public Slice home(long readerId, IdRange range) {
        HomeFeedStore.Page page = feed.pageWithStatuses(readerId, range);
        return new Slice(visibility.filter(readerId, page.statuses()), page.ids());
    }

    /** Public statuses, newest first, by the rules of {@link StatusStore#publicTimeline}; then the visibility policy. */
    public Slice publicTimeline(Long viewerId, PublicQuery q, IdRange range) {
        List<Status> rows = feedReads.publicTimeline(viewerId, q.localOnly(), q.remoteOnly(), q.onlyMedia(), range, java.time.Instant.now());
        return new Slice(visibility.filter(viewerId, rows), rows.stream().map(Status::id).toList());
    }
}

package social.atoll.core.tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusFeedStore;

/**
 * {@code /api/v1/timelines/tag/:hashtag}: public statuses carrying the tag or any of {@code any[]}, all of
 * {@code all[]} and none of {@code none[]} ({@link StatusStore#tagTimeline}: it walks the {@code (tag_id, status_id)}
 * index of {@code status_tags} newest first, so a rare tag costs as little as a popular one, with the public-timeline
 * rules), then the visibility policy.
 */
public final class TagTimeline {

    /** The statuses of a page and the ids it was cut at (for the Link header). */
    public record Slice(List<Status> statuses, List<Long> cursorIds) {}

    /** Tag ids to match: the path's tag and {@code any[]}; {@code all[]}; {@code none[]}. */
    public record Query(List<Long> anyIds, List<Long> allIds, List<Long> noneIds, boolean localOnly, boolean remoteOnly, boolean onlyMedia) {}

    private final StatusFeedStore statuses;
    private final VisibilityPolicy visibility;

    public TagTimeline(StatusFeedStore statuses, VisibilityPolicy visibility) {
        this.statuses = statuses;
        this.visibility = visibility;
    }

    public Slice page(Long viewerId, Query q, IdRange range) {
        if (q.anyIds().isEmpty()) return new Slice(List.of(), List.of());
        List<Status> rows = statuses.tagTimeline(viewerId, q.anyIds(), q.allIds(), q.noneIds(),
                q.localOnly(), q.remoteOnly(), q.onlyMedia(), range);
        // a status carrying two of the any-tags comes twice
        Map<Long, Status> unique = new LinkedHashMap<>();
        for (Status s : rows) unique.putIfAbsent(s.id(), s);
        List<Status> distinct = new ArrayList<>(unique.values());
        return new Slice(visibility.filter(viewerId, distinct), rows.stream().map(Status::id).toList());
    }
}

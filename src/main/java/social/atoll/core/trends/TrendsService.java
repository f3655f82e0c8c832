package social.atoll.core.trends;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusFeedStore;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagStore;
import social.atoll.infra.ids.IdGenerator;

/**
 * What is trending, computed from the last {@link #WINDOW} of real activity (no review queue yet): tags by how many
 * distinct accounts used them in public statuses, statuses by interactions (boosts + favourites + replies). Both read
 * only the window's statuses, found by the time-sortable id on the primary key; suspended and silenced authors and
 * untrendable tags are left out. Links need preview cards, which Atoll does not fetch yet, so there are none.
 */
public final class TrendsService {

    public static final Duration WINDOW = Duration.ofDays(7);

    private final StatusFeedStore statuses;
    private final TagStore tags;
    private final Clock clock;
    private final VisibilityPolicy visibility;

    public TrendsService(StatusFeedStore statuses, TagStore tags, Clock clock, VisibilityPolicy visibility) {
        this.visibility = visibility;
        this.statuses = statuses;
        this.tags = tags;
        this.clock = clock;
    }

    private long since() { return IdGenerator.lowestAt(clock.instant().minus(WINDOW)); }

    public List<Tag> tags(int offset, int limit) {
        List<Long> ids = statuses.trendingTagIds(since(), offset, limit);
        if (ids.isEmpty()) return List.of();
        Map<Long, Tag> found = tags.byIds(ids);
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** Public statuses of the window with at least one interaction that the viewer may see, most interactions first. */
    public List<Status> statuses(Long viewerId, int offset, int limit) {
        return visibility.filter(viewerId, statuses.trending(viewerId, since(), offset, limit, clock.instant()));
    }
}

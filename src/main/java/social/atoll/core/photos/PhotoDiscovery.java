package social.atoll.core.photos;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.infra.ids.IdGenerator;

/**
 * Discover: public photo posts of this server and the servers it knows, the newest or the most favourited and boosted
 * of the last {@link #WINDOW}. Counts are those this server holds (its own people's favourites and boosts, and the
 * counts remote servers sent with their posts). Then the visibility policy, as for every list of posts.
 */
public final class PhotoDiscovery {

    public static final Duration WINDOW = Duration.ofDays(7);

    /** A page: the posts the reader may see, and the ids the page was cut at (paging goes on past dropped rows). */
    public record Slice(List<Status> statuses, List<Long> cursorIds) {}

    private final PhotoFeedStore store;
    private final VisibilityPolicy visibility;
    private final Clock clock;

    public PhotoDiscovery(PhotoFeedStore store, VisibilityPolicy visibility, Clock clock) {
        this.store = store;
        this.visibility = visibility;
        this.clock = clock;
    }

    public Slice recent(Long viewerId, IdRange range) {
        List<Status> rows = store.recent(viewerId, range, clock.instant());
        return new Slice(visibility.filter(viewerId, rows), rows.stream().map(Status::id).toList());
    }

    /** Page {@code page} (0-based) of {@code size} popular posts. */
    public Slice popular(Long viewerId, int page, int size) {
        long since = IdGenerator.lowestAt(clock.instant().minus(WINDOW));
        List<Status> rows = store.popular(viewerId, since, page * size, size, clock.instant());
        return new Slice(visibility.filter(viewerId, rows), rows.stream().map(Status::id).toList());
    }
}

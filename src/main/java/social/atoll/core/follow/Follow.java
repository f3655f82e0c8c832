package social.atoll.core.follow;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import java.util.List;

/**
 * A row of {@code follows} (an accepted follow) or {@code follow_requests} (a pending one): the two tables have the
 * same shape. {@code notifyPosts} (column {@code notify}): the follower wants a notification for each post.
 * {@code languages} is null for "all languages", otherwise a JSON array of language codes.
 */
public record Follow(long id, long accountId, long targetAccountId, boolean showReblogs, @ColumnName("notify") boolean notifyPosts,
                     String languages, String uri, Instant createdAt) {

    /** The languages the follower wants from this account; empty for all. */
    public List<String> languageList() { return FollowLanguages.decode(languages); }
}

package social.atoll.core.follow;

import java.util.List;

/**
 * What a follower chose when following. A null member means "not given": a new follow takes the default (boosts
 * shown, no notifications, all languages), an existing one keeps its current value. An empty {@code languages}
 * list means all languages.
 */
public record FollowOptions(Boolean reblogs, Boolean notifyPosts, List<String> languages) {

    public static final FollowOptions DEFAULTS = new FollowOptions(null, null, null);
}

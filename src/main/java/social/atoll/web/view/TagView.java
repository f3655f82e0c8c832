package social.atoll.web.view;

import java.util.List;

/**
 * A hashtag's page ({@code /tags/name}) or the explore page: public posts, and for explore the trending tags.
 *
 * @param feed the RSS feed of the tag (null on explore)
 */
public record TagView(String heading, String feed, List<StatusCard> statuses, String olderUrl, List<TrendingTag> trending) {

    /** A trending tag and how many people used it in the last days. */
    public record TrendingTag(String name, String url, long accounts) {}
}

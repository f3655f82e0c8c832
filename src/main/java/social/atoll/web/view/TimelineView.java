package social.atoll.web.view;

import java.util.List;

/**
 * A page of posts. {@code olderUrl} is the next page (null at the end); {@code stream} names the streaming API stream
 * whose new posts the page announces live (null for none).
 */
public record TimelineView(String heading, List<StatusCard> statuses, String olderUrl, String stream) {}

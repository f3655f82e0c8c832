package social.atoll.web.view;

import java.util.List;

/**
 * A page of posts. {@code olderUrl} is the next page (null at the end); {@code stream} names the streaming API stream
 * whose new posts the page announces live (null for none) and {@code list} the list id of the {@code list} stream;
 * {@code links} are the heading's own links (a list's settings); {@code tabs} switch between views of the same feed;
 * {@code empty} is the text key shown when there is nothing.
 */
public record TimelineView(String heading, List<StatusCard> statuses, String olderUrl, String stream, String list,
                           List<Link> links, List<Link> tabs, String empty) {

    /** A link in the heading or a tab; {@code current} marks the tab being shown. */
    public record Link(String label, String href, boolean current) {}

    public TimelineView(String heading, List<StatusCard> statuses, String olderUrl, String stream) {
        this(heading, statuses, olderUrl, stream, null, List.of(), List.of(), "timeline.empty");
    }
}

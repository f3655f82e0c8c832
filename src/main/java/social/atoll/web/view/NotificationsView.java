package social.atoll.web.view;

import java.util.List;

/**
 * The notifications page: the follow requests waiting for an answer, the filter tabs, one page of notifications and
 * the link to older ones. {@code live} is false on a filtered tab (the stream sends every kind). {@code filtered}:
 * how many notifications the reader's policy holds back (a link to them shows when there are some).
 */
public record NotificationsView(List<StatusCard.Author> requests, List<TimelineView.Link> tabs, List<NotificationCard> notifications,
                                String olderUrl, boolean live, int filtered) {}

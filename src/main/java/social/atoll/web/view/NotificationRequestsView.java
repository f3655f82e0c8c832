package social.atoll.web.view;

import java.util.List;

/**
 * The filtered notifications' requests page ({@code items}, newest first, and the link to older ones), or one request
 * with its notifications ({@code one}).
 */
public record NotificationRequestsView(List<Item> items, String olderUrl, Item one, List<NotificationCard> notifications) {

    /** One sender's request: who, how many filtered mentions, and where its page is. */
    public record Item(String id, StatusCard.Author person, int count) {
        public String href() { return "/notifications/requests/" + id; }
    }
}

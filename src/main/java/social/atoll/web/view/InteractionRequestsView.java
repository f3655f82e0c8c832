package social.atoll.web.view;

import java.util.List;

/** The pending interaction requests page: who asked, what kind, and the post concerned (the held reply for a reply). */
public record InteractionRequestsView(List<Item> items) {

    /** One request: its id, who, the text key of its kind, and the post card shown with it. */
    public record Item(String id, StatusCard.Author person, String typeKey, StatusCard status) {}
}

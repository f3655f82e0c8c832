package social.atoll.web.view;

import java.util.List;

/** Direct messages ({@code /conversations}): each thread with the others in it, whether it is unread, and its last post. */
public record ConversationsView(List<Row> conversations, String olderUrl) {

    public record Row(String id, boolean unread, List<StatusCard.Author> with, StatusCard last) {
        public String names() { return String.join(", ", with.stream().map(StatusCard.Author::displayName).toList()); }
    }
}

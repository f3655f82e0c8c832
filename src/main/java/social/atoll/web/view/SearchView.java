package social.atoll.web.view;

import java.util.List;

/**
 * The search page: the words searched ({@code q}, empty before a search), the tabs (everything, people, hashtags,
 * posts) and what was found of each kind.
 */
public record SearchView(String q, List<TimelineView.Link> tabs, List<StatusCard.Author> accounts, List<String> hashtags,
                         List<StatusCard> statuses) {

    public boolean searched() { return !q.isBlank(); }

    public boolean nothing() { return accounts.isEmpty() && hashtags.isEmpty() && statuses.isEmpty(); }
}

package social.atoll.core.filter;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user's content filter (Mastodon's v2 Filter) with its keywords and filtered statuses. {@code contexts} are where
 * it applies ({@code home notifications public thread account}); {@code action} is {@code warn}, {@code hide} or
 * {@code blur}.
 */
public record Filter(long id, long accountId, String title, List<String> contexts, String action, Instant expiresAt,
                     List<Keyword> keywords, List<FilteredStatus> statuses) {

    public static final Set<String> CONTEXTS = Set.of("home", "notifications", "public", "thread", "account");
    public static final Set<String> ACTIONS = Set.of("warn", "hide", "blur");

    public record Keyword(long id, long filterId, String keyword, boolean wholeWord) {}

    public record FilteredStatus(long id, long filterId, long statusId) {}

    public boolean appliesTo(String context) { return context == null || contexts.contains(context); }

    public boolean hides() { return "hide".equals(action); }
}

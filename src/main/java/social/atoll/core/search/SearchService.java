package social.atoll.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusFeedStore;

/**
 * Search without a search server: accounts by name prefix, and statuses by their words through the database's own
 * full-text index — SQLite FTS5 ({@code statuses_fts}) or a PostgreSQL {@code tsvector} GIN index (migrations V70).
 * Statuses are only searched for a signed-in viewer (as Mastodon), among those they may see: the query narrows to
 * them in SQL so that a page is not eaten by invisible rows, and the {@link VisibilityPolicy} decides in the end.
 */
public final class SearchService {

    /** A status search: the words, an optional author, and paging by id and offset. */
    public record StatusQuery(String text, Long accountId, Long maxId, Long minId, int offset, int limit) {}

    /** An account search: name prefix, optional domain ({@code user@domain}), only followed accounts. */
    public record AccountQuery(String text, boolean following, int offset, int limit) {}

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]+");

    private final StatusFeedStore statuses;
    private final AccountStore accounts;
    private final VisibilityPolicy visibility;

    public SearchService(StatusFeedStore statuses, AccountStore accounts, VisibilityPolicy visibility) {
        this.statuses = statuses;
        this.accounts = accounts;
        this.visibility = visibility;
    }

    /** The words of a query (letters, digits, underscores), at most 16. */
    static List<String> words(String q) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(q);
        while (m.find() && out.size() < 16) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    public List<Status> statuses(long viewerId, StatusQuery q) {
        List<String> words = words(q.text());
        if (words.isEmpty()) return List.of();
        IdRange range = new IdRange(q.maxId(), null, q.minId(), q.limit());
        List<Status> rows = statuses.search(viewerId, words, q.accountId(), range, q.offset());
        return visibility.filter(viewerId, rows);
    }

    /**
     * Accounts whose username or display name starts with the query (an {@code @user@domain} query also pins the
     * domain), visible and not suspended, minus those blocking or blocked by the viewer: exact username first, then
     * local accounts, then by followers.
     */
    public List<Account> accounts(Long viewerId, AccountQuery q) {
        String text = q.text().trim();
        if (text.startsWith("@")) text = text.substring(1);
        String domain = null;
        int at = text.indexOf('@');
        if (at >= 0) {
            domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
            text = text.substring(0, at);
        }
        String name = text.toLowerCase(Locale.ROOT);
        if (name.isEmpty() && domain == null) return List.of();
        return accounts.search(viewerId, name, domain, q.following(), q.offset(), q.limit());
    }
}

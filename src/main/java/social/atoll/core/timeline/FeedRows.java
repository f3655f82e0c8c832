package social.atoll.core.timeline;

/**
 * Predicates over a row of a feed table ({@code home_feed}, {@code list_feed}: both carry {@code author_id} and
 * {@code reblog_of_id}), for taking an account's or a domain's statuses, and boosts of them, out of feeds.
 */
public final class FeedRows {

    /** Rows by account {@code :t} or boosting one of its statuses. */
    public static final String BY_ACCOUNT = "(author_id = :t OR reblog_of_id IN (SELECT s.id FROM statuses s WHERE s.account_id = :t))";

    /** Rows by an account of domain {@code :d} or boosting a status of one. */
    public static final String BY_DOMAIN = "(author_id IN (SELECT a.id FROM accounts a WHERE a.domain = :d)"
            + " OR reblog_of_id IN (SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.domain = :d))";

    private FeedRows() {}
}

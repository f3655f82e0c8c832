package social.atoll.core.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.ids.IdGenerator;

/**
 * SQL for notification policies, requests, permissions and mail choices, and for the facts the policy weighs when a
 * notification is made (who follows whom since when, the sender's age and moderation, the mention's thread).
 */
public final class NotificationPolicyStore {

    /** Mastodon counts pending requests and notifications up to this, no further. */
    static final int MAX_MEANINGFUL_COUNT = 100;

    private static final RowMapper<NotificationRequest> REQUEST = RecordMapper.of(NotificationRequest.class);
    /** A request's columns, its count read from the filtered mentions it stands for (the (account_id, from_account_id, id) index). */
    private static final String REQUEST_COLUMNS = """
            r.id, r.account_id, r.from_account_id, r.last_status_id, r.created_at, r.updated_at,
            (SELECT COUNT(*) FROM notifications n WHERE n.account_id = r.account_id AND n.from_account_id = r.from_account_id
              AND n.filtered = TRUE AND n.type = 'mention') AS notifications_count""";
    /** A request is shown while its sender is not suspended and it still holds a filtered mention. */
    private static final String REQUEST_SHOWN = " " + """
            AND NOT EXISTS (SELECT 1 FROM accounts fa WHERE fa.id = r.from_account_id AND fa.suspended_at IS NOT NULL)
            AND EXISTS (SELECT 1 FROM notifications n WHERE n.account_id = r.account_id AND n.from_account_id = r.from_account_id
              AND n.filtered = TRUE AND n.type = 'mention')""";

    private final Database db;
    private final IdGenerator ids;

    public NotificationPolicyStore(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

    // ---- the policy

    public NotificationPolicy policy(long accountId) { return db.read(h -> policy(h, accountId)); }

    NotificationPolicy policy(Handle h, long accountId) {
        return h.createQuery("SELECT for_not_following, for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts"
                        + " FROM notification_policies WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, c) -> new NotificationPolicy(action(rs.getString(1)), action(rs.getString(2)), action(rs.getString(3)),
                        action(rs.getString(4)), action(rs.getString(5))))
                .findOne().orElse(NotificationPolicy.DEFAULTS);
    }

    void savePolicy(Handle h, long accountId, NotificationPolicy p, Instant now) {
        h.createUpdate("""
                        INSERT INTO notification_policies (account_id, for_not_following, for_not_followers, for_new_accounts,
                          for_private_mentions, for_limited_accounts, updated_at)
                        VALUES (:a, :nf, :nfr, :na, :pm, :la, :now)
                        ON CONFLICT (account_id) DO UPDATE SET for_not_following = excluded.for_not_following,
                          for_not_followers = excluded.for_not_followers, for_new_accounts = excluded.for_new_accounts,
                          for_private_mentions = excluded.for_private_mentions, for_limited_accounts = excluded.for_limited_accounts,
                          updated_at = excluded.updated_at""")
                .bind("a", accountId).bind("nf", p.forNotFollowing().id()).bind("nfr", p.forNotFollowers().id())
                .bind("na", p.forNewAccounts().id()).bind("pm", p.forPrivateMentions().id()).bind("la", p.forLimitedAccounts().id())
                .bind("now", now).execute();
    }

    public NotificationPolicy.Summary summary(long accountId) {
        return db.read(h -> {
            List<Integer> counts = h.createQuery("SELECT " + REQUEST_COLUMNS + " FROM notification_requests r WHERE r.account_id = :a"
                            + REQUEST_SHOWN + " LIMIT :cap")
                    .bind("a", accountId).bind("cap", MAX_MEANINGFUL_COUNT).map(REQUEST).list()
                    .stream().map(NotificationRequest::notificationsCount).toList();
            return new NotificationPolicy.Summary(counts.size(), Math.min(counts.stream().mapToInt(Integer::intValue).sum(), Integer.MAX_VALUE));
        });
    }

    private static NotificationPolicy.Action action(String s) {
        NotificationPolicy.Action a = NotificationPolicy.Action.parse(s);
        return a == null ? NotificationPolicy.Action.ACCEPT : a;
    }

    // ---- facts the policy weighs, in the notification's transaction

    /**
     * What the policy weighs about a sender and a local recipient, read in one statement on the notification's hot
     * path: the recipient's policy (null columns: the defaults), whether an accepted request lets the sender through,
     * the sender's age and moderation, whether the recipient follows the sender, and since when the sender follows
     * the recipient. Empty when the recipient is not local or the sender is unknown.
     */
    record Facts(NotificationPolicy policy, boolean permitted, Instant senderCreatedAt, boolean senderSilenced, boolean following,
                 Instant followerSince) {}

    Optional<Facts> facts(Handle h, long to, long from) {
        return h.createQuery("""
                        SELECT p.for_not_following, p.for_not_followers, p.for_new_accounts, p.for_private_mentions, p.for_limited_accounts,
                          (SELECT COUNT(*) FROM notification_permissions np WHERE np.account_id = r.id AND np.from_account_id = s.id),
                          s.created_at, s.silenced_at,
                          (SELECT COUNT(*) FROM follows f WHERE f.account_id = r.id AND f.target_account_id = s.id),
                          (SELECT f.created_at FROM follows f WHERE f.account_id = s.id AND f.target_account_id = r.id)
                        FROM accounts r JOIN accounts s ON s.id = :from
                        LEFT JOIN notification_policies p ON p.account_id = r.id
                        WHERE r.id = :to AND r.domain IS NULL""")
                .bind("to", to).bind("from", from)
                .map((rs, c) -> {
                    NotificationPolicy p = rs.getString(1) == null ? NotificationPolicy.DEFAULTS
                            : new NotificationPolicy(action(rs.getString(1)), action(rs.getString(2)), action(rs.getString(3)),
                                    action(rs.getString(4)), action(rs.getString(5)));
                    Long followerSince = nullableLong(rs, 10);
                    return new Facts(p, rs.getInt(6) > 0, Instant.ofEpochMilli(rs.getLong(7)), nullableLong(rs, 8) != null, rs.getInt(9) > 0,
                            followerSince == null ? null : Instant.ofEpochMilli(followerSince));
                })
                .findOne();
    }

    /** A status of a thread: its visibility and what it answers. */
    record ThreadStatus(String visibility, Long inReplyToId) {}

    Optional<ThreadStatus> threadStatus(Handle h, long statusId) {
        return h.createQuery("SELECT visibility, in_reply_to_id FROM statuses WHERE id = :s").bind("s", statusId)
                .map((rs, c) -> new ThreadStatus(rs.getString(1), nullableLong(rs, 2))).findOne();
    }

    /** Whether the status names {@code accountId} in a mention that is not silent. */
    boolean mentions(Handle h, long statusId, long accountId) {
        return h.createQuery("SELECT 1 FROM mentions WHERE status_id = :s AND account_id = :a AND silent = FALSE")
                .bind("s", statusId).bind("a", accountId).mapTo(Integer.class).findOne().isPresent();
    }

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    // ---- requests

    /** The sender's request now also holds this filtered mention (made on the first one). */
    void requestFor(Handle h, long accountId, long fromAccountId, Long statusId, Instant now) {
        h.createUpdate("""
                        INSERT INTO notification_requests (id, account_id, from_account_id, last_status_id, created_at, updated_at)
                        VALUES (:id, :a, :f, :s, :now, :now)
                        ON CONFLICT (account_id, from_account_id) DO UPDATE SET last_status_id = excluded.last_status_id,
                          updated_at = excluded.updated_at""")
                .bind("id", ids.next()).bind("a", accountId).bind("f", fromAccountId).bind("s", statusId).bind("now", now).execute();
    }

    /** Requests newest first (by id), paged like every Mastodon list. */
    public List<NotificationRequest> requests(long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("SELECT " + REQUEST_COLUMNS
                        + " FROM notification_requests r WHERE r.account_id = :a" + REQUEST_SHOWN + range.conditions("r.id")
                        + range.orderAndLimit("r.id"))
                .bind("a", accountId)).map(REQUEST).list()));
    }

    public Optional<NotificationRequest> request(long accountId, long id) {
        return db.read(h -> request(h, accountId, id));
    }

    Optional<NotificationRequest> request(Handle h, long accountId, long id) {
        return h.createQuery("SELECT " + REQUEST_COLUMNS + " FROM notification_requests r WHERE r.account_id = :a AND r.id = :id" + REQUEST_SHOWN)
                .bind("a", accountId).bind("id", id).map(REQUEST).findOne();
    }

    /** Lets everything from the sender through, now and later: the filtered ones come back into the lists. */
    void accept(Handle h, long accountId, long fromAccountId, Instant now) {
        h.createUpdate("INSERT INTO notification_permissions (account_id, from_account_id, created_at) VALUES (:a, :f, :now)"
                        + " ON CONFLICT DO NOTHING")
                .bind("a", accountId).bind("f", fromAccountId).bind("now", now).execute();
        h.createUpdate("UPDATE notifications SET filtered = FALSE WHERE account_id = :a AND from_account_id = :f AND filtered = TRUE")
                .bind("a", accountId).bind("f", fromAccountId).execute();
        deleteRequest(h, accountId, fromAccountId);
    }

    /** Throws the sender's filtered notifications away with the request; later ones are filtered again. */
    void dismiss(Handle h, long accountId, long fromAccountId) {
        h.createUpdate("DELETE FROM notifications WHERE account_id = :a AND from_account_id = :f AND filtered = TRUE")
                .bind("a", accountId).bind("f", fromAccountId).execute();
        deleteRequest(h, accountId, fromAccountId);
    }

    private static void deleteRequest(Handle h, long accountId, long fromAccountId) {
        h.createUpdate("DELETE FROM notification_requests WHERE account_id = :a AND from_account_id = :f")
                .bind("a", accountId).bind("f", fromAccountId).execute();
    }

    // ---- mail choices

    /** What a notification mail says and to whom; empty when the recipient has no working, confirmed address. */
    record MailFacts(String type, String email, String username, String locale, String fromUsername, String fromDomain,
                     String fromName, Long statusId, String visibility, NotificationMailChoices choices) {}

    Optional<MailFacts> mailFacts(Handle h, long accountId, long notificationId) {
        return h.createQuery("""
                        SELECT n.type, u.email, a.username, u.locale, f.username, f.domain, f.display_name, n.status_id, s.visibility,
                          e.mention, e.direct, e.follow, e.follow_request
                        FROM notifications n
                        JOIN accounts a ON a.id = n.account_id
                        JOIN users u ON u.account_id = n.account_id
                        JOIN accounts f ON f.id = n.from_account_id
                        LEFT JOIN statuses s ON s.id = n.status_id
                        LEFT JOIN notification_emails e ON e.account_id = n.account_id
                        WHERE n.id = :n AND n.account_id = :a AND n.filtered = FALSE
                          AND u.confirmed_at IS NOT NULL AND u.disabled = FALSE AND a.suspended_at IS NULL""")
                .bind("n", notificationId).bind("a", accountId)
                .map((rs, c) -> new MailFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), nullableLong(rs, 8), rs.getString(9),
                        rs.getObject(10) == null ? NotificationMailChoices.DEFAULTS
                                : new NotificationMailChoices(rs.getBoolean(10), rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13))))
                .findOne();
    }

    public NotificationMailChoices mailChoices(long accountId) { return db.read(h -> mailChoices(h, accountId)); }

    NotificationMailChoices mailChoices(Handle h, long accountId) {
        return h.createQuery("SELECT mention, direct, follow, follow_request FROM notification_emails WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, c) -> new NotificationMailChoices(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                .findOne().orElse(NotificationMailChoices.DEFAULTS);
    }

    void saveMailChoices(Handle h, long accountId, NotificationMailChoices m, Instant now) {
        h.createUpdate("""
                        INSERT INTO notification_emails (account_id, mention, direct, follow, follow_request, updated_at)
                        VALUES (:a, :m, :d, :f, :fr, :now)
                        ON CONFLICT (account_id) DO UPDATE SET mention = excluded.mention, direct = excluded.direct,
                          follow = excluded.follow, follow_request = excluded.follow_request, updated_at = excluded.updated_at""")
                .bind("a", accountId).bind("m", m.mention()).bind("d", m.direct()).bind("f", m.follow()).bind("fr", m.followRequest())
                .bind("now", now).execute();
    }
}

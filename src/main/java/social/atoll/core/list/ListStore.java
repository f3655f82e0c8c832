package social.atoll.core.list;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.timeline.FeedRows;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL for {@code lists}, {@code list_accounts} and {@code list_feed}. Writes that take a {@link Handle} join the
 * caller's transaction.
 */
public final class ListStore {

    static final RowMapper<UserList> LIST = RecordMapper.of(UserList.class);

    private final Database db;
    private final VisibilityPolicy visibility;

    public ListStore(Database db, VisibilityPolicy visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    // ---- lists ----

    public List<UserList> all(long ownerId) {
        return db.read(h -> h.createQuery("SELECT * FROM lists WHERE account_id = :a ORDER BY id").bind("a", ownerId).map(LIST).list());
    }

    /** The owner's list with this id; someone else's list is absent. */
    public Optional<UserList> byId(long ownerId, long listId) {
        return db.read(h -> h.createQuery("SELECT * FROM lists WHERE id = :id AND account_id = :a")
                .bind("id", listId).bind("a", ownerId).map(LIST).findOne());
    }

    public int count(Handle h, long ownerId) {
        return h.createQuery("SELECT COUNT(*) FROM lists WHERE account_id = :a").bind("a", ownerId).mapTo(Integer.class).one();
    }

    public void insert(Handle h, long id, long ownerId, String title, String repliesPolicy, boolean exclusive, Instant now) {
        h.createUpdate("""
                        INSERT INTO lists (id, account_id, title, replies_policy, exclusive, created_at)
                        VALUES (:id, :a, :t, :p, :x, :now)""")
                .bind("id", id).bind("a", ownerId).bind("t", title).bind("p", repliesPolicy).bind("x", exclusive)
                .bind("now", now).execute();
    }

    public void update(Handle h, long listId, String title, String repliesPolicy, boolean exclusive) {
        h.createUpdate("UPDATE lists SET title = :t, replies_policy = :p, exclusive = :x WHERE id = :id")
                .bind("t", title).bind("p", repliesPolicy).bind("x", exclusive).bind("id", listId).execute();
    }

    /** Deletes a list with its feed and members. */
    public void delete(Handle h, long listId) {
        h.createUpdate("DELETE FROM list_feed WHERE list_id = :id").bind("id", listId).execute();
        h.createUpdate("DELETE FROM list_accounts WHERE list_id = :id").bind("id", listId).execute();
        h.createUpdate("DELETE FROM lists WHERE id = :id").bind("id", listId).execute();
    }

    /** The owner's lists that contain {@code accountId}. */
    public List<UserList> containing(long ownerId, long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT l.* FROM lists l JOIN list_accounts la ON la.list_id = l.id
                         WHERE l.account_id = :o AND la.account_id = :a ORDER BY l.id""")
                .bind("o", ownerId).bind("a", accountId).map(LIST).list());
    }

    /** A list and the account that owns it. */
    public record Owned(long listId, long ownerId) {}

    /** Of {@code listIds}, the lists that hold {@code memberId}, with their owners. */
    public List<Owned> holding(long memberId, Collection<Long> listIds) {
        return db.read(h -> h.createQuery("""
                        SELECT l.id, l.account_id FROM lists l JOIN list_accounts la ON la.list_id = l.id
                        WHERE la.account_id = :a AND l.id IN (<ids>)""")
                .bind("a", memberId).bindList("ids", List.copyOf(listIds))
                .map((rs, ctx) -> new Owned(rs.getLong(1), rs.getLong(2))).list());
    }

    /** The owner of a list, if it exists. */
    public Optional<Long> ownerOf(long listId) {
        return db.read(h -> h.createQuery("SELECT account_id FROM lists WHERE id = :id").bind("id", listId)
                .mapTo(Long.class).findOne());
    }

    // ---- list_accounts ----

    /** Members, newest membership first; a {@code null} range means all of them. */
    public List<ListService.Member> members(long listId, IdRange range) {
        if (range == null) {
            return db.read(h -> h.createQuery("SELECT id, account_id FROM list_accounts WHERE list_id = :l ORDER BY id DESC")
                    .bind("l", listId).map((rs, c) -> new ListService.Member(rs.getLong(1), rs.getLong(2))).list());
        }
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("SELECT id, account_id FROM list_accounts WHERE list_id = :l"
                        + range.conditions("id") + range.orderAndLimit("id")).bind("l", listId))
                .map((rs, c) -> new ListService.Member(rs.getLong(1), rs.getLong(2))).list()));
    }

    /** Adds a member; returns 0 when it was a member already. */
    public int insertMember(Handle h, long id, long listId, long accountId) {
        return h.createUpdate("""
                        INSERT INTO list_accounts (id, list_id, account_id) VALUES (:id, :l, :a)
                        ON CONFLICT (list_id, account_id) DO NOTHING""")
                .bind("id", id).bind("l", listId).bind("a", accountId).execute();
    }

    /** Takes a member out of a list, with what they put into its feed. */
    public void deleteMember(Handle h, long listId, long accountId) {
        h.createUpdate("DELETE FROM list_accounts WHERE list_id = :l AND account_id = :a").bind("l", listId).bind("a", accountId).execute();
        h.createUpdate("DELETE FROM list_feed WHERE list_id = :l AND author_id = :a").bind("l", listId).bind("a", accountId).execute();
    }

    /** The ids of the owner's lists holding {@code memberId}. */
    public List<Long> listIdsHolding(Handle h, long ownerId, long memberId) {
        return h.createQuery("""
                        SELECT la.list_id FROM list_accounts la JOIN lists l ON l.id = la.list_id
                         WHERE l.account_id = :owner AND la.account_id = :member""")
                .bind("owner", ownerId).bind("member", memberId).mapTo(Long.class).list();
    }

    /** True when anyone has {@code accountId} in a list. */
    public boolean listed(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM list_accounts WHERE account_id = :a")
                .bind("a", accountId).mapTo(Integer.class).one() > 0;
    }

    // ---- list_feed ----

    /** One page of status ids of a list, newest first. */
    public List<Long> feedPage(long listId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT status_id FROM list_feed WHERE list_id = :l" + range.conditions("status_id") + range.orderAndLimit("status_id"))
                .bind("l", listId)).mapTo(Long.class).list()));
    }

    /**
     * Puts a status into every list holding its author (only into {@code onlyList} when given) whose owner follows the
     * author and may receive it ({@link VisibilityPolicy#recipientCondition}); not when the owner blocks, mutes or
     * domain-blocks one of {@code involved}; replies to others as the list's {@code replies_policy} says (to the owner
     * always); a boost only when the owner shows that member's boosts, the boosted author does not block the owner
     * and neither the boosted status nor another boost of it is in the list. Returns how many rows went in.
     */
    public int addToLists(Handle h, Status s, Status original, Long onlyList, Set<Long> involved, Instant now) {
        StringBuilder sql = new StringBuilder("""
                INSERT INTO list_feed (list_id, status_id, author_id, reblog_of_id)
                SELECT l.id, :status_id, :author, :reblog_of
                  FROM list_accounts la JOIN lists l ON l.id = la.list_id
                  JOIN follows f ON f.account_id = l.account_id AND f.target_account_id = la.account_id
                 WHERE la.account_id = :author""");
        if (onlyList != null) sql.append(" AND l.id = :only_list");
        sql.append(" AND ").append(visibility.recipientCondition(s, "l.account_id"));
        sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = l.account_id AND b.target_account_id IN (<involved>))");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = l.account_id AND m.target_account_id IN (<involved>)")
                .append(" AND (m.expires_at IS NULL OR m.expires_at > :now))");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb JOIN accounts ia ON ia.domain = adb.domain")
                .append(" WHERE adb.account_id = l.account_id AND ia.id IN (<involved>))");
        boolean replyToOther = s.inReplyToAccountId() != null && s.inReplyToAccountId() != s.accountId();
        if (replyToOther) {
            // replies to the owner always; otherwise as the list's replies_policy says
            sql.append(" AND (l.account_id = :reply_to")
                    .append(" OR (l.replies_policy = 'followed' AND EXISTS (SELECT 1 FROM follows f2 WHERE f2.account_id = l.account_id AND f2.target_account_id = :reply_to))")
                    .append(" OR (l.replies_policy = 'list' AND EXISTS (SELECT 1 FROM list_accounts la2 WHERE la2.list_id = l.id AND la2.account_id = :reply_to)))");
        }
        if (original != null) {
            sql.append(" AND f.show_reblogs = TRUE")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks ob WHERE ob.account_id = :original_author AND ob.target_account_id = l.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM list_feed lf WHERE lf.list_id = l.id AND (lf.status_id = :original OR lf.reblog_of_id = :original))");
        }
        sql.append(" ON CONFLICT DO NOTHING");
        var u = h.createUpdate(sql.toString())
                .bind("status_id", s.id()).bind("author", s.accountId()).bind("reblog_of", s.reblogOfId())
                .bindList("involved", new ArrayList<>(involved)).bind("now", now);
        if (onlyList != null) u.bind("only_list", onlyList.longValue());
        if (replyToOther) u.bind("reply_to", s.inReplyToAccountId().longValue());
        if (original != null) u.bind("original_author", original.accountId()).bind("original", original.id());
        return u.execute();
    }

    /** Takes {@code targetId}'s statuses, and boosts of them, out of {@code ownerId}'s lists. */
    public void removeAccountFromFeeds(Handle h, long ownerId, long targetId) {
        h.createUpdate("DELETE FROM list_feed WHERE list_id IN (SELECT l.id FROM lists l WHERE l.account_id = :r) AND "
                        + FeedRows.BY_ACCOUNT)
                .bind("r", ownerId).bind("t", targetId).execute();
    }

    /** Takes statuses of {@code domain}'s accounts, and boosts of them, out of {@code ownerId}'s lists. */
    public void removeDomainFromFeeds(Handle h, long ownerId, String domain) {
        h.createUpdate("DELETE FROM list_feed WHERE list_id IN (SELECT l.id FROM lists l WHERE l.account_id = :r) AND "
                        + FeedRows.BY_DOMAIN)
                .bind("r", ownerId).bind("d", domain).execute();
    }
}

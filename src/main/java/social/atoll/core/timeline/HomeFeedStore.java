package social.atoll.core.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;

/**
 * The {@code home_feed} table: one row per (reader, status), written on fan-out, read with one range scan of its
 * primary key. The rules for what enters a follower's home feed are Mastodon's, applied in SQL so that one statement
 * serves every follower:
 * <ul>
 *   <li>who may receive the status at all is the visibility policy's ({@link VisibilityPolicy#recipientCondition});</li>
 *   <li>nothing from, or mentioning, an account the reader blocks or mutes, or an account of a domain they block;</li>
 *   <li>nothing from a member of one of the reader's exclusive lists (it goes to the list only);</li>
 *   <li>a reply to someone else only when the reader follows that someone (or is them); a self-reply always;</li>
 *   <li>a boost only when the reader shows this followee's boosts, the boosted author does not block the reader, and
 *       neither the boosted status nor another boost of it is in the feed already (a unique index on
 *       (account_id, reblog_of_id) settles two boosts fanned out at the same moment).</li>
 * </ul>
 */
public final class HomeFeedStore {

    private final Database db;
    private final VisibilityPolicy visibility;

    public HomeFeedStore(Database db, VisibilityPolicy visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    /**
     * Puts a status into its (local) author's own feed; a boost only if the boosted status is not there already.
     * Returns whether it went in.
     */
    public boolean addToAuthor(Handle h, Status s) {
        String sql = "INSERT INTO home_feed (account_id, status_id, author_id, reblog_of_id) "
                + "SELECT r.id, :status_id, :author, :reblog_of FROM accounts r WHERE r.id = :author AND r.domain IS NULL"
                + (s.isReblog() ? notAlreadyThere("r.id") : "")
                + " ON CONFLICT DO NOTHING";
        var u = h.createUpdate(sql).bind("status_id", s.id()).bind("author", s.accountId()).bind("reblog_of", s.reblogOfId());
        if (s.isReblog()) u.bind("original", s.reblogOfId());
        return u.execute() > 0;
    }

    /**
     * Puts a status into the feeds of the author's local followers that the rules admit; only into {@code onlyReader}'s
     * feed when that is given (back-fill after a follow). {@code original} is the boosted status for a boost.
     */
    public int addToFollowers(Handle h, Status s, Status original, Long onlyReader, Instant now, List<Long> mentionedIds) {
        return readersAdded(h, s, original, onlyReader, now, mentionedIds).size();
    }

    /** {@link #addToFollowers}, answering which readers' feeds the status went into. */
    public List<Long> readersAdded(Handle h, Status s, Status original, Long onlyReader, Instant now, List<Long> mentionedIds) {
        if (s.inReplyToUri() != null && s.inReplyToAccountId() == null) return List.of(); // reply to something we don't know
        Set<Long> involved = new LinkedHashSet<>();
        involved.add(s.accountId());
        involved.addAll(mentionedIds);
        if (original != null) involved.add(original.accountId());
        StringBuilder sql = new StringBuilder("""
                INSERT INTO home_feed (account_id, status_id, author_id, reblog_of_id)
                SELECT f.account_id, :status_id, :author, :reblog_of
                FROM follows f JOIN accounts r ON r.id = f.account_id
                WHERE f.target_account_id = :author AND r.domain IS NULL""");
        if (onlyReader != null) sql.append(" AND f.account_id = :only_reader");
        sql.append(" AND ").append(visibility.recipientCondition(s, "f.account_id"));
        sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = f.account_id AND b.target_account_id IN (<involved>))");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = f.account_id AND m.target_account_id IN (<involved>)")
                .append(" AND (m.expires_at IS NULL OR m.expires_at > :now))");
        // nothing from or mentioning a domain the reader blocks; nothing from members of the reader's exclusive lists
        sql.append(" AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb JOIN accounts ia ON ia.domain = adb.domain")
                .append(" WHERE adb.account_id = f.account_id AND ia.id IN (<involved>))");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM list_accounts xla JOIN lists xl ON xl.id = xla.list_id")
                .append(" WHERE xla.account_id = :author AND xl.account_id = f.account_id AND xl.exclusive = TRUE)");
        boolean replyToOther = s.inReplyToAccountId() != null && s.inReplyToAccountId() != s.accountId();
        if (replyToOther) {
            sql.append(" AND (f.account_id = :reply_to OR EXISTS (SELECT 1 FROM follows f2 WHERE f2.account_id = f.account_id")
                    .append(" AND f2.target_account_id = :reply_to))");
        }
        if (original != null) {
            sql.append(" AND f.show_reblogs = TRUE")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks ob WHERE ob.account_id = :original_author AND ob.target_account_id = f.account_id)")
                    .append(notAlreadyThere("f.account_id"));
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING account_id");
        var u = h.createQuery(sql.toString())
                .bind("status_id", s.id()).bind("author", s.accountId()).bind("reblog_of", s.reblogOfId())
                .bindList("involved", new ArrayList<>(involved)).bind("now", now);
        if (onlyReader != null) u.bind("only_reader", onlyReader.longValue());
        if (replyToOther) u.bind("reply_to", s.inReplyToAccountId().longValue());
        if (original != null) u.bind("original_author", original.accountId()).bind("original", original.id());
        return u.mapTo(Long.class).list();
    }

    private static String notAlreadyThere(String readerColumn) {
        return " AND NOT EXISTS (SELECT 1 FROM home_feed hf WHERE hf.account_id = " + readerColumn
                + " AND (hf.status_id = :original OR hf.reblog_of_id = :original))";
    }

    /** Removes what {@code authorId} put into {@code readerId}'s feed (after an unfollow). */
    public void removeAuthor(Handle h, long readerId, long authorId) {
        h.createUpdate("DELETE FROM home_feed WHERE account_id = :r AND author_id = :a").bind("r", readerId).bind("a", authorId).execute();
    }

    /** Takes {@code targetId}'s statuses, and boosts of them, out of {@code readerId}'s feed (a block or mute). */
    public void removeAccount(Handle h, long readerId, long targetId) {
        h.createUpdate("DELETE FROM home_feed WHERE account_id = :r AND " + FeedRows.BY_ACCOUNT)
                .bind("r", readerId).bind("t", targetId).execute();
    }

    /** Takes statuses of {@code domain}'s accounts, and boosts of them, out of {@code readerId}'s feed. */
    public void removeDomain(Handle h, long readerId, String domain) {
        h.createUpdate("DELETE FROM home_feed WHERE account_id = :r AND " + FeedRows.BY_DOMAIN)
                .bind("r", readerId).bind("d", domain).execute();
    }

    /**
     * Puts a public status into the feeds of the local accounts following one of its tags (not its author's), unless
     * they block or mute one of {@code involved}, block the domain of one, or the author blocks them. Rows already
     * there stay. Returns the readers whose feed it went into.
     */
    public List<Long> addToTagFollowers(Handle h, Status s, Set<Long> involved, Instant now) {
        return h.createQuery("""
                        INSERT INTO home_feed (account_id, status_id, author_id, reblog_of_id)
                        SELECT DISTINCT tf.account_id, :s, :author, CAST(NULL AS BIGINT)
                        FROM status_tags st JOIN tag_follows tf ON tf.tag_id = st.tag_id JOIN accounts r ON r.id = tf.account_id
                        WHERE st.status_id = :s AND r.domain IS NULL AND tf.account_id <> :author
                          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = tf.account_id AND b.target_account_id IN (<involved>))
                          AND NOT EXISTS (SELECT 1 FROM blocks ab WHERE ab.account_id = :author AND ab.target_account_id = tf.account_id)
                          AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = tf.account_id AND m.target_account_id IN (<involved>)
                            AND (m.expires_at IS NULL OR m.expires_at > :now))
                          AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb JOIN accounts ia ON ia.domain = adb.domain
                            WHERE adb.account_id = tf.account_id AND ia.id IN (<involved>))
                        ON CONFLICT DO NOTHING RETURNING account_id""")
                .bind("s", s.id()).bind("author", s.accountId()).bindList("involved", new ArrayList<>(involved))
                .bind("now", now).mapTo(Long.class).list();
    }

    /** Which of {@code readerIds} have {@code statusId} in their home feed (served by the feed's primary key). */
    public Set<Long> holders(long statusId, Collection<Long> readerIds) {
        return db.read(h -> new HashSet<>(h.createQuery("SELECT account_id FROM home_feed WHERE account_id IN (<v>) AND status_id = :s")
                .bind("s", statusId).bindList("v", List.copyOf(readerIds)).mapTo(Long.class).list()));
    }

    /** One page of status ids of a home feed, newest first. */
    /** A page of the feed: its status ids in feed order (the cursor), and those statuses that still exist. */
    public record Page(List<Long> ids, List<Status> statuses) {}

    /**
     * As {@link #page}, with the statuses read in the same statement (a LEFT JOIN: a deleted status keeps its place in
     * the cursor, as {@code StatusStore.listByIds} leaves it out): every home request asks this (issue 16).
     */
    public Page pageWithStatuses(long readerId, IdRange range) {
        List<Long> ids = new ArrayList<>();
        List<Status> found = new ArrayList<>();
        db.read(h -> range.bind(h.createQuery(
                        "SELECT f.status_id AS feed_status_id, s.* FROM (SELECT status_id FROM home_feed WHERE account_id = :r"
                                + range.conditions("status_id") + range.orderAndLimit("status_id") + ") f"
                                + " LEFT JOIN statuses s ON s.id = f.status_id AND s.deleted_at IS NULL"
                                + " ORDER BY f.status_id" + (range.ascending() ? " ASC" : " DESC"))
                .bind("r", readerId))
                .map((rs, ctx) -> {
                    ids.add(rs.getLong("feed_status_id"));
                    if (rs.getObject("id") != null) found.add(StatusStore.STATUS.map(rs, ctx));
                    return Boolean.TRUE;
                }).list());
        return new Page(range.newestFirst(ids), range.newestFirst(found));
    }

    public List<Long> page(long readerId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT status_id FROM home_feed WHERE account_id = :r" + range.conditions("status_id") + range.orderAndLimit("status_id"))
                .bind("r", readerId)).mapTo(Long.class).list()));
    }
}

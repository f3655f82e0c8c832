package social.atoll.core.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.RecordMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/** SQL for {@code notifications}. Reads are range scans of the (account_id, id) index. */
public final class NotificationStore {

    static final RowMapper<Notification> NOTIFICATION = RecordMapper.of(Notification.class);

    /**
     * Filters of the notification list. Notifications the recipient's policy filtered are left out unless asked for,
     * or unless the list is narrowed to one sender (as Mastodon does, so a request's notifications can be read).
     */
    public record Filter(List<String> types, List<String> excludeTypes, Long fromAccountId, boolean includeFiltered) {
        public Filter(List<String> types, List<String> excludeTypes, Long fromAccountId) { this(types, excludeTypes, fromAccountId, false); }

        boolean hidesFiltered() { return !includeFiltered && fromAccountId == null; }
    }

    private final Database db;
    private final IdGenerator ids;
    private final EventBus events;
    private final NotificationGate gate;

    public NotificationStore(Database db, IdGenerator ids) { this(db, ids, null); }

    public NotificationStore(Database db, IdGenerator ids, EventBus events) {
        this(db, ids, events, new NotificationGate(new NotificationPolicyStore(db, ids)));
    }

    /**
     * With {@code events}, every added notification that is not filtered is announced ({@link NotificationEvents.Created}:
     * streaming, Web Push and mail follow it); {@code gate} applies the recipients' notification policies.
     */
    public NotificationStore(Database db, IdGenerator ids, EventBus events, NotificationGate gate) {
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.gate = gate;
    }

    /**
     * Notifies {@code to} unless it is not a local account, it is the actor itself, it blocks the actor or mutes
     * them with notifications hidden, its notification policy drops it ({@link NotificationGate}; a silenced actor
     * not followed is such a case), or the same notification exists already. A notification the policy filters is
     * kept out of sight, unannounced. Returns whether one was added.
     */
    public boolean add(Handle h, long to, long from, String type, Long statusId, Instant now) {
        return add(h, to, from, type, statusId, null, now);
    }

    /**
     * As {@link #add(Handle, long, long, String, Long, Instant)}, about a report ({@code admin.report}): each report
     * is its own notification, even from the same reporter.
     */
    public boolean add(Handle h, long to, long from, String type, Long statusId, Long reportId, Instant now) {
        if (to == from && !Notification.POLL.equals(type)) return false; // only "your poll has ended" goes to oneself
        NotificationPolicy.Action verdict = gate.decide(h, to, from, type, statusId, now);
        if (verdict == NotificationPolicy.Action.DROP) return false;
        boolean filtered = verdict == NotificationPolicy.Action.FILTER;
        String sameStatus = (statusId == null ? "n.status_id IS NULL" : "n.status_id = :status")
                + (reportId == null ? " AND n.report_id IS NULL" : " AND n.report_id = :report");
        long id = ids.next();
        var u = h.createUpdate("""
                        INSERT INTO notifications (id, account_id, from_account_id, type, status_id, report_id, group_key, filtered, created_at)
                        SELECT :id, a.id, :from, :type, :status, :report, :group, :filtered, :now FROM accounts a
                        WHERE a.id = :to AND a.domain IS NULL
                          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :to AND b.target_account_id = :from)
                          AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :to AND m.target_account_id = :from
                            AND m.hide_notifications = TRUE AND (m.expires_at IS NULL OR m.expires_at > :now))
                          AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb JOIN accounts fa ON fa.domain = adb.domain
                            WHERE adb.account_id = :to AND fa.id = :from)
                          AND NOT EXISTS (SELECT 1 FROM conversation_mutes cm JOIN statuses cs ON cs.conversation_id = cm.conversation_id
                            WHERE cm.account_id = :to AND cs.id = :status)
                          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.account_id = :to AND n.type = :type
                            AND n.from_account_id = :from""" + " AND " + sameStatus + ")")
                .bind("id", id).bind("to", to).bind("from", from).bind("type", type)
                .bind("status", statusId).bind("report", reportId).bind("now", now)
                .bind("group", Notification.groupKeyFor(type, statusId, now)).bind("filtered", filtered);
        boolean added = u.execute() > 0;
        if (added && filtered) gate.filtered(h, to, from, type, statusId, now);
        else if (added && events != null) events.publish(new NotificationEvents.Created(to, id));
        return added;
    }

    /**
     * Tells local {@code to} of a strike against them ({@code moderation_warning}); the notification's account is
     * their own, as in Mastodon, and no block or mute of theirs can hide it.
     */
    public void addModerationWarning(Handle h, long to, long warningId, Instant now) {
        long id = ids.next();
        h.createUpdate("""
                        INSERT INTO notifications (id, account_id, from_account_id, type, account_warning_id, created_at)
                        VALUES (:id, :to, :to, :type, :w, :now)""")
                .bind("id", id).bind("to", to).bind("type", Notification.MODERATION_WARNING).bind("w", warningId).bind("now", now).execute();
        if (events != null) events.publish(new NotificationEvents.Created(to, id));
    }

    /**
     * Tells local {@code to} that the archive they asked for is ready ({@code atoll.archive_ready}, issue 14; Mastodon
     * only mails it): from their own account, as {@code moderation_warning} is.
     */
    public void addArchiveReady(Handle h, long to, Instant now) {
        long id = ids.next();
        h.createUpdate("INSERT INTO notifications (id, account_id, from_account_id, type, created_at) VALUES (:id, :to, :to, :type, :now)")
                .bind("id", id).bind("to", to).bind("type", Notification.ARCHIVE_READY).bind("now", now).execute();
        if (events != null) events.publish(new NotificationEvents.Created(to, id));
    }

    /** Tells local {@code to} that their Instagram import has ended ({@code atoll.instagram_imported}), from their own account. */
    public void addInstagramImported(Handle h, long to, Instant now) {
        long id = ids.next();
        h.createUpdate("INSERT INTO notifications (id, account_id, from_account_id, type, created_at) VALUES (:id, :to, :to, :type, :now)")
                .bind("id", id).bind("to", to).bind("type", Notification.INSTAGRAM_IMPORTED).bind("now", now).execute();
        if (events != null) events.publish(new NotificationEvents.Created(to, id));
    }

    /**
     * Tells local {@code to} something about themselves from the server ({@link Notification#REPORT_RESOLVED},
     * {@link Notification#APPEAL_DECIDED}): from their own account, as {@code moderation_warning} is, naming the report
     * or the strike it is about.
     */
    public void addSelfNotice(Handle h, long to, String type, Long reportId, Long warningId, Instant now) {
        long id = ids.next();
        h.createUpdate("""
                        INSERT INTO notifications (id, account_id, from_account_id, type, report_id, account_warning_id, created_at)
                        VALUES (:id, :to, :to, :type, :r, :w, :now)""")
                .bind("id", id).bind("to", to).bind("type", type).bind("r", reportId).bind("w", warningId).bind("now", now).execute();
        if (events != null) events.publish(new NotificationEvents.Created(to, id));
    }

    /** Removes the notification(s) of this kind, e.g. when a favourite is taken back. Returns how many. */
    public int remove(Handle h, long to, long from, String type, Long statusId) {
        String sameStatus = statusId == null ? "status_id IS NULL" : "status_id = :status";
        var u = h.createUpdate("DELETE FROM notifications WHERE account_id = :to AND from_account_id = :from AND type = :type AND " + sameStatus)
                .bind("to", to).bind("from", from).bind("type", type);
        if (statusId != null) u.bind("status", statusId.longValue());
        return u.execute();
    }

    /** Removes every notification {@code fromId} caused {@code to} (a block). */
    public void removeAllFrom(Handle h, long to, long fromId) {
        h.createUpdate("DELETE FROM notifications WHERE account_id = :a AND from_account_id = :t")
                .bind("a", to).bind("t", fromId).execute();
    }

    /** Removes every notification accounts of {@code domain} caused {@code to} (a domain block). */
    public void removeAllFromDomain(Handle h, long to, String domain) {
        h.createUpdate("DELETE FROM notifications WHERE account_id = :a"
                        + " AND from_account_id IN (SELECT id FROM accounts WHERE domain = :d)")
                .bind("a", to).bind("d", domain).execute();
    }

    public List<Notification> page(long accountId, Filter f, IdRange range) {
        StringBuilder sql = new StringBuilder("SELECT id, account_id, from_account_id, type, status_id, created_at, report_id, account_warning_id, group_key FROM notifications WHERE account_id = :a");
        if (!f.types().isEmpty()) sql.append(" AND type IN (<types>)");
        if (!f.excludeTypes().isEmpty()) sql.append(" AND type NOT IN (<exclude>)");
        if (f.fromAccountId() != null) sql.append(" AND from_account_id = :from");
        if (f.hidesFiltered()) sql.append(" AND filtered = FALSE");
        sql.append(range.conditions("id")).append(range.orderAndLimit("id"));
        return range.newestFirst(db.read(h -> {
            var q = h.createQuery(sql.toString()).bind("a", accountId);
            if (!f.types().isEmpty()) q.bindList("types", f.types());
            if (!f.excludeTypes().isEmpty()) q.bindList("exclude", f.excludeTypes());
            if (f.fromAccountId() != null) q.bind("from", f.fromAccountId().longValue());
            return range.bind(q).map(NOTIFICATION).list();
        }));
    }

    public Optional<Notification> byId(long accountId, long id) {
        return db.read(h -> h.createQuery("SELECT id, account_id, from_account_id, type, status_id, created_at, report_id, account_warning_id, group_key FROM notifications WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).map(NOTIFICATION).findOne());
    }

    /** One row of a notification group: enough to count it, sample its accounts and find its newest member. */
    public record GroupRow(long id, long fromAccountId, String groupKey) {}

    /** Every notification of these groups, newest first. */
    public List<GroupRow> groupRows(long accountId, java.util.Collection<String> groupKeys, boolean includeFiltered) {
        if (groupKeys.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("SELECT id, from_account_id, group_key FROM notifications WHERE account_id = :a"
                        + " AND group_key IN (<keys>)" + (includeFiltered ? "" : " AND filtered = FALSE") + " ORDER BY id DESC")
                .bind("a", accountId).bindList("keys", List.copyOf(groupKeys))
                .map((rs, c) -> new GroupRow(rs.getLong(1), rs.getLong(2), rs.getString(3))).list());
    }

    /** The notifications of one group that are not filtered, newest first. */
    public List<Notification> inGroup(long accountId, String groupKey) {
        return db.read(h -> h.createQuery("SELECT id, account_id, from_account_id, type, status_id, created_at, report_id, account_warning_id, group_key"
                        + " FROM notifications WHERE account_id = :a AND group_key = :k AND filtered = FALSE ORDER BY id DESC")
                .bind("a", accountId).bind("k", groupKey).map(NOTIFICATION).list());
    }

    /** Dismisses a whole group; how many notifications went. */
    public int dismissGroup(long accountId, String groupKey) {
        return db.write(h -> h.createUpdate("DELETE FROM notifications WHERE account_id = :a AND group_key = :k")
                .bind("a", accountId).bind("k", groupKey).execute());
    }

    /** Dismisses one notification; false when there is no such notification of this account. */
    public boolean dismiss(long accountId, long id) {
        return db.write(h -> h.createUpdate("DELETE FROM notifications WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).execute() > 0);
    }

    public void clear(long accountId) {
        db.write(h -> h.createUpdate("DELETE FROM notifications WHERE account_id = :a").bind("a", accountId).execute());
    }
}

package social.atoll.core.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.RecordMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/** SQL for reading {@code statuses} rows: by id, threads, and one account's statuses. */
public final class StatusStore {

    public static final RowMapper<Status> STATUS = RecordMapper.of(Status.class);

    /** Filters of an account's status list ({@code GET /api/v1/accounts/:id/statuses}). */
    public record AccountFilter(boolean onlyMedia, boolean excludeReplies, boolean excludeReblogs, boolean pinned, String tagged) {}

    private final Database db;

    public StatusStore(Database db) { this.db = db; }

    public Optional<Status> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM statuses WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(STATUS).findOne());
    }

    /** Statuses by id in one query; missing ids are absent. */
    public Map<Long, Status> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return db.read(h -> h.createQuery("SELECT * FROM statuses WHERE id IN (<ids>) AND deleted_at IS NULL")
                .bindList("ids", List.copyOf(ids)).map(STATUS).stream()
                .collect(Collectors.toMap(Status::id, Function.identity())));
    }

    /** Statuses by id, in the order of {@code ids}, skipping missing ones. */
    public List<Status> listByIds(List<Long> ids) {
        Map<Long, Status> found = byIds(ids);
        List<Status> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Status s = found.get(id);
            if (s != null) out.add(s);
        }
        return out;
    }

    /** The boost of {@code originalId} by {@code accountId}, if any. */
    public Optional<Status> reblogBy(long accountId, long originalId) {
        return db.read(h -> h.createQuery("SELECT * FROM statuses WHERE reblog_of_id = :o AND account_id = :a AND deleted_at IS NULL")
                .bind("o", originalId).bind("a", accountId).map(STATUS).findFirst());
    }

    /** All boosts of a status (to remove them with it). */
    public List<Status> reblogsOf(long originalId) {
        return db.read(h -> h.createQuery("SELECT * FROM statuses WHERE reblog_of_id = :o").bind("o", originalId).map(STATUS).list());
    }

    /** The chain of parents of a status, oldest first, at most {@code limit}. */
    public List<Status> ancestors(Status status, int limit) {
        if (status.inReplyToId() == null) return List.of();
        return db.read(h -> h.createQuery("""
                        WITH RECURSIVE chain (id, parent, depth) AS (
                          SELECT id, in_reply_to_id, 1 FROM statuses WHERE id = :parent
                          UNION ALL
                          SELECT s.id, s.in_reply_to_id, chain.depth + 1 FROM statuses s JOIN chain ON s.id = chain.parent
                          WHERE chain.depth < :limit
                        )
                        SELECT s.* FROM statuses s JOIN chain ON s.id = chain.id
                        WHERE s.deleted_at IS NULL ORDER BY chain.depth DESC""")
                .bind("parent", status.inReplyToId()).bind("limit", limit).map(STATUS).list());
    }

    /**
     * The replies below a status in depth-first thread order (each reply followed by its own replies, siblings oldest
     * first), at most {@code limit} statuses and {@code maxDepth} levels.
     */
    public List<Status> descendants(Status status, int limit, int maxDepth) {
        List<Status> rows = db.read(h -> h.createQuery("""
                        WITH RECURSIVE tree (id, depth) AS (
                          SELECT id, 1 FROM statuses WHERE in_reply_to_id = :root
                          UNION ALL
                          SELECT s.id, tree.depth + 1 FROM statuses s JOIN tree ON s.in_reply_to_id = tree.id
                          WHERE tree.depth < :depth
                        )
                        SELECT s.* FROM statuses s JOIN tree ON s.id = tree.id
                        WHERE s.deleted_at IS NULL ORDER BY s.id LIMIT :limit""")
                .bind("root", status.id()).bind("depth", maxDepth).bind("limit", limit).map(STATUS).list());
        Map<Long, List<Status>> children = new HashMap<>();
        for (Status s : rows) children.computeIfAbsent(s.inReplyToId(), k -> new ArrayList<>()).add(s);
        children.values().forEach(l -> l.sort(Comparator.comparingLong(Status::id)));
        List<Status> out = new ArrayList<>(rows.size());
        walk(status.id(), children, out);
        return out;
    }

    private static void walk(long parent, Map<Long, List<Status>> children, List<Status> out) {
        // iterative depth-first walk, so a deep thread cannot overflow the stack
        List<Status> stack = new ArrayList<>(children.getOrDefault(parent, List.of()).reversed());
        while (!stack.isEmpty()) {
            Status s = stack.remove(stack.size() - 1);
            out.add(s);
            List<Status> kids = children.getOrDefault(s.id(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) stack.add(kids.get(i));
        }
    }

    /**
     * One page of an account's statuses, restricted by {@code visibleSql} (a predicate over alias {@code s} from
     * the visibility policy, binding {@code :viewer}). Uses the index on (account_id, id).
     */
    public List<Status> byAccount(long accountId, Long viewerId, String visibleSql, AccountFilter f, IdRange range) {
        StringBuilder sql = new StringBuilder("SELECT s.* FROM statuses s WHERE s.account_id = :account AND s.deleted_at IS NULL AND ")
                .append(visibleSql);
        if (f.excludeReplies()) sql.append(" AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)");
        if (f.excludeReblogs()) sql.append(" AND s.reblog_of_id IS NULL");
        if (f.onlyMedia()) sql.append(" AND EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id)");
        if (f.pinned()) sql.append(" AND EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id AND p.account_id = s.account_id)");
        if (f.tagged() != null) sql.append("""
                 AND EXISTS (SELECT 1 FROM status_tags st JOIN tags t ON t.id = st.tag_id
                   WHERE st.status_id = s.id AND t.name_key = :tag)""");
        sql.append(range.conditions("s.id")).append(range.orderAndLimit("s.id"));
        return range.newestFirst(db.read(h -> {
            var q = h.createQuery(sql.toString()).bind("account", accountId);
            if (sql.indexOf(":viewer") >= 0) q.bind("viewer", viewerId);
            if (f.tagged() != null) q.bind("tag", f.tagged().toLowerCase(java.util.Locale.ROOT));
            return range.bind(q).map(STATUS).list();
        }));
    }

    /** The status (not a boost) whose ActivityPub id or HTML URL is {@code uriOrUrl}. */
    public Optional<Status> byUriOrUrl(String uriOrUrl) {
        return db.read(h -> h.createQuery("SELECT * FROM statuses WHERE (uri = :u OR url = :u) AND deleted_at IS NULL AND reblog_of_id IS NULL")
                .bind("u", uriOrUrl).map(STATUS).findFirst());
    }

    /** A reply's id and ActivityPub id. */
    public record ReplyRef(long id, String uri) {}

    /**
     * Public and unlisted replies to {@code statusId}, oldest first, after {@code minId} (may be null): those by
     * {@code authorId} itself, or ({@code otherAccounts}) those by everyone else.
     */
    public List<ReplyRef> publicReplies(long statusId, long authorId, boolean otherAccounts, Long minId, int limit) {
        String sql = "SELECT id, uri FROM statuses WHERE in_reply_to_id = :s AND deleted_at IS NULL AND visibility IN ('public', 'unlisted')"
                + (otherAccounts ? " AND account_id <> :a" : " AND account_id = :a")
                + (minId != null ? " AND id > :min" : "") + " ORDER BY id LIMIT :limit";
        return db.read(h -> {
            var q = h.createQuery(sql).bind("s", statusId).bind("a", authorId).bind("limit", limit);
            if (minId != null) q.bind("min", minId);
            return q.map((rs, c) -> new ReplyRef(rs.getLong(1), rs.getString(2))).list();
        });
    }
}

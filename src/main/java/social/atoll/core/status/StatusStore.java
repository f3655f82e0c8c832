package social.atoll.core.status;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.RecordMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * SQL of {@code statuses} and what a status's text derives ({@code mentions}, {@code tags}, {@code status_tags}),
 * with the idempotency keys of posts: reading by id, threads and one account's statuses; writing local posts and
 * edits. Writes join the caller's transaction ({@link Database#write} nests).
 */
public final class StatusStore {

    public static final RowMapper<Status> STATUS = RecordMapper.of(Status.class);

    /** Filters of an account's status list ({@code GET /api/v1/accounts/:id/statuses}). */
    public record AccountFilter(boolean onlyMedia, boolean excludeReplies, boolean excludeReblogs, boolean pinned, String tagged) {}

    /** The row of a new local status; {@code replyTo} null for a post that answers nothing. */
    public record LocalStatus(long id, String uri, String url, long accountId, Status replyTo, String text, String content,
                              String spoilerText, boolean sensitive, Visibility visibility, String language,
                              Long applicationId, Instant createdAt) {}

    /** The new text of an edited status, as stored. */
    public record EditedText(String text, String content, String spoilerText, boolean sensitive, String language) {}

    private final Database db;
    private final IdGenerator ids;

    public StatusStore(Database db, IdGenerator ids) {
        this.db = db;
        this.ids = ids;
    }

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

    // --- writes --------------------------------------------------------------------------------------------------

    /** Stores a new local status and returns it as stored. */
    public Status insertLocal(LocalStatus n) {
        return db.write(h -> {
            Status replyTo = n.replyTo();
            h.createUpdate("""
                    INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id,
                      conversation_id, text, content, spoiler_text, sensitive, visibility, language, application_id,
                      created_at, updated_at)
                    VALUES (:id, :uri, :url, :account, TRUE, :replyTo, :replyToAccount, :conversation, :text, :content,
                      :spoiler, :sensitive, :visibility, :language, :app, :now, :now)""")
                    .bind("id", n.id()).bind("uri", n.uri()).bind("url", n.url()).bind("account", n.accountId())
                    .bind("replyTo", replyTo == null ? null : replyTo.id())
                    .bind("replyToAccount", replyTo == null ? null : replyTo.accountId())
                    .bind("conversation", replyTo == null ? n.id()
                            : (replyTo.conversationId() != null ? replyTo.conversationId() : replyTo.id()))
                    .bind("text", n.text()).bind("content", n.content()).bind("spoiler", n.spoilerText())
                    .bind("sensitive", n.sensitive()).bind("visibility", n.visibility().id()).bind("language", n.language())
                    .bind("app", n.applicationId()).bind("now", n.createdAt())
                    .execute();
            return h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", n.id()).map(STATUS).one();
        });
    }

    /** Replaces the text of an edited status and stamps the edit. */
    public void updateText(long statusId, EditedText t, Instant now) {
        db.write(h -> h.createUpdate("""
                        UPDATE statuses SET text = :text, content = :content, spoiler_text = :spoiler, sensitive = :sensitive,
                          language = :language, edited_at = :now, updated_at = :now WHERE id = :id""")
                .bind("text", t.text()).bind("content", t.content()).bind("spoiler", t.spoilerText())
                .bind("sensitive", t.sensitive()).bind("language", t.language()).bind("now", now).bind("id", statusId)
                .execute());
    }

    /**
     * Makes the mention rows of an edited status those of {@code accountIds} (in order, duplicates dropped): removed mentions
     * go, new ones come. Returns the mentioned ids.
     */
    public List<Long> replaceMentions(long statusId, Collection<Long> accountIds) {
        List<Long> wanted = List.copyOf(new LinkedHashSet<>(accountIds));
        return db.write(h -> {
            Set<Long> existing = new HashSet<>(h.createQuery("SELECT account_id FROM mentions WHERE status_id = :s")
                    .bind("s", statusId).mapTo(Long.class).list());
            for (Long old : existing) {
                if (!wanted.contains(old))
                    h.createUpdate("DELETE FROM mentions WHERE status_id = :s AND account_id = :a").bind("s", statusId).bind("a", old).execute();
            }
            for (Long id : wanted) {
                if (!existing.contains(id)) insertMention(h, statusId, id);
            }
            return wanted;
        });
    }

    /** The mention rows of a new status, in order, duplicates dropped. Returns the mentioned ids. */
    public List<Long> insertMentions(long statusId, Collection<Long> accountIds) {
        List<Long> mentioned = List.copyOf(new LinkedHashSet<>(accountIds));
        db.write(h -> {
            for (Long id : mentioned) insertMention(h, statusId, id);
            return null;
        });
        return mentioned;
    }

    private void insertMention(Handle h, long statusId, long accountId) {
        h.createUpdate("INSERT INTO mentions (id, status_id, account_id) VALUES (:id, :s, :a)")
                .bind("id", ids.next()).bind("s", statusId).bind("a", accountId).execute();
    }

    /** Links the hashtags {@code names} to a new status, creating each tag on first use. */
    public void insertTags(long statusId, Collection<String> names, Instant now) {
        db.write(h -> {
            for (String name : names) {
                String key = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
                h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, :name, :key, :now) ON CONFLICT (name_key) DO NOTHING")
                        .bind("id", ids.next()).bind("name", name).bind("key", key).bind("now", now).execute();
                long tagId = h.createQuery("SELECT id FROM tags WHERE name_key = :key").bind("key", key).mapTo(Long.class).one();
                h.createUpdate("INSERT INTO status_tags (status_id, tag_id) VALUES (:s, :t) ON CONFLICT DO NOTHING")
                        .bind("s", statusId).bind("t", tagId).execute();
            }
            return null;
        });
    }

    /** Makes the hashtags of an edited status {@code names}. */
    public void replaceTags(long statusId, Collection<String> names, Instant now) {
        db.write(h -> {
            h.createUpdate("DELETE FROM status_tags WHERE status_id = :s").bind("s", statusId).execute();
            insertTags(statusId, names, now);
            return null;
        });
    }

    /** Links a status to its poll ({@code pollId} null: it has none any more). */
    public void setPoll(long statusId, Long pollId) {
        db.write(h -> h.createUpdate("UPDATE statuses SET poll_id = :p WHERE id = :s").bind("p", pollId).bind("s", statusId).execute());
    }

    /** Removes one status row; its mentions, favourites, feed rows and notifications go with it (foreign keys). */
    public void delete(long statusId) {
        db.write(h -> h.createUpdate("DELETE FROM statuses WHERE id = :id").bind("id", statusId).execute());
    }

    /** The accounts in a limited (circle) status's audience. */
    public List<Long> audience(long statusId) {
        return db.read(h -> h.createQuery("SELECT account_id FROM status_audiences WHERE status_id = :s").bind("s", statusId)
                .mapTo(Long.class).list());
    }

    /** The status an account posted with an idempotency key (hashed) since {@code since}. */
    public Optional<Status> byIdempotencyKey(long accountId, String keyHash, Instant since) {
        return db.read(h -> h.createQuery(
                        "SELECT status_id FROM idempotency_keys WHERE account_id = :a AND key_hash = :k AND created_at > :since")
                .bind("a", accountId).bind("k", keyHash).bind("since", since).mapTo(Long.class).findOne())
                .flatMap(this::byId);
    }

    /** Remembers the status posted with an idempotency key (hashed), replacing an expired one. */
    public void rememberIdempotencyKey(long accountId, String keyHash, long statusId, Instant now) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO idempotency_keys (account_id, key_hash, status_id, created_at) VALUES (:a, :k, :s, :now)
                        ON CONFLICT (account_id, key_hash) DO UPDATE SET status_id = excluded.status_id, created_at = excluded.created_at""")
                .bind("a", accountId).bind("k", keyHash).bind("s", statusId).bind("now", now).execute());
    }

    /** Adds {@code delta} to a counter of a status, never below zero. */
    static void bumpCounter(Handle h, long statusId, String column, int delta) {
        if (!column.matches("replies_count|reblogs_count|favourites_count")) throw new IllegalArgumentException(column);
        h.createUpdate("UPDATE statuses SET " + column + " = CASE WHEN " + column + " + :d < 0 THEN 0 ELSE " + column + " + :d END WHERE id = :id")
                .bind("d", delta).bind("id", statusId).execute();
    }

    /** The time of the account's latest (non-direct) status, shown on its profile. */
    static void touchLastStatus(Handle h, long accountId, Instant at) {
        h.createUpdate("UPDATE accounts SET last_status_at = :now WHERE id = :id").bind("now", at).bind("id", accountId).execute();
    }
}

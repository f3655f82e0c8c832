package social.atoll.core.emoji;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/** SQL for {@code status_reactions}. */
public final class ReactionStore {

    /** One reaction. */
    public record Reaction(long id, long statusId, long accountId, String name, Long customEmojiId, String uri, Instant createdAt) {}

    /** The reactions of one name on one status: how many, whether the viewer's is among them, the custom emoji if any. */
    public record Count(long statusId, String name, int count, boolean me, Long customEmojiId) {}

    private final Database db;

    public ReactionStore(Database db) { this.db = db; }

    /** Adds a reaction; 0 when the account already reacted so. */
    public int insert(Handle h, long id, long statusId, long accountId, String name, Long emojiId, String uri, Instant now) {
        return h.createUpdate("""
                        INSERT INTO status_reactions (id, status_id, account_id, name, custom_emoji_id, uri, created_at)
                        VALUES (:id, :s, :a, :n, :e, :uri, :now) ON CONFLICT (status_id, name, account_id) DO NOTHING""")
                .bind("id", id).bind("s", statusId).bind("a", accountId).bind("n", name).bind("e", emojiId).bind("uri", uri)
                .bind("now", now).execute();
    }

    public Optional<Reaction> find(Handle h, long statusId, long accountId, String name) {
        return h.createQuery(SELECT + " WHERE status_id = :s AND account_id = :a AND name = :n")
                .bind("s", statusId).bind("a", accountId).bind("n", name).map((rs, c) -> row(rs)).findOne();
    }

    public Optional<Reaction> byUri(String uri) {
        return db.read(h -> h.createQuery(SELECT + " WHERE uri = :u").bind("u", uri).map((rs, c) -> row(rs)).findOne());
    }

    public int delete(Handle h, long id) {
        return h.createUpdate("DELETE FROM status_reactions WHERE id = :id").bind("id", id).execute();
    }

    /** Whether the account still has any reaction on the status. */
    public boolean anyOf(Handle h, long statusId, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM status_reactions WHERE status_id = :s AND account_id = :a")
                .bind("s", statusId).bind("a", accountId).mapTo(Integer.class).one() > 0;
    }

    /** The account's first reaction on a status (what its notification shows). */
    public Map<String, Reaction> firstOf(Collection<long[]> statusAndAccount) {
        Map<String, Reaction> out = new LinkedHashMap<>();
        if (statusAndAccount.isEmpty()) return out;
        List<Long> statusIds = statusAndAccount.stream().map(p -> p[0]).distinct().toList();
        db.read(h -> h.createQuery(SELECT + " WHERE status_id IN (<s>) ORDER BY id").bindList("s", statusIds)
                .map((rs, c) -> row(rs)).list()).forEach(r -> out.putIfAbsent(r.statusId() + ":" + r.accountId(), r));
        return out;
    }

    /**
     * The reaction counts of statuses, each status's names in the order they were first used; {@code viewerId} -1 for
     * nobody. One query for a page of statuses (the unique index starts with {@code status_id}).
     */
    public List<Count> counts(Collection<Long> statusIds, long viewerId) {
        if (statusIds.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("""
                        SELECT status_id, name, COUNT(*), SUM(CASE WHEN account_id = :v THEN 1 ELSE 0 END), MAX(custom_emoji_id), MIN(id)
                          FROM status_reactions WHERE status_id IN (<ids>)
                         GROUP BY status_id, name ORDER BY MIN(id)""")
                .bind("v", viewerId).bindList("ids", new ArrayList<>(statusIds))
                .map((rs, c) -> {
                    long e = rs.getLong(5);
                    Long emoji = rs.wasNull() ? null : e;
                    return new Count(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4) > 0, emoji);
                }).list());
    }

    /** The reactions on one status (of one name, when given), oldest first. */
    public List<Reaction> ofStatus(long statusId, String name) {
        return db.read(h -> h.createQuery(SELECT + " WHERE status_id = :s" + (name == null ? "" : " AND name = :n") + " ORDER BY id")
                .bind("s", statusId).bind("n", name).map((rs, c) -> row(rs)).list());
    }

    private static final String SELECT = "SELECT id, status_id, account_id, name, custom_emoji_id, uri, created_at FROM status_reactions";

    private static Reaction row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long e = rs.getLong(5);
        Long emoji = rs.wasNull() ? null : e;
        return new Reaction(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), emoji, rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)));
    }
}

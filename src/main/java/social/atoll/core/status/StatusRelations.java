package social.atoll.core.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * What hangs off statuses — mentions, tags, the posting application, and one viewer's favourites, boosts, bookmarks,
 * pins and muted conversations — each loaded for a whole page of statuses in one query.
 */
public final class StatusRelations {

    /** The application a status was posted with. */
    public record Application(String name, String website) {}

    /** One row of a "who did this" list, with its own id as the paging cursor. */
    public record Actor(long rowId, long accountId) {}

    /** One viewer's relation to a set of statuses. */
    public record ViewerFlags(Set<Long> favourited, Set<Long> reblogged, Set<Long> bookmarked, Set<Long> pinned,
                              Set<Long> mutedConversations) {
        public static final ViewerFlags NONE = new ViewerFlags(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    private final Database db;

    public StatusRelations(Database db) { this.db = db; }

    /** Mentioned account ids per status, in mention order. */
    public Map<Long, List<Long>> mentions(Collection<Long> statusIds) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (statusIds.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT status_id, account_id FROM mentions WHERE status_id IN (<ids>) AND silent = FALSE ORDER BY id")
                .bindList("ids", List.copyOf(statusIds))
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list())
                .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        return out;
    }

    /** Hashtag names per status. */
    public Map<Long, List<String>> tags(Collection<Long> statusIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (statusIds.isEmpty()) return out;
        db.read(h -> h.createQuery("""
                        SELECT st.status_id, t.name FROM status_tags st JOIN tags t ON t.id = st.tag_id
                        WHERE st.status_id IN (<ids>) ORDER BY t.name_key""")
                .bindList("ids", List.copyOf(statusIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list())
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    public Map<Long, Application> applications(Collection<Long> appIds) {
        Map<Long, Application> out = new HashMap<>();
        if (appIds.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT id, name, website FROM oauth_apps WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(appIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new Application(rs.getString(2), rs.getString(3))))
                .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The viewer's favourites, boosts, bookmarks, pins among {@code statusIds}, and muted conversations. */
    public ViewerFlags viewerFlags(long viewerId, Collection<Long> statusIds, Collection<Long> conversationIds) {
        if (statusIds.isEmpty()) return ViewerFlags.NONE;
        List<Long> ids = List.copyOf(statusIds);
        return db.read(h -> {
            Set<Long> fav = new HashSet<>(h.createQuery("SELECT status_id FROM favourites WHERE account_id = :v AND status_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", ids).mapTo(Long.class).list());
            Set<Long> reb = new HashSet<>(h.createQuery("SELECT reblog_of_id FROM statuses WHERE reblog_of_id IN (<ids>) AND account_id = :v AND deleted_at IS NULL")
                    .bind("v", viewerId).bindList("ids", ids).mapTo(Long.class).list());
            Set<Long> book = new HashSet<>(h.createQuery("SELECT status_id FROM bookmarks WHERE account_id = :v AND status_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", ids).mapTo(Long.class).list());
            Set<Long> pin = new HashSet<>(h.createQuery("SELECT status_id FROM status_pins WHERE account_id = :v AND status_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", ids).mapTo(Long.class).list());
            Set<Long> muted = conversationIds.isEmpty() ? Set.of() : new HashSet<>(h.createQuery(
                            "SELECT conversation_id FROM conversation_mutes WHERE account_id = :v AND conversation_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", List.copyOf(conversationIds)).mapTo(Long.class).list());
            return new ViewerFlags(fav, reb, book, pin, muted);
        });
    }

    /** Who favourited a status, most recent first, paged on the favourite row id. */
    public List<Actor> favouritedBy(long statusId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT id, account_id FROM favourites WHERE status_id = :s" + range.conditions("id") + range.orderAndLimit("id"))
                .bind("s", statusId))
                .map((rs, ctx) -> new Actor(rs.getLong(1), rs.getLong(2))).list()));
    }

    /** Who boosted a status, most recent first, paged on the boost's id. */
    public List<Actor> rebloggedBy(long statusId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT id, account_id FROM statuses WHERE reblog_of_id = :s AND deleted_at IS NULL"
                                + range.conditions("id") + range.orderAndLimit("id"))
                .bind("s", statusId))
                .map((rs, ctx) -> new Actor(rs.getLong(1), rs.getLong(2))).list()));
    }
}

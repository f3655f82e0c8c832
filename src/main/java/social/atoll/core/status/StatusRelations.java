package social.atoll.core.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * What hangs off statuses — mentions, tags, the posting application, and one viewer's favourites, boosts, bookmarks,
 * pins and muted conversations — each loaded for a whole page of statuses in one query; and the writes of a remote
 * status's mentions, audience, tags, edit history, pins and tombstones.
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

    /** {@link #mentions} and {@link #tags} of the same statuses. */
    public record MentionsAndTags(Map<Long, List<Long>> mentions, Map<Long, List<String>> tags) {}

    /**
     * {@link #mentions} and {@link #tags} in one statement, each in its own order (mention order; tag name): a page of
     * statuses renders both.
     */
    public MentionsAndTags mentionsAndTags(Collection<Long> statusIds) {
        Map<Long, List<Long>> mentions = new HashMap<>();
        Map<Long, List<String>> tags = new HashMap<>();
        if (statusIds.isEmpty()) return new MentionsAndTags(mentions, tags);
        db.read(h -> {
            h.createQuery("""
                            SELECT 0 AS kind, status_id, account_id, NULL AS name, id AS mention_order, NULL AS tag_order
                              FROM mentions WHERE status_id IN (<ids>) AND silent = FALSE
                            UNION ALL
                            SELECT 1 AS kind, st.status_id, NULL, t.name, NULL, t.name_key
                              FROM status_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id IN (<ids>)
                            ORDER BY kind, mention_order, tag_order""")
                    .bindList("ids", List.copyOf(statusIds))
                    .map((rs, ctx) -> {
                        long statusId = rs.getLong(2);
                        if (rs.getInt(1) == 0) mentions.computeIfAbsent(statusId, k -> new ArrayList<>()).add(rs.getLong(3));
                        else tags.computeIfAbsent(statusId, k -> new ArrayList<>()).add(rs.getString(4));
                        return statusId;
                    }).list();
            return null;
        });
        return new MentionsAndTags(mentions, tags);
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
        List<Long> conversations = conversationIds.isEmpty() ? List.of(-1L) : List.copyOf(conversationIds);
        Set<Long> fav = new HashSet<>();
        Set<Long> reb = new HashSet<>();
        Set<Long> book = new HashSet<>();
        Set<Long> pin = new HashSet<>();
        Set<Long> muted = new HashSet<>();
        List<Set<Long>> byKind = List.of(fav, reb, book, pin, muted);
        // one statement for the five flags: every page of statuses a signed-in viewer reads asks this
        db.read(h -> {
            h.createQuery("""
                            SELECT 0, status_id FROM favourites WHERE account_id = :v AND status_id IN (<ids>)
                            UNION ALL
                            SELECT 1, reblog_of_id FROM statuses WHERE reblog_of_id IN (<ids>) AND account_id = :v AND deleted_at IS NULL
                            UNION ALL
                            SELECT 2, status_id FROM bookmarks WHERE account_id = :v AND status_id IN (<ids>)
                            UNION ALL
                            SELECT 3, status_id FROM status_pins WHERE account_id = :v AND status_id IN (<ids>)
                            UNION ALL
                            SELECT 4, conversation_id FROM conversation_mutes WHERE account_id = :v AND conversation_id IN (<conversations>)""")
                    .bind("v", viewerId).bindList("ids", ids).bindList("conversations", conversations)
                    .map((rs, ctx) -> byKind.get(rs.getInt(1)).add(rs.getLong(2))).list();
            return null;
        });
        return new ViewerFlags(fav, reb, book, pin, muted);
    }

    /**
     * Which of {@code viewerIds} would see a viewer flag set on one of {@code statusIds}: they favourited, boosted or
     * bookmarked it, or muted one of {@code conversationIds}. Everyone else sees them all false, so streaming renders
     * a status once for all of them. One query, whatever the number of viewers.
     */
    public Set<Long> viewersWithFlags(Collection<Long> viewerIds, Collection<Long> statusIds, Collection<Long> conversationIds) {
        if (viewerIds.isEmpty() || statusIds.isEmpty()) return Set.of();
        var d = db.dialect();
        String v = social.atoll.infra.db.IdList.in(d, "account_id", "v");
        String sql = "SELECT account_id FROM favourites WHERE status_id IN (<ids>) AND " + v
                + " UNION SELECT account_id FROM statuses WHERE reblog_of_id IN (<ids>) AND " + v + " AND deleted_at IS NULL"
                + " UNION SELECT account_id FROM bookmarks WHERE status_id IN (<ids>) AND " + v
                + (conversationIds.isEmpty() ? "" : " UNION SELECT account_id FROM conversation_mutes WHERE conversation_id IN (<c>) AND " + v);
        return db.read(h -> {
            var q = h.createQuery(sql).bindList("ids", List.copyOf(statusIds)).bind("v", social.atoll.infra.db.IdList.value(d, viewerIds));
            if (!conversationIds.isEmpty()) q.bindList("c", List.copyOf(conversationIds));
            return new HashSet<>(q.mapTo(Long.class).list());
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

    // ---- Writes of one account's favourites, bookmarks, pins and conversation mutes ----

    /** Favourites a status; returns 0 when it was favourited already. */
    public int insertFavourite(Handle h, long id, long accountId, long statusId, Instant now) {
        return h.createUpdate("""
                        INSERT INTO favourites (id, account_id, status_id, created_at) VALUES (:id, :a, :s, :now)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("s", statusId).bind("now", now).execute();
    }

    /** Takes a favourite back; returns 0 when there was none. */
    public int deleteFavourite(Handle h, long accountId, long statusId) {
        return h.createUpdate("DELETE FROM favourites WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).execute();
    }

    public void insertBookmark(long id, long accountId, long statusId, Instant now) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO bookmarks (id, account_id, status_id, created_at) VALUES (:id, :a, :s, :now)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("s", statusId).bind("now", now).execute());
    }

    public void deleteBookmark(long accountId, long statusId) {
        db.write(h -> h.createUpdate("DELETE FROM bookmarks WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).execute());
    }

    public boolean pinned(Handle h, long accountId, long statusId) {
        return h.createQuery("SELECT COUNT(*) FROM status_pins WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).mapTo(Integer.class).one() > 0;
    }

    public int countPins(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM status_pins WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
    }

    /** Pins a status to its author's profile; returns 0 when it was pinned already. */
    public int insertPin(Handle h, long id, long accountId, long statusId, Instant now) {
        return h.createUpdate("""
                        INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (:id, :a, :s, :now)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("s", statusId).bind("now", now).execute();
    }

    /** Unpins a status; returns 0 when it was not pinned. */
    public int deletePin(Handle h, long accountId, long statusId) {
        return h.createUpdate("DELETE FROM status_pins WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", statusId).execute();
    }

    public void muteConversation(long accountId, long conversationId) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO conversation_mutes (account_id, conversation_id) VALUES (:a, :c)
                        ON CONFLICT (account_id, conversation_id) DO NOTHING""")
                .bind("a", accountId).bind("c", conversationId).execute());
    }

    public void unmuteConversation(long accountId, long conversationId) {
        db.write(h -> h.createUpdate("DELETE FROM conversation_mutes WHERE account_id = :a AND conversation_id = :c")
                .bind("a", accountId).bind("c", conversationId).execute());
    }

    // ---- Writes of remote statuses' satellites (RemoteStatusService), inside its transaction ----

    /** Adds an account to the circle audience of a limited status. */
    public void insertAudience(Handle h, long statusId, long accountId) {
        h.createUpdate("INSERT INTO status_audiences (status_id, account_id) VALUES (:s, :a) ON CONFLICT DO NOTHING")
                .bind("s", statusId).bind("a", accountId).execute();
    }

    /** Remembers that a status id was deleted at {@code nowMillis}. */
    public void insertTombstone(Handle h, String uri, long nowMillis) {
        h.createUpdate("INSERT INTO status_tombstones (uri, deleted_at) VALUES (:u, :now) ON CONFLICT DO NOTHING")
                .bind("u", uri).bind("now", nowMillis).execute();
    }

    /** Forgets tombstones older than {@code cutoffMillis}. */
    public void deleteTombstonesBefore(Handle h, long cutoffMillis) {
        h.createUpdate("DELETE FROM status_tombstones WHERE deleted_at < :cutoff").bind("cutoff", cutoffMillis).execute();
    }

    /** Was this status id deleted at or after {@code cutoffMillis}? */
    public boolean tombstoned(String uri, long cutoffMillis) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM status_tombstones WHERE uri = :u AND deleted_at >= :cutoff")
                .bind("u", uri).bind("cutoff", cutoffMillis).mapTo(Integer.class).one()) > 0;
    }

    // ---- Facts for the visibility policy, read on its handle ----

    /** Of {@code accountIds}, those a status mentions (silently or not). */
    public List<Long> mentionedAmong(Handle h, long statusId, Collection<Long> accountIds) {
        return h.createQuery("SELECT account_id FROM mentions WHERE status_id = :s AND account_id IN (<v>)")
                .bind("s", statusId).bindList("v", List.copyOf(accountIds)).mapTo(Long.class).list();
    }

    /** Of {@code accountIds}, those in a limited status's circle audience. */
    public List<Long> audienceAmong(Handle h, long statusId, Collection<Long> accountIds) {
        return h.createQuery("SELECT account_id FROM status_audiences WHERE status_id = :s AND account_id IN (<v>)")
                .bind("s", statusId).bindList("v", List.copyOf(accountIds)).mapTo(Long.class).list();
    }

    /** The accounts each limited (circle) status is addressed to, by status id. */
    public Map<Long, List<Long>> audiences(Collection<Long> statusIds) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (statusIds.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT status_id, account_id FROM status_audiences WHERE status_id IN (<ids>)")
                .bindList("ids", List.copyOf(statusIds)).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list())
                .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        return out;
    }
}

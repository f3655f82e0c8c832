package social.atoll.core.poll;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/** SQL for {@code polls} and {@code poll_votes}. Rendering reads a page of statuses' polls in one query. */
public final class PollStore {

    private final Database db;
    private final JsonColumns json;

    public PollStore(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    public Optional<Poll> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM polls WHERE id = :id").bind("id", id).map((rs, ctx) -> poll(rs)).findOne());
    }

    public Optional<Poll> byStatus(Handle h, long statusId) {
        return h.createQuery("SELECT * FROM polls WHERE status_id = :s").bind("s", statusId).map((rs, ctx) -> poll(rs)).findFirst();
    }

    /** Polls by the status they belong to. */
    public Map<Long, Poll> byStatusIds(Collection<Long> statusIds) {
        Map<Long, Poll> out = new HashMap<>();
        if (statusIds.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT * FROM polls WHERE status_id IN (<ids>)").bindList("ids", List.copyOf(statusIds))
                .map((rs, ctx) -> poll(rs)).list()).forEach(p -> out.put(p.statusId(), p));
        return out;
    }

    /** The accounts that voted on the poll of status {@code statusId}. */
    public List<Long> voterIds(long statusId) {
        return db.read(h -> h.createQuery("""
                        SELECT DISTINCT v.account_id FROM poll_votes v JOIN polls p ON p.id = v.poll_id WHERE p.status_id = :s""")
                .bind("s", statusId).mapTo(Long.class).list());
    }

    /** The choices {@code accountId} voted for, per poll (polls without a vote are absent). */
    public Map<Long, List<Integer>> ownVotes(long accountId, Collection<Long> pollIds) {
        Map<Long, List<Integer>> out = new HashMap<>();
        if (pollIds.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT poll_id, choice FROM poll_votes WHERE account_id = :a AND poll_id IN (<ids>) ORDER BY choice")
                .bind("a", accountId).bindList("ids", List.copyOf(pollIds))
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list())
                .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add((int) r[1]));
        return out;
    }

    public void insert(Handle h, long id, long statusId, long accountId, NewPoll p, Instant expiresAt, Instant now) {
        h.createUpdate("""
                        INSERT INTO polls (id, status_id, account_id, options, votes_counts, multiple, hide_totals, votes_count,
                          voters_count, expires_at, created_at, updated_at)
                        VALUES (:id, :s, :a, :options, :counts, :multiple, :hide, 0, 0, :expires, :now, :now)""")
                .bind("id", id).bind("s", statusId).bind("a", accountId).bind("options", write(p.options()))
                .bind("counts", write(p.options().stream().map(o -> 0).toList())).bind("multiple", p.multiple())
                .bind("hide", p.hideTotals()).bind("expires", expiresAt).bind("now", now).execute();
    }

    /** An edit's poll settings; the poll opens again until {@code expiresAt}. */
    public void update(Handle h, long pollId, NewPoll p, Instant expiresAt, Instant now) {
        h.createUpdate("""
                        UPDATE polls SET options = :options, multiple = :multiple, hide_totals = :hide, expires_at = :expires,
                          closed_at = NULL, updated_at = :now WHERE id = :id""")
                .bind("options", write(p.options())).bind("multiple", p.multiple()).bind("hide", p.hideTotals())
                .bind("expires", expiresAt).bind("now", now).bind("id", pollId).execute();
    }

    public void delete(Handle h, long pollId) {
        h.createUpdate("DELETE FROM polls WHERE id = :id").bind("id", pollId).execute();
    }

    public void deleteVotes(Handle h, long pollId) {
        h.createUpdate("DELETE FROM poll_votes WHERE poll_id = :id").bind("id", pollId).execute();
    }

    /** Touches the poll row, which takes its lock: concurrent voters are then counted one after the other. */
    public void touch(Handle h, long pollId, Instant now) {
        h.createUpdate("UPDATE polls SET updated_at = :now WHERE id = :id").bind("now", now).bind("id", pollId).execute();
    }

    /** The choices {@code accountId} made on one poll. */
    public List<Integer> choices(Handle h, long pollId, long accountId) {
        return h.createQuery("SELECT choice FROM poll_votes WHERE poll_id = :p AND account_id = :a")
                .bind("p", pollId).bind("a", accountId).mapTo(Integer.class).list();
    }

    public void insertVote(Handle h, long id, long pollId, long accountId, int choice, Instant now) {
        h.createUpdate("INSERT INTO poll_votes (id, poll_id, account_id, choice, created_at) VALUES (:id, :p, :a, :c, :now)")
                .bind("id", id).bind("p", pollId).bind("a", accountId).bind("c", choice).bind("now", now).execute();
    }

    public void close(Handle h, long pollId, Instant now) {
        h.createUpdate("UPDATE polls SET closed_at = :now, updated_at = :now WHERE id = :id").bind("now", now).bind("id", pollId).execute();
    }

    /** The accounts that voted on one poll. */
    public List<Long> voters(Handle h, long pollId) {
        return h.createQuery("SELECT DISTINCT account_id FROM poll_votes WHERE poll_id = :p").bind("p", pollId).mapTo(Long.class).list();
    }

    /** Recounts a poll's tallies from its votes (after a vote, or after votes were removed). */
    public void recount(Handle h, long pollId, int optionCount, Instant now) {
        int[] counts = new int[optionCount];
        h.createQuery("SELECT choice, COUNT(*) FROM poll_votes WHERE poll_id = :p GROUP BY choice").bind("p", pollId)
                .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)}).list()
                .forEach(r -> { if (r[0] >= 0 && r[0] < optionCount) counts[r[0]] = r[1]; });
        int votes = 0;
        for (int c : counts) votes += c;
        int voters = h.createQuery("SELECT COUNT(DISTINCT account_id) FROM poll_votes WHERE poll_id = :p").bind("p", pollId).mapTo(Integer.class).one();
        List<Integer> list = new ArrayList<>();
        for (int c : counts) list.add(c);
        h.createUpdate("UPDATE polls SET votes_counts = :c, votes_count = :v, voters_count = :n, updated_at = :now WHERE id = :p")
                .bind("c", write(list)).bind("v", votes).bind("n", voters).bind("now", now).bind("p", pollId).execute();
    }

    private Poll poll(ResultSet rs) throws SQLException {
        long expires = rs.getLong("expires_at");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        long closed = rs.getLong("closed_at");
        Instant closedAt = rs.wasNull() ? null : Instant.ofEpochMilli(closed);
        return new Poll(rs.getLong("id"), rs.getLong("status_id"), rs.getLong("account_id"), json.readList(rs.getString("options"), String.class),
                json.readList(rs.getString("votes_counts"), Integer.class), rs.getBoolean("multiple"), rs.getBoolean("hide_totals"),
                rs.getInt("votes_count"), rs.getInt("voters_count"), expiresAt, closedAt, Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    String write(Object value) { return json.write(value); }
}

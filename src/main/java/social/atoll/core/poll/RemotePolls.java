package social.atoll.core.poll;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Polls of remote statuses ({@code Question}s): their server counts the votes, so the tallies are stored as it reports
 * them, and replaced by each {@code Update} it sends. Local votes on them go through {@link PollService#vote} and
 * federation sends them on.
 */
public final class RemotePolls {

    private final Database db;
    private final PollStore polls;
    private final IdGenerator ids;
    private final Clock clock;

    public RemotePolls(Database db, PollStore polls, IdGenerator ids, Clock clock) {
        this.db = db;
        this.polls = polls;
        this.ids = ids;
        this.clock = clock;
    }

    /** A remote poll as its server describes it; {@code counts} has one tally per option. */
    public record Tally(List<String> options, boolean multiple, Instant expiresAt, Instant closedAt, List<Integer> counts, Integer votersCount) {}

    /** Attaches the poll to its (remote) status, unless it has one already. */
    public void attach(long statusId, long accountId, Tally t) {
        db.write(h -> {
            if (polls.byStatus(h, statusId).isPresent()) return null;
            long id = ids.next();
            Instant now = clock.instant();
            polls.insert(h, id, statusId, accountId, new NewPoll(t.options(), null, t.multiple(), false), t.expiresAt(), now);
            h.createUpdate("UPDATE statuses SET poll_id = :p WHERE id = :s").bind("p", id).bind("s", statusId).execute();
            set(h, id, t, now);
            return null;
        });
    }

    /** Takes the tallies (and closing) of an {@code Update}; options that changed mean the poll was reset. */
    public void update(long statusId, Tally t) {
        db.write(h -> {
            var existing = polls.byStatus(h, statusId);
            if (existing.isEmpty()) return null;
            Instant now = clock.instant();
            if (!existing.get().options().equals(t.options())) {
                h.createUpdate("UPDATE polls SET options = :o, multiple = :m WHERE id = :id")
                        .bind("o", polls.write(t.options())).bind("m", t.multiple())
                        .bind("id", existing.get().id()).execute();
                h.createUpdate("DELETE FROM poll_votes WHERE poll_id = :id").bind("id", existing.get().id()).execute();
            }
            set(h, existing.get().id(), t, now);
            return null;
        });
    }

    private void set(org.jdbi.v3.core.Handle h, long pollId, Tally t, Instant now) {
        int votes = t.counts().stream().mapToInt(Integer::intValue).sum();
        int voters = t.votersCount() != null ? t.votersCount() : votes;
        h.createUpdate("""
                UPDATE polls SET votes_counts = :c, votes_count = :v, voters_count = :n, expires_at = :expires,
                  closed_at = :closed, updated_at = :now WHERE id = :id""")
                .bind("c", polls.write(t.counts())).bind("v", votes).bind("n", voters)
                .bind("expires", t.expiresAt() != null ? t.expiresAt() : t.closedAt()).bind("closed", t.closedAt())
                .bind("now", now).bind("id", pollId).execute();
    }
}

package social.atoll.core.instance;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Public instance statistics: the remote domains this server knows ({@code /api/v1/instance/peers}) and weekly
 * activity for the last twelve weeks ({@code /api/v1/instance/activity}).
 */
public final class InstanceActivity {

    /** One week, starting Monday 00:00 UTC. */
    public record Week(Instant start, long statuses, long logins, long registrations) {}

    public static final int WEEKS = 12;

    private final Database db;
    private final Clock clock;

    public InstanceActivity(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every remote domain seen through an account or through delivery bookkeeping, sorted. */
    public List<String> peers() {
        return db.read(h -> h.createQuery("""
                        SELECT domain FROM accounts WHERE domain IS NOT NULL
                        UNION
                        SELECT domain FROM instances
                        ORDER BY 1""").mapTo(String.class).list());
    }

    /**
     * The last {@value #WEEKS} weeks, this week first: local statuses posted (counted on the time-sortable id, so the
     * primary key serves it), distinct local users who signed in (web sign-in or a token issued or used that week), and
     * sign-ups. Web sign-ins are known by each user's latest one only.
     */
    public List<Week> weeks() {
        LocalDate monday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Week> out = new ArrayList<>(WEEKS);
        db.read(h -> {
            for (int i = 0; i < WEEKS; i++) {
                Instant from = monday.minusWeeks(i).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = monday.minusWeeks(i - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                long statuses = h.createQuery("SELECT COUNT(*) FROM statuses WHERE id >= :lo AND id < :hi AND local = TRUE AND deleted_at IS NULL")
                        .bind("lo", IdGenerator.lowestAt(from)).bind("hi", IdGenerator.lowestAt(to)).mapTo(Long.class).one();
                long logins = h.createQuery("""
                                SELECT COUNT(*) FROM users u WHERE (u.last_sign_in_at >= :from AND u.last_sign_in_at < :to)
                                   OR EXISTS (SELECT 1 FROM oauth_tokens t WHERE t.account_id = u.account_id
                                                 AND ((t.created_at >= :from AND t.created_at < :to)
                                                      OR (t.last_used_at >= :from AND t.last_used_at < :to)))""")
                        .bind("from", from).bind("to", to).mapTo(Long.class).one();
                long registrations = h.createQuery("SELECT COUNT(*) FROM users WHERE created_at >= :from AND created_at < :to")
                        .bind("from", from).bind("to", to).mapTo(Long.class).one();
                out.add(new Week(from, statuses, logins, registrations));
            }
            return null;
        });
        return out;
    }
}

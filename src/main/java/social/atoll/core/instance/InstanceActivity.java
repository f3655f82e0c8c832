package social.atoll.core.instance;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import social.atoll.core.account.AccountStore;
import social.atoll.core.status.StatusStore;
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
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final Clock clock;

    public InstanceActivity(Database db, AccountStore accounts, StatusStore statuses, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Every remote domain seen through an account or through delivery bookkeeping, sorted. */
    public List<String> peers() {
        return accounts.peerDomains();
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
                long posted = statuses.countLocalBetween(h, IdGenerator.lowestAt(from), IdGenerator.lowestAt(to));
                long logins = accounts.countUsersSignedInBetween(h, from, to);
                long registrations = accounts.countSignUpsBetween(h, from, to);
                out.add(new Week(from, posted, logins, registrations));
            }
            return null;
        });
        return out;
    }
}

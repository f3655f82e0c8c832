package social.atoll.core.relationship;

import java.net.IDN;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowService;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * A user hiding a whole remote domain: its statuses and notifications disappear for them, and follows to and from
 * accounts there end (through {@link FollowService}), as Mastodon's user-level domain block does.
 */
public final class DomainBlockService {

    private final Database db;
    private final FollowService follows;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public DomainBlockService(Database db, FollowService follows, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.follows = follows;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** The form in which domains are stored and compared: lower-case, ASCII (punycode), no dot at the end. */
    public static String normalize(String raw) {
        String d = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("https://") || d.startsWith("http://")) d = d.substring(d.indexOf("//") + 2);
        int slash = d.indexOf('/');
        if (slash >= 0) d = d.substring(0, slash);
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Domain is invalid");
        }
        if (d.isEmpty() || d.length() > 253 || !d.matches("[a-z0-9.:_-]+") || d.startsWith(".") || d.contains(".."))
            throw new ValidationException("Domain is invalid");
        return d;
    }

    public void block(long accountId, String rawDomain) {
        String domain = normalize(rawDomain);
        db.write(h -> {
            List<long[]> pairs = h.createQuery("""
                            SELECT f.account_id, f.target_account_id FROM follows f JOIN accounts a ON a.id = f.target_account_id
                             WHERE f.account_id = :me AND a.domain = :d
                            UNION ALL
                            SELECT f.account_id, f.target_account_id FROM follows f JOIN accounts a ON a.id = f.account_id
                             WHERE f.target_account_id = :me AND a.domain = :d
                            UNION ALL
                            SELECT r.account_id, r.target_account_id FROM follow_requests r JOIN accounts a ON a.id = r.target_account_id
                             WHERE r.account_id = :me AND a.domain = :d
                            UNION ALL
                            SELECT r.account_id, r.target_account_id FROM follow_requests r JOIN accounts a ON a.id = r.account_id
                             WHERE r.target_account_id = :me AND a.domain = :d""")
                    .bind("me", accountId).bind("d", domain)
                    .map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            for (long[] p : pairs) follows.unfollow(p[0], p[1]);
            int added = h.createUpdate("""
                            INSERT INTO account_domain_blocks (id, account_id, domain, created_at) VALUES (:id, :a, :d, :now)
                            ON CONFLICT (account_id, domain) DO NOTHING""")
                    .bind("id", ids.next()).bind("a", accountId).bind("d", domain).bind("now", clock.instant()).execute();
            if (added > 0) events.publish(new BlockEvents.DomainBlocked(accountId, domain));
            return null;
        });
    }

    public void unblock(long accountId, String rawDomain) {
        String domain = normalize(rawDomain);
        db.write(h -> {
            int removed = h.createUpdate("DELETE FROM account_domain_blocks WHERE account_id = :a AND domain = :d")
                    .bind("a", accountId).bind("d", domain).execute();
            if (removed > 0) events.publish(new BlockEvents.DomainUnblocked(accountId, domain));
            return null;
        });
    }
}

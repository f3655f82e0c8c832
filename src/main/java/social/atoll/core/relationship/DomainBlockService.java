package social.atoll.core.relationship;

import java.net.IDN;
import java.time.Clock;
import java.util.Locale;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * A user hiding a whole remote domain: its statuses and notifications disappear for them, and follows to and from
 * accounts there end (through {@link FollowService}), as Mastodon's user-level domain block does.
 */
public final class DomainBlockService {

    private final Database db;
    private final RelationshipStore store;
    private final FollowStore followStore;
    private final FollowService follows;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public DomainBlockService(Database db, RelationshipStore store, FollowStore followStore, FollowService follows, IdGenerator ids, Clock clock, EventBus events) {
        this.followStore = followStore;
        this.db = db;
        this.store = store;
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
            for (FollowStore.Pair p : followStore.withDomain(h, accountId, domain)) follows.unfollow(p.followerId(), p.targetId());
            int added = store.insertDomainBlock(h, ids.next(), accountId, domain, clock.instant());
            if (added > 0) events.publish(new BlockEvents.DomainBlocked(accountId, domain));
            return null;
        });
    }

    public void unblock(long accountId, String rawDomain) {
        String domain = normalize(rawDomain);
        db.write(h -> {
            int removed = store.deleteDomainBlock(h, accountId, domain);
            if (removed > 0) events.publish(new BlockEvents.DomainUnblocked(accountId, domain));
            return null;
        });
    }
}

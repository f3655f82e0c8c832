package social.atoll.core.relationship;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Muting: the muted account's posts leave the home feed and lists and stay out of them (profiles still show them);
 * with {@code notifications} their notifications are hidden too. A mute may expire; an expired mute counts as none
 * everywhere it is read ({@code expires_at > now}).
 */
public final class MuteService {

    /** Longest mute with a duration; Mastodon has no limit, this only keeps the arithmetic sane. */
    private static final long MAX_DURATION_SECONDS = Duration.ofDays(36_500).toSeconds();

    private final Database db;
    private final RelationshipStore store;
    private final AccountStore accounts;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public MuteService(Database db, RelationshipStore store, AccountStore accounts, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Mutes {@code targetId}, or changes an existing mute's options. {@code durationSeconds} 0 (or null) means
     * forever.
     */
    public void mute(long accountId, long targetId, boolean notifications, Long durationSeconds) {
        if (accountId == targetId) throw new ForbiddenException("This action is not allowed");
        if (durationSeconds != null && (durationSeconds < 0 || durationSeconds > MAX_DURATION_SECONDS))
            throw new ValidationException("Duration is invalid");
        Instant now = clock.instant();
        Instant expires = durationSeconds == null || durationSeconds == 0 ? null : now.plusSeconds(durationSeconds);
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            store.upsertMute(h, ids.next(), accountId, targetId, notifications, expires, now);
            events.publish(new BlockEvents.Muted(accountId, targetId, notifications));
            return null;
        });
    }

    public void unmute(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            int removed = store.deleteMute(h, accountId, targetId);
            if (removed > 0) events.publish(new BlockEvents.Unmuted(accountId, targetId));
            return null;
        });
    }
}

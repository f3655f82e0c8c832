package social.atoll.core.invite;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.core.account.SignUpService;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.ActionLogStore;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Invitations to sign up, as Mastodon's: whoever holds {@code invite_users} creates them (with an expiry and a
 * number of uses) and expires their own; staff with {@code manage_invites} see and expire everyone's. A valid code
 * opens sign-up whatever the registration mode and skips approval ({@link SignUpService} asks through
 * {@link SignUpService.Invitations}). Staff expiring someone else's invite, and the command line, are audited.
 */
public final class Invites implements SignUpService.Invitations {

    /** The expiries the web form offers (Mastodon's): 30 minutes to a week; none is "never". */
    public static final List<Duration> EXPIRIES = List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));
    /** The numbers of uses the web form offers; none is unlimited. */
    public static final List<Integer> MAX_USES = List.of(1, 5, 10, 25, 50, 100);
    public static final int MAX_LIST = 200;

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 8;

    private final Database db;
    private final InviteStore store;
    private final ActionLogStore log;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Invites(Database db, InviteStore store, ActionLogStore log, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * A new invite by {@code actor}.
     *
     * @param maxUses   null for unlimited, else at least 1
     * @param expiresIn null for never, else positive
     */
    public Invite create(StaffAccess.Actor actor, Integer maxUses, Duration expiresIn) {
        StaffAccess.require(actor, Permission.INVITE_USERS);
        if (maxUses != null && (maxUses < 1 || maxUses > 100_000)) throw new ValidationException("Max uses must be between 1 and 100000");
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) throw new ValidationException("Expiry must be in the future");
        Instant now = clock.instant();
        Invite invite = new Invite(ids.next(), actor.accountId(), code(), expiresIn == null ? null : now.plus(expiresIn), maxUses, 0, now);
        db.write(h -> {
            store.insert(h, invite);
            if (actor.system()) log.record(h, actor, "create", "Invite", invite.id(), invite.code(), Map.of());
            return null;
        });
        return invite;
    }

    /** The actor's own invites, newest first. */
    public List<Invite> mine(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.INVITE_USERS);
        return store.byAccount(actor.accountId(), MAX_LIST);
    }

    /** Everyone's invites, newest first ({@code manage_invites}). */
    public List<Invite> all(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_INVITES);
        return store.all(MAX_LIST);
    }

    /** Ends an invite now: its creator may, and staff with {@code manage_invites}. */
    public Invite expire(StaffAccess.Actor actor, long id) {
        Invite invite = store.byId(id).orElseThrow(() -> new NotFoundException("invite"));
        boolean own = !actor.system() && invite.accountId() != null && invite.accountId().equals(actor.accountId());
        if (own) StaffAccess.require(actor, Permission.INVITE_USERS);
        else if (!StaffAccess.can(actor, Permission.MANAGE_INVITES)) throw new NotFoundException("invite");
        db.write(h -> {
            store.expire(h, id, clock.instant());
            if (!own) log.record(h, actor, "expire", "Invite", id, invite.code(), Map.of());
            return null;
        });
        return store.byId(id).orElseThrow();
    }

    /** The invite behind a code, valid or not (the sign-up page says which). */
    public Optional<Invite> byCode(String code) {
        return code == null || code.isBlank() ? Optional.empty() : store.byCode(code.strip());
    }

    @Override
    public boolean valid(String code) { return byCode(code).map(i -> i.valid(clock.instant())).orElse(false); }

    @Override
    public boolean claim(String code) { return store.claim(code, clock.instant()); }

    private String code() {
        StringBuilder b = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }
}

package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.AccountStore.Mark;
import social.atoll.core.auth.Tokens;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.UserText;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * The strike → appeal loop, as Mastodon's {@code AppealService}, {@code ApproveAppealService} and
 * {@code Admin::Disputes::AppealsController}: the person sees their strikes and may appeal each once, within
 * {@link #WINDOW} of it, with a text of at most {@link #MAX_TEXT} characters; staff with {@code manage_appeals}
 * approve (the strike's action is undone and the strike overruled) or reject; both audited, and the person is told.
 *
 * <p>A person reaches their strike either signed in, or, as a suspended or disabled account cannot sign in, through
 * the link of the strike's mail, whose key only this server's copy of its digest can check.
 */
public final class Appeals {

    /** Mastodon's {@code Appeal::MAX_STRIKE_AGE}. */
    public static final Duration WINDOW = Duration.ofDays(20);
    /** Mastodon's limit on an appeal's text. */
    public static final int MAX_TEXT = 2_000;

    /** A strike as its person sees it: the appeal if made, and whether one may still be made (and until when). */
    public record StrikeView(AccountWarning warning, Appeal appeal, boolean appealable, Instant appealableUntil) {}

    /** An appeal in the moderators' queue, with its strike. */
    public record Pending(Appeal appeal, AccountWarning warning) {}

    private final Database db;
    private final AccountStore accounts;
    private final AccountWarningStore warnings;
    private final AppealStore appeals;
    private final ActionLogStore log;
    private final ModerationNotices notices;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public Appeals(Database db, AccountStore accounts, AccountWarningStore warnings, AppealStore appeals, ActionLogStore log,
                   ModerationNotices notices, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.accounts = accounts;
        this.warnings = warnings;
        this.appeals = appeals;
        this.log = log;
        this.notices = notices;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    // ---- the person's side

    /** The person's own strikes, newest first. */
    public List<StrikeView> strikesOf(long personId) {
        List<AccountWarning> list = warnings.of(personId);
        Map<Long, Appeal> found = appeals.byWarnings(list.stream().map(AccountWarning::id).toList());
        List<StrikeView> out = new ArrayList<>();
        for (AccountWarning w : list) out.add(view(w, found.get(w.id())));
        return out;
    }

    /** One of the person's strikes; another's is "not found", revealing nothing. */
    public StrikeView strike(long personId, long warningId) { return view(own(personId, warningId)); }

    /** A strike opened with the key of its mail (no sign-in); a wrong key is "not found". */
    public StrikeView strikeByKey(long warningId, String key) { return view(byKey(warningId, key)); }

    public Appeal appeal(long personId, long warningId, String text) { return file(own(personId, warningId), text); }

    public Appeal appealByKey(long warningId, String key, String text) { return file(byKey(warningId, key), text); }

    private AccountWarning own(long personId, long warningId) {
        AccountWarning w = warnings.byIds(List.of(warningId)).get(warningId);
        if (w == null || w.targetAccountId() != personId) throw new NotFoundException("strike");
        return w;
    }

    private AccountWarning byKey(long warningId, String key) {
        if (key == null || key.isBlank() || !warnings.keyMatches(warningId, Tokens.sha256(key))) throw new NotFoundException("strike");
        return warnings.byIds(List.of(warningId)).get(warningId);
    }

    private StrikeView view(AccountWarning w) { return view(w, appeals.byWarnings(List.of(w.id())).get(w.id())); }

    private StrikeView view(AccountWarning w, Appeal a) {
        Instant until = w.createdAt().plus(WINDOW);
        return new StrikeView(w, a, a == null && w.overruledAt() == null && clock.instant().isBefore(until), until);
    }

    private Appeal file(AccountWarning w, String text) {
        String t = text == null ? "" : UserText.multiLine(text).strip();
        if (t.isEmpty()) throw new ValidationException("Text can't be blank");
        if (t.codePointCount(0, t.length()) > MAX_TEXT) throw new ValidationException("Text is too long (maximum is 2000 characters)");
        StrikeView v = view(w);
        if (v.appeal() != null) throw new ValidationException("This strike has already been appealed");
        if (!v.appealable()) throw new ValidationException("It is too late to appeal this strike");
        Instant now = clock.instant();
        Appeal a = new Appeal(ids.next(), w.targetAccountId(), w.id(), t, null, null, null, null, now, now);
        return db.write(h -> {
            if (!appeals.insert(h, a)) throw new ValidationException("This strike has already been appealed");
            accounts.byId(a.accountId()).ifPresent(person -> notices.appealFiled(h, person, a));
            return a;
        });
    }

    // ---- the moderators' side ({@code manage_appeals})

    /** Undecided appeals, newest first. */
    public List<Pending> pending(StaffAccess.Actor actor, Long maxId, int limit) {
        StaffAccess.require(actor, Permission.MANAGE_APPEALS);
        List<Appeal> list = appeals.pending(maxId, Math.max(1, Math.min(limit, 100)));
        Map<Long, AccountWarning> ws = warnings.byIds(list.stream().map(Appeal::accountWarningId).toList());
        return list.stream().map(a -> new Pending(a, ws.get(a.accountWarningId()))).toList();
    }

    /** The appeals of these strikes, by strike id, for rendering what a checked call returned. */
    public Map<Long, Appeal> ofStrikes(Collection<Long> warningIds) { return appeals.byWarnings(warningIds); }

    /**
     * Approves: undoes what can be undone of the strike's action (unsuspend, unsilence, unsensitive, enable), marks the
     * strike overruled, audits {@code approve Appeal}, tells the person. Only a pending appeal can be decided.
     */
    public Appeal approve(StaffAccess.Actor actor, long appealId) { return decide(actor, appealId, true); }

    /** Rejects: the action stays; audited as {@code reject Appeal}; the person is told. */
    public Appeal reject(StaffAccess.Actor actor, long appealId) { return decide(actor, appealId, false); }

    private Appeal decide(StaffAccess.Actor actor, long appealId, boolean approve) {
        StaffAccess.require(actor, Permission.MANAGE_APPEALS);
        return db.write(h -> {
            Appeal a = appeals.byId(h, appealId).orElseThrow(() -> new NotFoundException("appeal"));
            if (!a.pending()) throw new ForbiddenException("This action is not allowed");
            AccountWarning w = warnings.byIds(List.of(a.accountWarningId())).get(a.accountWarningId());
            Account person = accounts.byId(a.accountId()).orElseThrow(() -> new NotFoundException("account"));
            Instant now = clock.instant();
            appeals.decide(h, a.id(), approve, actor.accountId(), now);
            if (approve) {
                undo(h, person, w.action(), now);
                warnings.overrule(h, w.id(), now);
            }
            log.record(h, actor, approve ? "approve" : "reject", "Appeal", a.id(), person.acct(), Map.of("strike", Long.toString(w.id())));
            notices.appealDecided(h, person, w, approve, now);
            return appeals.byId(h, a.id()).orElseThrow();
        });
    }

    /** Mastodon's {@code undo_strike_action!}: what the strike did is reversed; a bare warning has nothing to undo. */
    private void undo(org.jdbi.v3.core.Handle h, Account person, String action, Instant now) {
        switch (action) {
            case "suspend" -> {
                accounts.mark(h, person.id(), Mark.SUSPENDED, null, now);
                events.publish(new AccountModeration.AccountActioned(person.id(), "unsuspend"));
            }
            case "silence" -> {
                accounts.mark(h, person.id(), Mark.SILENCED, null, now);
                events.publish(new AccountModeration.AccountActioned(person.id(), "unsilence"));
            }
            case "sensitive" -> {
                accounts.mark(h, person.id(), Mark.SENSITIZED, null, now);
                events.publish(new AccountModeration.AccountActioned(person.id(), "unsensitive"));
            }
            case "disable" -> accounts.setDisabled(h, person.id(), false);
            default -> { }
        }
    }
}

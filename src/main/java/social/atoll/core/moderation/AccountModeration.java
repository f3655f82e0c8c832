package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.AccountStore.Mark;
import social.atoll.core.account.User;
import social.atoll.core.auth.OAuthStore;
import social.atoll.core.auth.WebSessionStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.deletion.AccountDeletion;
import social.atoll.core.deletion.AccountDeletionStore;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Staff actions on accounts, one method each, for every door (admin API, web dashboard, CLI). Each checks the
 * actor's permission ({@link StaffAccess}), acts in one transaction, writes its audit-log row, and for an action
 * against a local account records a strike the person is notified of, as Mastodon's {@code Admin::AccountAction}:
 * <ul>
 * <li>{@code suspend} — local: every token revoked and every browser session ended; profile and posts hidden
 * (the actor and its objects answer 410). Remote: follows both ways removed, posts hidden, its activities refused.</li>
 * <li>{@code silence} — kept off public timelines and trends; its posts reach followers only.</li>
 * <li>{@code sensitive} — its media are marked sensitive, now and on every later post.</li>
 * <li>{@code disable} — local only: cannot sign in, data kept.</li>
 * </ul>
 * Acting on another staff member needs a higher role (Mastodon's rule).
 */
public final class AccountModeration {

    public static final Set<String> ACTIONS = Set.of("none", "sensitive", "disable", "silence", "suspend");

    /** Announced after an action so other layers (federation) can react; {@code type} is Mastodon's action name. */
    public record AccountActioned(long accountId, String type) {}

    /** The options of {@code POST /api/v1/admin/accounts/:id/action}. */
    public record ActionRequest(String type, Long reportId, String text, Long warningPresetId, boolean sendNotification) {}

    private final Database db;
    private final AccountStore accounts;
    private final AdminAccountStore adminAccounts;
    private final OAuthStore oauth;
    private final WebSessionStore webSessions;
    private final StatusStore statuses;
    private final StatusService statusService;
    private final FollowStore followStore;
    private final FollowService follows;
    private final NotificationStore notifications;
    private final AccountWarningStore warnings;
    private final AdminReportStore reports;
    private final ActionLogStore log;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;
    private final ModerationExtrasStore extras;
    private final AppealStore appeals;
    private final ModerationNotices notices;
    private final AccountDeletion deletion;
    private final Roles roles;

    public AccountModeration(Database db, AccountStore accounts, AdminAccountStore adminAccounts, OAuthStore oauth,
                             WebSessionStore webSessions, StatusStore statuses, StatusService statusService, FollowStore followStore,
                             FollowService follows, NotificationStore notifications, AccountWarningStore warnings, AdminReportStore reports,
                             ActionLogStore log, IdGenerator ids, Clock clock, EventBus events, ModerationExtrasStore extras,
                             AppealStore appeals, ModerationNotices notices, AccountDeletion deletion, Roles roles) {
        this.roles = roles;
        this.extras = extras;
        this.appeals = appeals;
        this.notices = notices;
        this.db = db;
        this.accounts = accounts;
        this.adminAccounts = adminAccounts;
        this.oauth = oauth;
        this.webSessions = webSessions;
        this.statuses = statuses;
        this.statusService = statusService;
        this.followStore = followStore;
        this.follows = follows;
        this.notifications = notifications;
        this.warnings = warnings;
        this.reports = reports;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.deletion = deletion;
    }

    /** Reading accounts as staff needs {@code manage_users}. */
    public List<AdminAccountStore.Entry> list(StaffAccess.Actor actor, AdminAccountStore.Filter filter, social.atoll.core.common.IdRange range) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        List<Long> staffRoles = filter.staff() ? roles.all().stream().filter(StaffRole::staff).map(StaffRole::id).toList() : List.of();
        return adminAccounts.list(filter, range, staffRoles);
    }

    public AdminAccountStore.Entry get(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        return adminAccounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
    }

    /** Accounts by id for rendering what a checked call returned (reporters, assignees); no check of its own. */
    public List<AdminAccountStore.Entry> entries(List<Long> ids) { return adminAccounts.entries(ids); }

    /** Strikes by id, for rendering the person's {@code moderation_warning} notifications. */
    public Map<Long, AccountWarning> warnings(java.util.Collection<Long> ids) { return warnings.byIds(ids); }

    /** The appeals of these strikes, by strike id (Mastodon's AccountWarning {@code appeal}), for rendering. */
    public Map<Long, Appeal> appeals(java.util.Collection<Long> warningIds) { return appeals.byWarnings(warningIds); }

    /** The strikes against an account, newest first, as staff see them ({@code manage_users}). */
    public List<AccountWarning> strikes(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        return warnings.of(accountId);
    }

    /** Mastodon's account action: {@code none}, {@code sensitive}, {@code disable}, {@code silence}, {@code suspend}. */
    public void act(StaffAccess.Actor actor, long accountId, ActionRequest req) {
        String type = req.type() == null ? "" : req.type();
        if (!ACTIONS.contains(type)) throw new ValidationException("Type is not included in the list");
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        AdminAccountStore.Entry target = target(actor, accountId);
        Account a = target.account();
        if (type.equals("disable") && !a.local()) throw new ForbiddenException("This action is not allowed");
        Instant now = clock.instant();
        db.write(h -> {
            AdminReport report = null;
            // Mastodon's text_for_warning: the preset's text, then the moderator's own words
            String text = req.text() == null ? "" : req.text().strip();
            if (req.warningPresetId() != null) {
                WarningPreset preset = extras.preset(h, req.warningPresetId()).orElseThrow(() -> new NotFoundException("warning preset"));
                text = text.isEmpty() ? preset.text() : preset.text() + "\n\n" + text;
            }
            ActionRequest filled = new ActionRequest(type, req.reportId(), text, req.warningPresetId(), req.sendNotification());
            if (req.reportId() != null) {
                report = reports.byId(h, req.reportId()).orElseThrow(() -> new NotFoundException("report"));
                if (report.targetAccountId() != accountId) throw new NotFoundException("report");
            }
            switch (type) {
                case "sensitive" -> sensitize(h, a, now);
                case "disable" -> accounts.setDisabled(h, a.id(), true);
                case "silence" -> accounts.mark(h, a.id(), Mark.SILENCED, now, now);
                case "suspend" -> suspend(h, a, now);
                default -> { }
            }
            if (!type.equals("none")) log.record(h, actor, type, "Account", a.id(), a.acct(), details(filled));
            // "none" with a report marks just that report handled; a real action settles every open report about the account
            List<Long> resolved = type.equals("none") ? (report == null ? List.of() : List.of(report.id())) : reports.openAbout(h, a.id());
            for (long r : resolved) {
                reports.resolution(h, r, now, actor.accountId(), now);
                log.record(h, actor, "resolve", "Report", r, Long.toString(r), Map.of());
                reports.byId(h, r).ifPresent(done -> notices.reportResolved(h, done, now));
            }
            if (a.local()) strike(h, actor, a, type, filled, report, now);
            events.publish(new AccountActioned(a.id(), type));
            return null;
        });
    }

    private void strike(Handle h, StaffAccess.Actor actor, Account a, String type, ActionRequest req, AdminReport report, Instant now) {
        String text = req.text() == null ? "" : req.text();
        AccountWarning w = new AccountWarning(ids.next(), actor.accountId(), a.id(), type, text,
                report == null ? List.of() : report.statusIds(), report == null ? null : report.id(), null, now);
        warnings.insert(h, w);
        // Mastodon logs a bare warning only when it says something; the other actions have their own row
        if (type.equals("none") && !text.isBlank()) log.record(h, actor, "create", "AccountWarning", w.id(), a.acct(), Map.of("text", text));
        if (req.sendNotification()) {
            notifications.addModerationWarning(h, a.id(), w.id(), now);
            // the mail's link opens the strike without signing in: a suspended or disabled person cannot sign in, yet may appeal
            String key = social.atoll.core.auth.Tokens.random();
            warnings.setAccessDigest(h, w.id(), social.atoll.core.auth.Tokens.sha256(key));
            notices.strike(a, w, key);
        }
    }

    private void sensitize(Handle h, Account a, Instant now) {
        accounts.mark(h, a.id(), Mark.SENSITIZED, now, now);
        statuses.markMediaSensitive(h, a.id());
    }

    private void suspend(Handle h, Account a, Instant now) {
        accounts.mark(h, a.id(), Mark.SUSPENDED, now, now);
        if (a.local()) {
            oauth.revokeAllOf(h, a.id(), now);
            webSessions.deleteAllOf(h, a.id());
        } else {
            cutFollows(h, a.id());
        }
    }

    /** Removes every follow and follow request between a remote account and this server, both ways. */
    void cutFollows(Handle h, long accountId) {
        for (long t : followStore.followedOrRequested(h, accountId)) follows.unfollow(accountId, t);
        for (long f : followStore.followersOrRequesters(h, accountId)) follows.unfollow(f, accountId);
    }

    public void unsuspend(StaffAccess.Actor actor, long accountId) { clear(actor, accountId, Mark.SUSPENDED, "unsuspend"); }

    public void unsilence(StaffAccess.Actor actor, long accountId) { clear(actor, accountId, Mark.SILENCED, "unsilence"); }

    public void unsensitive(StaffAccess.Actor actor, long accountId) { clear(actor, accountId, Mark.SENSITIZED, "unsensitive"); }

    private void clear(StaffAccess.Actor actor, long accountId, Mark mark, String action) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        Account a = target(actor, accountId).account();
        // a deleted account's data is gone and its Delete was sent: there is nothing left to restore
        if (mark == Mark.SUSPENDED && a.local() && deletion.started(a.id())) throw new ForbiddenException("This action is not allowed");
        db.write(h -> {
            accounts.mark(h, a.id(), mark, null, clock.instant());
            log.record(h, actor, action, "Account", a.id(), a.acct(), Map.of());
            events.publish(new AccountActioned(a.id(), action));
            return null;
        });
    }

    public void enable(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        AdminAccountStore.Entry t = target(actor, accountId);
        if (t.user() == null) throw new ForbiddenException("This action is not allowed");
        db.write(h -> {
            accounts.setDisabled(h, accountId, false);
            log.record(h, actor, "enable", "User", t.user().id(), t.account().acct(), Map.of());
            return null;
        });
    }

    /**
     * Confirms a local account's e-mail address for a person whose confirmation mail never arrived (from the
     * dashboard or {@code atoll admin accounts confirm}); refused when it is confirmed already.
     */
    public void confirm(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        AdminAccountStore.Entry t = target(actor, accountId);
        if (t.user() == null || t.user().confirmedAt() != null) throw new ForbiddenException("This action is not allowed");
        db.write(h -> {
            if (!accounts.setConfirmed(h, accountId, clock.instant())) return null;
            log.record(h, actor, "confirm", "User", t.user().id(), t.account().acct(), Map.of());
            return null;
        });
    }

    /** Approves a pending sign-up. */
    public void approve(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        AdminAccountStore.Entry t = target(actor, accountId);
        if (t.user() == null || t.user().approved()) throw new ForbiddenException("This action is not allowed");
        db.write(h -> {
            accounts.setApproved(h, accountId);
            log.record(h, actor, "approve", "User", t.user().id(), t.account().acct(), Map.of());
            notices.signUpDecided(t.account(), t.user(), true);
            return null;
        });
    }

    /** Rejects a pending sign-up: the account is deleted, and its name and address are free again. */
    public void reject(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        AdminAccountStore.Entry t = target(actor, accountId);
        if (t.user() == null || t.user().approved()) throw new ForbiddenException("This action is not allowed");
        db.write(h -> {
            log.record(h, actor, "reject", "User", t.user().id(), t.account().acct(), Map.of("email", t.user().email()));
            accounts.deleteAccount(h, accountId);
            notices.signUpDecided(t.account(), t.user(), false);
            return null;
        });
    }

    /**
     * Deletes the data of a suspended account (Mastodon: {@code delete_user_data}). A local account goes through
     * the full deletion ({@link AccountDeletion}: {@code Delete} of the actor to every server that knows it, then a
     * purge job; its row keeps the name reserved). A remote account's statuses are removed here.
     */
    public void deleteData(StaffAccess.Actor actor, long accountId) {
        StaffAccess.require(actor, Permission.DELETE_USER_DATA);
        Account a = target(actor, accountId).account();
        if (!a.suspended()) throw new ForbiddenException("This action is not allowed");
        if (a.local()) {
            boolean first = !deletion.started(a.id());
            deletion.begin(a.id(), AccountDeletionStore.Origin.STAFF);
            if (first) db.write(h -> {
                log.record(h, actor, "destroy", "Account", a.id(), a.acct(), Map.of());
                return null;
            });
            return;
        }
        List<Status> all = statuses.allRowsOf(a.id());
        db.write(h -> {
            for (Status s : all) if (statuses.byId(s.id()).isPresent()) statusService.delete(s);
            if (a.local()) accounts.eraseLocalProfile(h, a.id(), clock.instant());
            log.record(h, actor, "destroy", "Account", a.id(), a.acct(), Map.of("statuses", all.size()));
            return null;
        });
    }

    /**
     * Sets a local account's e-mail address without a confirmation mail (Mastodon's admin {@code change_email},
     * {@code manage_users}); the address counts as confirmed when {@code confirm} is also asked.
     */
    public void changeEmail(StaffAccess.Actor actor, long accountId, String email) {
        StaffAccess.require(actor, Permission.MANAGE_USERS);
        AdminAccountStore.Entry t = target(actor, accountId);
        if (t.user() == null) throw new ForbiddenException("This action is not allowed");
        String e = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        if (!social.atoll.core.account.AccountService.validEmail(e)) throw new ValidationException("Email is invalid");
        if (e.equals(t.user().email())) return;
        db.write(h -> {
            if (adminAccounts.emailTaken(h, e, t.user().id())) throw new ValidationException("Email has already been taken");
            adminAccounts.setEmail(h, t.user().id(), e);
            log.record(h, actor, "change_email", "User", t.user().id(), t.account().acct(), Map.of("from", t.user().email(), "to", e));
            return null;
        });
    }

    private AdminAccountStore.Entry target(StaffAccess.Actor actor, long accountId) {
        AdminAccountStore.Entry t = adminAccounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
        if (actor.accountId() != null && actor.accountId() == accountId) throw new ForbiddenException("This action is not allowed");
        if (t.user() != null) StaffAccess.requireOutranks(actor, roles.of(t.user()));
        return t;
    }

    private static Map<String, Object> details(ActionRequest req) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (req.reportId() != null) d.put("report_id", req.reportId().toString());
        if (req.text() != null && !req.text().isBlank()) d.put("text", req.text());
        return d;
    }
}

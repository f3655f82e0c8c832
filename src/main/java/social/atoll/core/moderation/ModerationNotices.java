package social.atoll.core.moderation;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationStore;

/**
 * What moderation tells the people it concerns, in the transaction of the step that caused it (a mail is queued as
 * a job there, so it goes out only if the step committed): the strike mail, the decision on an appeal, and the
 * reporter's word that their report was handled. Only local people with an address get mail.
 */
public final class ModerationNotices {

    private final AccountStore accounts;
    private final NotificationStore notifications;
    private final MailService mail;
    private final Settings settings;
    private final Roles roles;

    public ModerationNotices(AccountStore accounts, NotificationStore notifications, MailService mail, Settings settings, Roles roles) {
        this.roles = roles;
        this.accounts = accounts;
        this.notifications = notifications;
        this.mail = mail;
        this.settings = settings;
    }

    /** The page of a strike; with {@code key}, the link that opens it without signing in. */
    public String strikeLink(long warningId, String key) {
        return settings.url("/disputes/strikes/" + warningId + (key == null ? "" : "?key=" + key));
    }

    /** Mastodon's {@code UserMailer.warning}: the action, the moderator's words, and the way to the strike (and its appeal). */
    void strike(Account target, AccountWarning w, String key) {
        user(target.id()).ifPresent(u -> mail.send(new Letter(Letter.Kind.ACCOUNT_WARNING, u.email(), target.username(),
                strikeLink(w.id(), key), u.locale(), w.action(), w.text() == null || w.text().isBlank() ? List.of() : List.of(w.text()))));
    }

    /** Mastodon's {@code UserMailer.appeal_approved} / {@code appeal_rejected}, and a notification naming the strike. */
    void appealDecided(Handle h, Account person, AccountWarning w, boolean approved, Instant now) {
        notifications.addSelfNotice(h, person.id(), Notification.APPEAL_DECIDED, null, w.id(), now);
        user(person.id()).ifPresent(u -> mail.send(new Letter(Letter.Kind.APPEAL_DECIDED, u.email(), person.username(),
                strikeLink(w.id(), null), u.locale(), approved ? "approved" : "rejected", List.of())));
    }

    /**
     * Mastodon's {@code AdminMailer.new_appeal}: every staff member whose role may decide appeals ({@code manage_appeals})
     * is mailed the appeal, with the way to the queue.
     */
    void appealFiled(Handle h, Account person, Appeal appeal) {
        for (long staffId : roles.accountsThatCan(h, Permission.MANAGE_APPEALS)) {
            Account staff = accounts.byId(staffId).orElse(null);
            if (staff == null || staff.suspended()) continue;
            user(staffId).ifPresent(u -> mail.send(new Letter(Letter.Kind.NEW_APPEAL, u.email(), staff.username(),
                    settings.url("/admin/appeals"), u.locale(), null, List.of("@" + person.acct() + ": " + appeal.text()))));
        }
    }

    /** The reporter (when local) hears that their report was handled: a notification and a mail. */
    void reportResolved(Handle h, AdminReport r, Instant now) {
        Account reporter = accounts.byId(r.accountId()).orElse(null);
        if (reporter == null || !reporter.local() || reporter.suspended()) return;
        notifications.addSelfNotice(h, reporter.id(), Notification.REPORT_RESOLVED, r.id(), null, now);
        user(reporter.id()).ifPresent(u -> mail.send(new Letter(Letter.Kind.REPORT_RESOLVED, u.email(), reporter.username(),
                settings.url("/notifications"), u.locale())));
    }

    /**
     * The person who asked to join hears the answer: approved, with the way to sign in; rejected, so they do not wait
     * for an answer that will not come (the account is deleted, so the mail goes to the address the sign-up gave).
     */
    void signUpDecided(Account person, User user, boolean approved) {
        if (user.email() == null || user.email().isBlank()) return;
        mail.send(approved
                ? new Letter(Letter.Kind.SIGN_UP_APPROVED, user.email(), person.username(), settings.url("/auth/sign_in"), user.locale())
                : new Letter(Letter.Kind.SIGN_UP_REJECTED, user.email(), person.username(), null, user.locale()));
    }

    private java.util.Optional<User> user(long accountId) {
        return accounts.userByAccountId(accountId).filter(u -> u.email() != null && !u.email().isBlank());
    }
}

package social.atoll.core.notification;

import java.util.List;
import social.atoll.config.Settings;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.infra.events.EventBus;

/**
 * The optional notification mails: a mention, a direct message, a new follower or a follow request is also mailed
 * when the recipient chose so ({@link NotificationMailChoices}), queued in the notification's own transaction through
 * the mail job. Filtered notifications are never announced, so never mailed.
 */
public final class NotificationMails {

    private final NotificationPolicyStore store;
    private final MailService mail;
    private final Settings settings;

    public NotificationMails(NotificationPolicyStore store, MailService mail, Settings settings) {
        this.store = store;
        this.mail = mail;
        this.settings = settings;
    }

    public void register(EventBus events) {
        events.inTransaction(NotificationEvents.Created.class, (h, e) -> store.mailFacts(h, e.accountId(), e.notificationId()).ifPresent(f -> {
            NotificationMailChoices choices = f.choices();
            String acct = f.fromDomain() == null ? f.fromUsername() : f.fromUsername() + "@" + f.fromDomain();
            String name = f.fromName() == null || f.fromName().isBlank() ? f.fromUsername() : f.fromName();
            Letter.Kind kind;
            String link;
            switch (f.type()) {
                case Notification.MENTION -> {
                    boolean direct = "direct".equals(f.visibility());
                    if (direct ? !choices.direct() : !choices.mention()) return;
                    kind = direct ? Letter.Kind.NOTIFY_DIRECT : Letter.Kind.NOTIFY_MENTION;
                    link = settings.url("/@" + acct + "/" + f.statusId());
                }
                case Notification.FOLLOW -> {
                    if (!choices.follow()) return;
                    kind = Letter.Kind.NOTIFY_FOLLOW;
                    link = settings.url("/@" + acct);
                }
                case Notification.FOLLOW_REQUEST -> {
                    if (!choices.followRequest()) return;
                    kind = Letter.Kind.NOTIFY_FOLLOW_REQUEST;
                    link = settings.url("/notifications");
                }
                default -> {
                    return;
                }
            }
            mail.send(new Letter(kind, f.email(), f.username(), link, f.locale(), List.of("@" + acct, name)));
        }));
    }
}

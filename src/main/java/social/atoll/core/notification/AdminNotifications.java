package social.atoll.core.notification;

import java.time.Clock;
import java.util.List;
import social.atoll.core.account.AccountService;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.moderation.ReportService;
import social.atoll.infra.events.EventBus;

/**
 * Mastodon's notifications to staff, in the transaction of their cause: {@code admin.sign_up} when a local account is
 * created and {@code admin.report} when a report is filed. Staff are the local users with the moderator, admin or
 * owner role (those roles can manage users and reports); the actor is never told about itself
 * ({@link NotificationStore#add} skips it).
 */
public final class AdminNotifications {

    private static final List<String> STAFF_ROLES = List.of(User.Role.MODERATOR.id(), User.Role.ADMIN.id(), User.Role.OWNER.id());

    private final NotificationStore store;
    private final AccountStore accounts;
    private final Clock clock;

    public AdminNotifications(NotificationStore store, AccountStore accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(AccountService.LocalAccountCreated.class, (h, e) -> {
            long newcomer = e.account().id();
            for (long staff : accounts.withRoles(h, STAFF_ROLES)) store.add(h, staff, newcomer, Notification.ADMIN_SIGN_UP, null, clock.instant());
        });
        events.inTransaction(ReportService.ReportCreated.class, (h, e) -> {
            var report = e.report();
            for (long staff : accounts.withRoles(h, STAFF_ROLES))
                store.add(h, staff, report.accountId(), Notification.ADMIN_REPORT, null, report.id(), clock.instant());
        });
    }
}

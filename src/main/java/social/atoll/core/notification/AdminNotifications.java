package social.atoll.core.notification;

import java.time.Clock;
import social.atoll.core.account.AccountService;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.moderation.Roles;
import social.atoll.infra.events.EventBus;

/**
 * Mastodon's notifications to staff, in the transaction of their cause: {@code admin.sign_up} when a local account is
 * created and {@code admin.report} when a report is filed. Staff are the local users whose role may act on them
 * ({@code manage_users} for sign-ups, {@code manage_reports} for reports, as Mastodon's {@code those_who_can}); the actor is never told about itself
 * ({@link NotificationStore#add} skips it).
 */
public final class AdminNotifications {

    private final NotificationStore store;
    private final Roles roles;
    private final Clock clock;

    public AdminNotifications(NotificationStore store, Roles roles, Clock clock) {
        this.store = store;
        this.roles = roles;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(AccountService.LocalAccountCreated.class, (h, e) -> {
            long newcomer = e.account().id();
            for (long staff : roles.accountsThatCan(h, Permission.MANAGE_USERS)) store.add(h, staff, newcomer, Notification.ADMIN_SIGN_UP, null, clock.instant());
        });
        events.inTransaction(ReportService.ReportCreated.class, (h, e) -> {
            var report = e.report();
            for (long staff : roles.accountsThatCan(h, Permission.MANAGE_REPORTS))
                store.add(h, staff, report.accountId(), Notification.ADMIN_REPORT, null, report.id(), clock.instant());
        });
    }
}

package social.atoll.core.notification;

import java.util.List;
import java.util.Optional;
import social.atoll.core.common.IdRange;

/** An account's own notifications: a page of them (narrowed by type or sender), one, dismissing one, clearing all. */
public final class NotificationService {

    private final NotificationStore store;

    public NotificationService(NotificationStore store) { this.store = store; }

    /** Newest first; {@code types} empty: all types; {@code fromAccountId} null: from anyone. */
    public List<Notification> page(long accountId, List<String> types, List<String> excludeTypes, Long fromAccountId, IdRange range) {
        return page(accountId, types, excludeTypes, fromAccountId, false, range);
    }

    /** As above; {@code includeFiltered}: also the notifications the account's policy filtered. */
    public List<Notification> page(long accountId, List<String> types, List<String> excludeTypes, Long fromAccountId, boolean includeFiltered,
                                   IdRange range) {
        return store.page(accountId, new NotificationStore.Filter(types, excludeTypes, fromAccountId, includeFiltered), range);
    }

    public Optional<Notification> own(long accountId, long id) { return store.byId(accountId, id); }

    /** False when the account has no such notification. */
    public boolean dismiss(long accountId, long id) { return store.dismiss(accountId, id); }

    public void clear(long accountId) { store.clear(accountId); }
}

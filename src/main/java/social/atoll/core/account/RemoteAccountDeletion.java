package social.atoll.core.account;

import social.atoll.core.status.RemoteStatusService;
import social.atoll.infra.db.Database;

/**
 * A remote account deleted itself: its statuses go and it stays as a suspended stub (see
 * {@link RemoteAccountService#gone}), all in one transaction, so that an interrupted job leaves no half-removed
 * account.
 */
public final class RemoteAccountDeletion {

    private final Database db;
    private final RemoteStatusService statuses;
    private final RemoteAccountService accounts;

    public RemoteAccountDeletion(Database db, RemoteStatusService statuses, RemoteAccountService accounts) {
        this.db = db;
        this.statuses = statuses;
        this.accounts = accounts;
    }

    public void delete(long accountId) {
        db.write(h -> {
            statuses.deleteAllOf(accountId);
            accounts.gone(accountId);
            return null;
        });
    }
}

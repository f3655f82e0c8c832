package social.atoll.core.account;

import social.atoll.core.media.MediaService;
import social.atoll.core.status.RemoteStatusService;
import social.atoll.infra.db.Database;

/**
 * A remote account deleted itself: its statuses go and it stays as a suspended stub (see
 * {@link RemoteAccountService#gone}), all in one transaction, so that an interrupted job leaves no half-removed
 * account; then the copies of its media this server cached (attachments, avatar, header) are removed, batch by batch.
 */
public final class RemoteAccountDeletion {

    private static final int MEDIA_BATCH = 100;

    private final Database db;
    private final RemoteStatusService statuses;
    private final RemoteAccountService accounts;
    private final MediaService media;

    public RemoteAccountDeletion(Database db, RemoteStatusService statuses, RemoteAccountService accounts, MediaService media) {
        this.db = db;
        this.statuses = statuses;
        this.accounts = accounts;
        this.media = media;
    }

    public void delete(long accountId) {
        db.write(h -> {
            statuses.deleteAllOf(accountId);
            accounts.gone(accountId);
            return null;
        });
        while (media.deleteBatchOf(accountId, MEDIA_BATCH) > 0) { }
    }
}

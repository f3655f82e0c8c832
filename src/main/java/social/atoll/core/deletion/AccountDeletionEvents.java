package social.atoll.core.deletion;

/** What account deletion announces. Federation listens, to send the {@code Delete} of the actor. */
public final class AccountDeletionEvents {
    private AccountDeletionEvents() {}

    /**
     * The deletion of local account {@code accountId} began (published in that transaction, before the purge has
     * removed anything, so listeners can still read who knows the account).
     */
    public record DeletionStarted(long accountId) {}
}

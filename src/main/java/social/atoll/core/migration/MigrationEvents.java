package social.atoll.core.migration;

/** What account migration announces. */
public final class MigrationEvents {
    private MigrationEvents() {}

    /**
     * {@code accountId} moved to {@code targetId} ({@code moveId} names the Move). Published inside the write that
     * recorded it; for a local account federation sends the {@code Move} to its followers' servers.
     */
    public record AccountMoved(long moveId, long accountId, long targetId, boolean local) {}

    /** The aliases ({@code alsoKnownAs}) of local {@code accountId} changed. */
    public record AliasesChanged(long accountId) {}
}

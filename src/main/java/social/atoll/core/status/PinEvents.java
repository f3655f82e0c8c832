package social.atoll.core.status;

/** Pins change an account's featured collection; federation sends {@code Add}/{@code Remove} for them. */
public final class PinEvents {
    private PinEvents() {}

    /** {@code accountId} pinned its own {@code status} to its profile. */
    public record Pinned(long accountId, Status status) {}

    /** {@code accountId} unpinned {@code status}. */
    public record Unpinned(long accountId, Status status) {}
}

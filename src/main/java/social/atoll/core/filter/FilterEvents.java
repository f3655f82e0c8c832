package social.atoll.core.filter;

/** What the filter feature announces (streaming sends {@code filters_changed}). */
public final class FilterEvents {
    private FilterEvents() {}

    /** Any of {@code accountId}'s filters, keywords or filtered statuses changed. */
    public record FiltersChanged(long accountId) {}
}

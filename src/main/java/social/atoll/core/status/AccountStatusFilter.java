package social.atoll.core.status;

/** Filters of an account's status list ({@code GET /api/v1/accounts/:id/statuses}). */
public record AccountStatusFilter(boolean onlyMedia, boolean excludeReplies, boolean excludeReblogs, boolean pinned, String tagged) {}

package social.atoll.core.moderation;

import java.time.Instant;

/** A person's appeal of a strike (Mastodon's {@code Appeal}): pending until a moderator approves or rejects it. */
public record Appeal(long id, long accountId, long accountWarningId, String text, Instant approvedAt, Long approvedByAccountId,
                     Instant rejectedAt, Long rejectedByAccountId, Instant createdAt, Instant updatedAt) {

    /** Mastodon's Appeal entity {@code state}: {@code approved}, {@code rejected} or {@code pending}. */
    public String state() { return approvedAt != null ? "approved" : rejectedAt != null ? "rejected" : "pending"; }

    public boolean pending() { return approvedAt == null && rejectedAt == null; }
}

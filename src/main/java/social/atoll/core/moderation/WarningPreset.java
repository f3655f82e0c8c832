package social.atoll.core.moderation;

import java.time.Instant;

/** A ready-made warning text (Mastodon's {@code AccountWarningPreset}): {@code title} names it in the pickers. */
public record WarningPreset(long id, String title, String text, Instant createdAt, Instant updatedAt) {}

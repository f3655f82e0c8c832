package social.atoll.core.relationship;

import java.util.List;

/**
 * How one account stands toward another, from the viewer's side: Mastodon's Relationship. {@code languages} is
 * null when the viewer follows (or asked to follow) in all languages or does not follow at all. {@code note} is the
 * viewer's private note ({@code ""} when none).
 */
public record Relationship(
        long id,
        boolean following,
        boolean showingReblogs,
        boolean notifying,
        List<String> languages,
        boolean followedBy,
        boolean blocking,
        boolean blockedBy,
        boolean muting,
        boolean mutingNotifications,
        boolean requested,
        boolean requestedBy,
        boolean domainBlocking,
        boolean endorsed,
        String note) {}

package social.atoll.core.account;

import java.time.Instant;

/** An account, local ({@code domain == null}) or remote. Mirrors the {@code accounts} table. */
public record Account(
        long id,
        String username,
        String domain,
        String displayName,
        String note,
        String noteSource,
        String fields,
        String uri,
        String url,
        String actorType,
        String inboxUrl,
        String outboxUrl,
        String sharedInboxUrl,
        String followersUrl,
        String followingUrl,
        String featuredUrl,
        String publicKeyPem,
        String privateKeyPem,
        String publicKeyId,
        String avatarRemoteUrl,
        Long avatarMediaId,
        String headerRemoteUrl,
        Long headerMediaId,
        boolean locked,
        boolean bot,
        boolean discoverable,
        boolean indexable,
        boolean hideCollections,
        boolean memorial,
        Long movedToAccountId,
        String alsoKnownAs,
        int statusesCount,
        int followersCount,
        int followingCount,
        Instant lastStatusAt,
        Instant suspendedAt,
        Instant silencedAt,
        Instant sensitizedAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean local() { return domain == null; }

    public boolean suspended() { return suspendedAt != null; }

    public boolean silenced() { return silencedAt != null; }

    /** A moderator forced its media to be marked sensitive. */
    public boolean sensitized() { return sensitizedAt != null; }

    /** {@code user} for local accounts, {@code user@domain} for remote ones (Mastodon's {@code acct}). */
    public String acct() { return domain == null ? username : username + "@" + domain; }

    /** The unique lookup key stored in {@code acct_key}. */
    public static String key(String username, String domain) {
        return username.toLowerCase(java.util.Locale.ROOT) + "@" + (domain == null ? "" : domain.toLowerCase(java.util.Locale.ROOT));
    }
}

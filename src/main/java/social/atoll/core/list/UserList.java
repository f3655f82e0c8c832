package social.atoll.core.list;

import java.time.Instant;

/** A list a user reads some of the accounts they follow in. Mirrors the {@code lists} table. */
public record UserList(long id, long accountId, String title, String repliesPolicy, boolean exclusive, Instant createdAt) {

    /** Which replies (to someone other than the author) the list shows, as Mastodon's {@code replies_policy}. */
    public static final java.util.Set<String> REPLIES_POLICIES = java.util.Set.of("followed", "list", "none");
}

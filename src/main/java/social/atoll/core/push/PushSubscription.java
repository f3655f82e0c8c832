package social.atoll.core.push;

import java.time.Instant;
import java.util.Set;

/**
 * A Web Push subscription of one access token: where the browser's push service takes messages ({@code endpoint}),
 * the keys that encrypt them for the browser, and which notifications to push. {@code alerts} holds the
 * notification types switched on; {@code policy} is whose notifications are pushed.
 */
public record PushSubscription(long id, long tokenId, long accountId, String endpoint, String keyP256dh, String keyAuth,
                               boolean standard, Set<String> alerts, String policy, Instant createdAt) {

    /** Types an app can switch on, in Mastodon's order. */
    public static final java.util.List<String> ALERT_TYPES = java.util.List.of("mention", "status", "reblog", "follow",
            "follow_request", "favourite", "poll", "update", "admin.sign_up", "admin.report");
    public static final java.util.List<String> POLICIES = java.util.List.of("all", "followed", "follower", "none");
}

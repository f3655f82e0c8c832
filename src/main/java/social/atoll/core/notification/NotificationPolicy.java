package social.atoll.core.notification;

import java.util.Locale;

/**
 * Mastodon 4.3's notification policy: what happens to a notification from each kind of unwanted sender. Each
 * category is {@link Action#ACCEPT accepted}, {@link Action#FILTER filtered} (kept, out of sight, in a request) or
 * {@link Action#DROP dropped} (never created; the favourite or mention itself still happens).
 */
public record NotificationPolicy(Action forNotFollowing, Action forNotFollowers, Action forNewAccounts, Action forPrivateMentions,
                                 Action forLimitedAccounts) {

    /** Mastodon's defaults: private mentions not asked for and moderated (limited) accounts filtered, the rest accepted. */
    public static final NotificationPolicy DEFAULTS = new NotificationPolicy(Action.ACCEPT, Action.ACCEPT, Action.ACCEPT, Action.FILTER, Action.FILTER);

    public enum Action {
        ACCEPT, FILTER, DROP;

        /** As the API and the database write it. */
        public String id() { return name().toLowerCase(Locale.ROOT); }

        /** Null for anything else than accept, filter or drop. */
        public static Action parse(String s) {
            if (s == null) return null;
            return switch (s.trim()) {
                case "accept" -> ACCEPT;
                case "filter" -> FILTER;
                case "drop" -> DROP;
                default -> null;
            };
        }
    }

    /** What the policy holds back: requests and their filtered mentions, each counted up to 100 as Mastodon does. */
    public record Summary(int pendingRequestsCount, int pendingNotificationsCount) {}

    /** A change; null leaves a category as it is. */
    public record Update(Action forNotFollowing, Action forNotFollowers, Action forNewAccounts, Action forPrivateMentions,
                         Action forLimitedAccounts) {}

    NotificationPolicy with(Update u) {
        return new NotificationPolicy(or(u.forNotFollowing(), forNotFollowing), or(u.forNotFollowers(), forNotFollowers),
                or(u.forNewAccounts(), forNewAccounts), or(u.forPrivateMentions(), forPrivateMentions), or(u.forLimitedAccounts(), forLimitedAccounts));
    }

    private static Action or(Action a, Action b) { return a != null ? a : b; }
}

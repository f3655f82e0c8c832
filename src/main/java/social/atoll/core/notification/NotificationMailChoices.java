package social.atoll.core.notification;

/**
 * Which notifications a person also gets by mail. Mastodon mails mentions, follows and follow requests by default;
 * Atoll keeps direct messages apart from other mentions so one can take just those, and mails them by default too.
 */
public record NotificationMailChoices(boolean mention, boolean direct, boolean follow, boolean followRequest) {

    public static final NotificationMailChoices DEFAULTS = new NotificationMailChoices(true, true, true, true);
}

package social.atoll.web.view;

/**
 * "Follow or interact from your server": the visitor's handle ({@code value}, kept when it failed), what to
 * interact with ({@code uri}, an ActivityPub id), where to go back, and why it failed (null when it did not).
 */
public record InteractView(String name, String acct, String uri, String value, String returnTo, String error) {}

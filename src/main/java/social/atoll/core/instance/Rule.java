package social.atoll.core.instance;

/** One server rule, shown at sign-up and in reports. */
public record Rule(long id, String text, String hint) {}

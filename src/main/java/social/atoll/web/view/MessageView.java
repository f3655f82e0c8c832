package social.atoll.web.view;

/** A page that only says something: an error, a refusal, a denial. {@code detail} may be null. */
public record MessageView(String instance, String title, String message, String detail) {}

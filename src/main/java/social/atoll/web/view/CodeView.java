package social.atoll.web.view;

/** The authorization code shown to the user for out-of-band clients (CLIs), to paste into the app. */
public record CodeView(String instance, String appName, String code) {}

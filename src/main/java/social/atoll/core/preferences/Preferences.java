package social.atoll.core.preferences;

/**
 * A user's reading and posting defaults, as clients read them from {@code /api/v1/preferences} and as the web app
 * uses them (the composer preselects the posting defaults; pages follow the reading ones and the theme).
 *
 * @param expandMedia {@code default} | {@code show_all} | {@code hide_all}
 * @param theme       {@code auto} (follow the system) | {@code light} | {@code dark}
 */
public record Preferences(String defaultVisibility, boolean defaultSensitive, String defaultLanguage,
                          String defaultQuotePolicy, String expandMedia, boolean expandSpoilers, boolean autoplayGifs,
                          String theme) {

    /** What a visitor gets, and a user who never changed anything. */
    public static final Preferences DEFAULTS = new Preferences("public", false, null, "public", "default", false, false, "auto");
}

package social.atoll.core.preferences;

/**
 * A user's reading and posting defaults, as clients read them from {@code /api/v1/preferences}.
 *
 * @param expandMedia {@code default} | {@code show_all} | {@code hide_all}
 */
public record Preferences(String defaultVisibility, boolean defaultSensitive, String defaultLanguage,
                          String defaultQuotePolicy, String expandMedia, boolean expandSpoilers) {}

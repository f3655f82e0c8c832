package social.atoll.core.preferences;

/**
 * What the preferences page sets, all at once: posting defaults ({@code visibility} public | unlisted | private,
 * {@code language} a code or blank for none) and reading preferences ({@code theme} auto | light | dark).
 */
public record PreferencesUpdate(String visibility, boolean sensitive, String language, boolean expandSpoilers,
                                boolean autoplayGifs, String theme) {}

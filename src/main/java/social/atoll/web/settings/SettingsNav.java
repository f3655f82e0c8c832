package social.atoll.web.settings;

import java.util.List;

/**
 * The settings area's own navigation, in the order it shows. A new settings page adds its entry here (its text is
 * {@code settings.nav.<key>} in the settings bundle); there are entries only for pages that exist.
 */
public final class SettingsNav {
    private SettingsNav() {}

    /** One page of the settings area. */
    public record Entry(String key, String href) {}

    public static final List<Entry> ENTRIES = List.of(
            new Entry("profile", "/settings/profile"),
            new Entry("preferences", "/settings/preferences"),
            new Entry("interactions", "/settings/interactions"),
            new Entry("notifications", "/settings/notifications"),
            new Entry("applications", "/settings/applications"),
            new Entry("sessions", "/settings/sessions"),
            new Entry("email", "/settings/email"),
            new Entry("password", "/settings/password"),
            new Entry("two_factor", "/settings/two-factor"),
            new Entry("aliases", "/settings/aliases"),
            new Entry("move", "/settings/move"),
            new Entry("export", "/settings/export"),
            new Entry("instagram", "/settings/import/instagram"),
            new Entry("delete", "/settings/delete"));
}

package social.atoll;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Atoll's version, and the Mastodon API level it claims. */
public final class Version {

    /** The highest Mastodon release whose client API Atoll implements; see mastodon-client-api.md §7. */
    public static final String MASTODON_COMPAT = "4.2.0";
    /**
     * {@code api_versions.mastodon}: 2, the level of Mastodon 4.3 with grouped notifications (/api/v2/notifications) and
     * the v2 notification policy (/api/v2/notifications/policy with accept/filter/drop).
     */
    public static final int MASTODON_API_LEVEL = 2;

    public static final String ATOLL = load();

    private Version() {}

    /** {@code 4.2.0 (compatible; Atoll 0.1.0)}, the form Mastodon-compatible servers report. */
    public static String compatible() { return MASTODON_COMPAT + " (compatible; Atoll " + ATOLL + ")"; }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "0.0.0";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}

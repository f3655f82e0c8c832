package social.atoll.core.instance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import social.atoll.infra.db.Database;

/**
 * Instance-wide texts an admin edits at run time, in {@code site_settings} (name → value). Names follow
 * Mastodon's settings: {@code site_title}, {@code site_short_description}, {@code site_extended_description},
 * {@code site_contact_email}, {@code site_contact_username}, {@code registrations_message}, {@code source_url}.
 */
public final class SiteSettings {

    public static final String TITLE = "site_title";
    public static final String SHORT_DESCRIPTION = "site_short_description";
    public static final String EXTENDED_DESCRIPTION = "site_extended_description";
    public static final String CONTACT_EMAIL = "site_contact_email";
    public static final String CONTACT_USERNAME = "site_contact_username";
    public static final String REGISTRATIONS_MESSAGE = "registrations_message";
    public static final String SOURCE_URL = "source_url";
    /** Markdown; see {@link Policies}. */
    public static final String PRIVACY_POLICY = "privacy_policy";
    /** When {@link #PRIVACY_POLICY} last changed (an ISO instant), set by the server. */
    public static final String PRIVACY_POLICY_UPDATED_AT = "privacy_policy_updated_at";
    public static final String TERMS_OF_SERVICE = "terms_of_service";
    /** The day the terms apply from (YYYY-MM-DD). */
    public static final String TERMS_OF_SERVICE_EFFECTIVE_DATE = "terms_of_service_effective_date";
    /** open | approval | invite | closed: overrides ATOLL_REGISTRATIONS at run time when set. */
    public static final String REGISTRATIONS_MODE = "registrations_mode";
    /** true (default) | false: unreviewed trending items trend publicly (Mastodon's setting of that name). */
    public static final String TRENDABLE_BY_DEFAULT = "trendable_by_default";
    /** true | false (default): accounts of a server met for the first time start limited until staff approve the server. */
    public static final String APPROVE_NEW_SERVERS = "approve_new_servers";

    private final Database db;

    public SiteSettings(Database db) { this.db = db; }

    public Map<String, String> all() {
        return db.read(h -> h.createQuery("SELECT name, value FROM site_settings")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("value")))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public Optional<String> get(String name) {
        return db.read(h -> h.createQuery("SELECT value FROM site_settings WHERE name = :n").bind("n", name)
                .mapTo(String.class).findOne());
    }

    /** Sets a value; a blank one removes the setting so its default applies again. */
    public void put(String name, String value) { db.write(h -> put(h, name, value)); }

    /** {@link #put(String, String)} inside a caller's write (with the audit row of the change). */
    public int put(org.jdbi.v3.core.Handle h, String name, String value) {
        if (value == null || value.isBlank())
            return h.createUpdate("DELETE FROM site_settings WHERE name = :n").bind("n", name).execute();
        return h.createUpdate("INSERT INTO site_settings (name, value) VALUES (:n, :v) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
                .bind("n", name).bind("v", value).execute();
    }

    /**
     * Stores each value whose name is not set yet and returns what is stored under those names now, in one
     * transaction: when several nodes set the same names at once, the first writer's values win for everyone.
     */
    public Map<String, String> putIfAbsent(Map<String, String> values) {
        return db.write(h -> {
            for (var e : values.entrySet())
                h.createUpdate("INSERT INTO site_settings (name, value) VALUES (:n, :v) ON CONFLICT (name) DO NOTHING")
                        .bind("n", e.getKey()).bind("v", e.getValue()).execute();
            return h.createQuery("SELECT name, value FROM site_settings WHERE name IN (<names>)")
                    .bindList("names", List.copyOf(values.keySet()))
                    .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("value")))
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        });
    }
}

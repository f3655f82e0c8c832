package social.atoll.core.preferences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;
import social.atoll.infra.db.Database;

/**
 * Reads preferences from the {@code users} row: the posting defaults have columns (statuses use them too), the
 * reading ones live in its {@code settings} JSON under Mastodon's own key names ({@code reading:expand:media} …).
 */
public final class PreferencesService {

    private static final Set<String> EXPAND_MEDIA = Set.of("default", "show_all", "hide_all");
    private static final Set<String> QUOTE_POLICIES = Set.of("public", "followers", "nobody");

    private final Database db;
    private final ObjectMapper json;

    public PreferencesService(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Optional<Preferences> of(long accountId) {
        return db.read(h -> h.createQuery("SELECT default_privacy, default_sensitive, default_language, settings FROM users WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, ctx) -> preferences(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)))
                .findOne());
    }

    private Preferences preferences(String privacy, boolean sensitive, String language, String settingsJson) {
        JsonNode s;
        try {
            s = settingsJson == null ? json.createObjectNode() : json.readTree(settingsJson);
        } catch (Exception e) {
            s = json.createObjectNode(); // a broken settings document must not lock the user out of their clients
        }
        String media = s.path("reading:expand:media").asText("default");
        String quote = s.path("posting:default:quote_policy").asText("public");
        return new Preferences(privacy, sensitive, language == null || language.isBlank() ? null : language,
                QUOTE_POLICIES.contains(quote) ? quote : "public",
                EXPAND_MEDIA.contains(media) ? media : "default",
                s.path("reading:expand:spoilers").asBoolean(false));
    }
}

package social.atoll.core.preferences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.account.AccountStore;

/**
 * Reads preferences from the {@code users} row: the posting defaults have columns (statuses use them too), the
 * reading ones live in its {@code settings} JSON under Mastodon's own key names ({@code reading:expand:media} …).
 */
public final class PreferencesService {

    private static final Set<String> EXPAND_MEDIA = Set.of("default", "show_all", "hide_all");
    private static final Set<String> QUOTE_POLICIES = Set.of("public", "followers", "nobody");

    private final AccountStore accounts;
    private final ObjectMapper json;

    public PreferencesService(AccountStore accounts, ObjectMapper json) {
        this.accounts = accounts;
        this.json = json;
    }

    public Optional<Preferences> of(long accountId) {
        return accounts.preferences(accountId)
                .map(p -> preferences(p.defaultPrivacy(), p.defaultSensitive(), p.defaultLanguage(), p.settings()));
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

package social.atoll.core.preferences;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.account.AccountStore;
import social.atoll.infra.db.JsonColumns;

/**
 * Reads preferences from the {@code users} row: the posting defaults have columns (statuses use them too), the
 * reading ones live in its {@code settings} JSON under Mastodon's own key names ({@code reading:expand:media} …).
 */
public final class PreferencesService {

    private static final Set<String> EXPAND_MEDIA = Set.of("default", "show_all", "hide_all");
    private static final Set<String> QUOTE_POLICIES = Set.of("public", "followers", "nobody");

    private final AccountStore accounts;
    private final JsonColumns json;

    public PreferencesService(AccountStore accounts, JsonColumns json) {
        this.accounts = accounts;
        this.json = json;
    }

    public Optional<Preferences> of(long accountId) {
        return accounts.preferences(accountId)
                .map(p -> preferences(p.defaultPrivacy(), p.defaultSensitive(), p.defaultLanguage(), p.settings()));
    }

    private Preferences preferences(String privacy, boolean sensitive, String language, String settingsJson) {
        Map<String, Object> s;
        try {
            s = json.readMap(settingsJson);
        } catch (JsonColumns.JsonColumnException e) {
            s = Map.of(); // a broken settings document must not lock the user out of their clients
        }
        String media = String.valueOf(s.getOrDefault("reading:expand:media", "default"));
        String quote = String.valueOf(s.getOrDefault("posting:default:quote_policy", "public"));
        return new Preferences(privacy, sensitive, language == null || language.isBlank() ? null : language,
                QUOTE_POLICIES.contains(quote) ? quote : "public",
                EXPAND_MEDIA.contains(media) ? media : "default",
                flag(s.get("reading:expand:spoilers")));
    }

    /** A stored flag as clients write them: true, 1 or "true". */
    private static boolean flag(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.intValue() != 0;
        return v instanceof String str && "true".equals(str.strip());
    }
}

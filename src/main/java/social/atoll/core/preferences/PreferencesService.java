package social.atoll.core.preferences;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.User;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/**
 * Reads and writes preferences on the {@code users} row: the posting defaults have columns (statuses use them too),
 * the others live in its {@code settings} JSON, under Mastodon's API key names where it has one
 * ({@code reading:expand:media}, {@code reading:expand:spoilers}, {@code reading:autoplay:gifs}) and {@code theme}
 * as Mastodon's user setting. The composer reads the posting defaults from {@link #of(long)}.
 */
public final class PreferencesService {

    private static final Set<String> EXPAND_MEDIA = Set.of("default", "show_all", "hide_all");
    private static final Set<String> QUOTE_POLICIES = Set.of("public", "followers", "nobody");
    public static final Set<String> THEMES = Set.of("auto", "light", "dark");

    static final String EXPAND_SPOILERS = "reading:expand:spoilers";
    static final String AUTOPLAY_GIFS = "reading:autoplay:gifs";
    static final String THEME = "theme";
    static final String QUOTE_POLICY = "posting:default:quote_policy";

    private final Database db;
    private final AccountStore accounts;
    private final JsonColumns json;

    public PreferencesService(Database db, AccountStore accounts, JsonColumns json) {
        this.db = db;
        this.accounts = accounts;
        this.json = json;
    }

    /** The preferences of the user of this local account (one query); empty for accounts without a user. */
    public Optional<Preferences> of(long accountId) {
        return accounts.preferences(accountId)
                .map(p -> preferences(p.defaultPrivacy(), p.defaultSensitive(), p.defaultLanguage(), p.settings()));
    }

    /** The preferences of a user already read (no query: pages take them from the session's own lookup). */
    public Preferences of(User user) {
        return preferences(user.defaultPrivacy(), user.defaultSensitive(), user.defaultLanguage(), user.settings());
    }

    /**
     * Sets who may quote the user's new posts by default (Mastodon's {@code source[quote_policy]}, kept under
     * {@code posting:default:quote_policy}); the rest of the settings document is kept.
     */
    public void setDefaultQuotePolicy(long accountId, String policy) {
        if (!QUOTE_POLICIES.contains(policy)) throw new ValidationException("Quote policy is not included in the list");
        db.write(h -> {
            Map<String, Object> s = new LinkedHashMap<>(read(accounts.settings(h, accountId).orElse("{}")));
            s.put(QUOTE_POLICY, policy);
            accounts.updateSettings(h, accountId, json.write(s));
            return null;
        });
    }

    /** Stores what the preferences page sets; the rest of the settings document is kept. */
    public Preferences update(long accountId, PreferencesUpdate u) {
        ProfileService.checkPostingDefaults(u.visibility(), u.language());
        if (u.visibility() == null) throw new ValidationException("Privacy is not included in the list");
        if (u.theme() == null || !THEMES.contains(u.theme())) throw new ValidationException("Theme is not included in the list");
        db.write(h -> {
            Map<String, Object> s = new LinkedHashMap<>(read(accounts.settings(h, accountId).orElse("{}")));
            s.put(EXPAND_SPOILERS, u.expandSpoilers());
            s.put(AUTOPLAY_GIFS, u.autoplayGifs());
            s.put(THEME, u.theme());
            accounts.updateSettings(h, accountId, json.write(s));
            accounts.updateDefaultPrivacy(h, accountId, u.visibility());
            accounts.updateDefaultSensitive(h, accountId, u.sensitive());
            accounts.updateDefaultLanguage(h, accountId, u.language() == null || u.language().isBlank() ? null : u.language().trim());
            return null;
        });
        return of(accountId).orElseThrow();
    }

    private Preferences preferences(String privacy, boolean sensitive, String language, String settingsJson) {
        Map<String, Object> s = read(settingsJson);
        String media = String.valueOf(s.getOrDefault("reading:expand:media", "default"));
        String quote = String.valueOf(s.getOrDefault(QUOTE_POLICY, "public"));
        String theme = String.valueOf(s.getOrDefault(THEME, "auto"));
        return new Preferences(privacy, sensitive, language == null || language.isBlank() ? null : language,
                QUOTE_POLICIES.contains(quote) ? quote : "public",
                EXPAND_MEDIA.contains(media) ? media : "default",
                flag(s.get(EXPAND_SPOILERS)), flag(s.get(AUTOPLAY_GIFS)),
                THEMES.contains(theme) ? theme : "auto");
    }

    private Map<String, Object> read(String settingsJson) {
        try {
            return settingsJson == null ? Map.of() : json.readMap(settingsJson);
        } catch (JsonColumns.JsonColumnException e) {
            return Map.of(); // a broken settings document must not lock the user out of their clients
        }
    }

    /** A stored flag as clients write them: true, 1 or "true". */
    private static boolean flag(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.intValue() != 0;
        return v instanceof String str && "true".equals(str.strip());
    }
}

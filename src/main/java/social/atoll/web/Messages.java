package social.atoll.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every word the web pages show, from the bundles under {@code web/i18n/} (UTF-8 properties files, one per part of
 * the app, so that parts grow without touching each other's files). English is complete; a key missing from a
 * bundle shows as {@code ⟦key⟧} so that a forgotten string is seen on the page and caught by the tests, never
 * silently blank.
 */
public final class Messages {

    /** The bundles, in the order they are read; a later one may not redefine a key of an earlier one. */
    static final List<String> BUNDLES = List.of("common", "public", "compose", "app", "settings", "admin", "mail", "auth", "migration", "exports", "twofactor", "photos", "notifpolicy", "appeals", "adminsite", "quotes", "deletion", "emoji", "adminmore", "photosmore", "roles", "accountsec", "interactions");

    private final Locale locale;
    private final Map<String, String> texts;

    private Messages(Locale locale, Map<String, String> texts) {
        this.locale = locale;
        this.texts = texts;
    }

    /** The English texts. */
    public static Messages english() {
        Map<String, String> texts = new HashMap<>();
        for (String bundle : BUNDLES) {
            String resource = "web/i18n/" + bundle + ".properties";
            try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) continue;
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String key : p.stringPropertyNames()) {
                    if (texts.putIfAbsent(key, p.getProperty(key)) != null)
                        throw new IllegalStateException("web text " + key + " is defined twice (again in " + resource + ")");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Messages(Locale.ENGLISH, Map.copyOf(texts));
    }

    /** The language tag pages declare in {@code <html lang>}. */
    public String lang() { return locale.toLanguageTag(); }

    /** Writing direction for {@code <html dir>}. */
    public String dir() { return "ltr"; }

    /** The text for {@code key}. */
    public String get(String key) {
        String t = texts.get(key);
        return t == null ? "⟦" + key + "⟧" : t;
    }

    /** The text for {@code key} with its {@code {0}}, {@code {1}}… filled in (numbers in the reader's format). */
    public String get(String key, Object... args) {
        String t = texts.get(key);
        if (t == null) return "⟦" + key + "⟧";
        return new MessageFormat(t, locale).format(args);
    }

    /** True when a bundle defines {@code key} (tests check that every key a template uses exists). */
    public boolean has(String key) { return texts.containsKey(key); }
}

package social.atoll.core.tag;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;

/** A hashtag. {@code nameKey} is the normalized name that identifies it ({@code #Java} and {@code #java} are one tag). */
public record Tag(long id, String name, String nameKey, boolean usable, boolean trendable, Instant createdAt) {

    /** The key a name is stored under: NFKC, lower case, without a leading {@code #} (as statuses store tags). */
    public static String key(String name) {
        String n = name.startsWith("#") ? name.substring(1) : name;
        return Normalizer.normalize(n, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Whether a name can be a hashtag: letters, digits, underscores and joiners, not only digits. */
    public static boolean valid(String name) {
        String n = name.startsWith("#") ? name.substring(1) : name;
        return n.matches("[\\p{L}\\p{M}\\p{N}_\\u200c\\u200d\\u00b7]{1,100}") && !n.matches("[0-9_]+");
    }
}

package social.atoll.core.follow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.core.common.ValidationException;

/**
 * The {@code languages} column of follows: null for all languages, or a JSON array of ISO 639 codes. Codes are
 * checked on the way in, so the stored array never needs escaping.
 */
public final class FollowLanguages {

    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Pattern ITEM = Pattern.compile("\"([^\"]*)\"");

    private FollowLanguages() {}

    /** Null when the list is empty (all languages); fails on anything that is not a language code. */
    static String encode(List<String> languages) {
        Set<String> codes = new LinkedHashSet<>();
        for (String l : languages) {
            if (l == null || l.isBlank()) continue;
            String code = lowerPrimary(l.trim());
            if (!CODE.matcher(code).matches()) throw new ValidationException("Languages contains an invalid language code: " + l.trim());
            codes.add(code);
        }
        if (codes.isEmpty()) return null;
        StringBuilder b = new StringBuilder("[");
        for (String c : codes) b.append(b.length() > 1 ? "," : "").append('"').append(c).append('"');
        return b.append(']').toString();
    }

    public static List<String> decode(String stored) {
        if (stored == null || stored.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        Matcher m = ITEM.matcher(stored);
        while (m.find()) out.add(m.group(1));
        return List.copyOf(out);
    }

    private static String lowerPrimary(String code) {
        int dash = code.indexOf('-');
        return dash < 0 ? code.toLowerCase(Locale.ROOT) : code.substring(0, dash).toLowerCase(Locale.ROOT) + code.substring(dash);
    }
}

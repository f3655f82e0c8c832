package social.atoll.core.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OAuth scopes as Mastodon defines them. A granted parent scope satisfies its children ({@code read} ⊃
 * {@code read:statuses}; {@code follow} ⊃ the relationship scopes; {@code admin:read} ⊃ {@code admin:read:*}).
 */
public final class Scopes {

    public static final List<String> READ = List.of("read:accounts", "read:blocks", "read:bookmarks", "read:favourites",
            "read:filters", "read:follows", "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses");
    public static final List<String> WRITE = List.of("write:accounts", "write:blocks", "write:bookmarks", "write:conversations",
            "write:favourites", "write:filters", "write:follows", "write:lists", "write:media", "write:mutes",
            "write:notifications", "write:reports", "write:statuses");
    public static final List<String> FOLLOW = List.of("read:blocks", "read:follows", "read:mutes", "write:blocks",
            "write:follows", "write:mutes");
    private static final List<String> ADMIN_OBJECTS = List.of("accounts", "reports", "domain_allows", "domain_blocks",
            "ip_blocks", "email_domain_blocks", "canonical_email_blocks");

    /** Every scope a client may ask for, for {@code scopes_supported}. */
    public static List<String> all() {
        List<String> out = new java.util.ArrayList<>(List.of("read", "write", "follow", "push", "profile", "admin:read", "admin:write"));
        out.addAll(READ);
        out.addAll(WRITE);
        for (String o : ADMIN_OBJECTS) out.add("admin:read:" + o);
        for (String o : ADMIN_OBJECTS) out.add("admin:write:" + o);
        return out;
    }

    private static final Set<String> KNOWN = Set.copyOf(all());

    private Scopes() {}

    /** Splits a space- or plus-separated scope string; blank means {@code read}. {@code crypto} is dropped (removed in 4.3). */
    public static Set<String> parse(String s) {
        Set<String> out = new LinkedHashSet<>();
        if (s != null) {
            for (String p : s.trim().split("[\\s+]+")) {
                if (!p.isEmpty() && !p.equals("crypto")) out.add(p);
            }
        }
        if (out.isEmpty()) out.add("read");
        return out;
    }

    public static boolean isKnown(String scope) { return KNOWN.contains(scope); }

    public static String join(Set<String> scopes) { return String.join(" ", scopes); }

    /** True when {@code granted} includes {@code required} directly or through a parent scope. */
    public static boolean satisfies(Set<String> granted, String required) {
        if (granted.contains(required)) return true;
        int colon = required.indexOf(':');
        if (required.startsWith("admin:")) {
            int second = required.indexOf(':', 6);
            return second > 0 && granted.contains(required.substring(0, second));
        }
        if (colon > 0 && granted.contains(required.substring(0, colon))) return true;
        return granted.contains("follow") && FOLLOW.contains(required);
    }

    /** True when every scope in {@code requested} is covered by {@code allowed} (authorize/token against the app). */
    public static boolean subsetOf(Set<String> requested, Set<String> allowed) {
        for (String r : requested) {
            if (!satisfies(allowed, r)) return false;
        }
        return true;
    }
}

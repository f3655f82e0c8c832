package social.atoll.core.account;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.StandardKeyboards;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.ZxcvbnBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be, wherever it is chosen (sign-up by app or web, reset, change): 8 to 72 characters
 * (Argon2 takes more, but Mastodon's bcrypt limit is what apps know), not one of the most common passwords, and not
 * containing the username. Answers Mastodon's error code and wording for the first rule broken.
 */
public final class PasswordRules {

    public record Broken(String code, String description) {}

    static final int MIN = 8;
    static final int MAX = 72;
    private static final Set<String> COMMON = load();

    private PasswordRules() {}

    /** How many passwords are refused as common (for the test that the list is the one meant). */
    static int commonCount() { return COMMON.size(); }

    public static Optional<Broken> check(String password, String username) {
        String p = password == null ? "" : password;
        if (p.isEmpty()) return Optional.of(new Broken("ERR_BLANK", "can't be blank"));
        if (p.length() < MIN) return Optional.of(new Broken("ERR_TOO_SHORT", "is too short (minimum is 8 characters)"));
        if (p.length() > MAX) return Optional.of(new Broken("ERR_TOO_LONG", "is too long (maximum is 72 characters)"));
        String lower = p.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) return Optional.of(new Broken("ERR_TOO_COMMON", "is too common, choose another one"));
        if (username != null && username.trim().length() >= 3 && lower.contains(username.trim().toLowerCase(Locale.ROOT)))
            return Optional.of(new Broken("ERR_CONTAINS_USERNAME", "must not contain the username"));
        return Optional.empty();
    }

    /** How many of zxcvbn's ranked common passwords are refused (its list is ordered by frequency in leaks). */
    static final int COMMON_RANKS = 10_000;

    /** zxcvbn with its standard dictionaries and keyboards, built once (measuring is then read-only). */
    private static final Zxcvbn ZXCVBN = zxcvbn();

    /** A password's estimated strength for the meter: zxcvbn's score 0 (guessed at once) to 4, and the rule it breaks. */
    public record Strength(int score, Optional<Broken> broken) {}

    /** The meter's reading for a password being typed, knowing the username (a password containing it scores 0). */
    public static Strength strength(String password, String username) {
        String p = password == null ? "" : password;
        Optional<Broken> broken = check(p, username);
        if (p.isEmpty()) return new Strength(0, broken);
        List<String> own = username == null || username.isBlank() ? List.of() : List.of(username.trim());
        int score = ZXCVBN.measure(p.length() > MAX ? p.substring(0, MAX) : p, own).getScore();
        return new Strength(broken.isPresent() ? 0 : score, broken);
    }

    private static Zxcvbn zxcvbn() {
        try {
            return new ZxcvbnBuilder().dictionaries(StandardDictionaries.loadAllDictionaries())
                    .keyboards(StandardKeyboards.loadAllKeyboards()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("zxcvbn's dictionaries are missing from the build", e);
        }
    }

    /**
     * The refused passwords: the {@link #COMMON_RANKS} most common in zxcvbn's list (from published leaks), and
     * Atoll's own additions. Shorter ones than {@link #MIN} are refused for their length anyway.
     */
    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try {
            List<String> ranked = StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies();
            for (String p : ranked.subList(0, Math.min(COMMON_RANKS, ranked.size())))
                if (p.length() >= MIN) out.add(p.toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException("zxcvbn's password list is missing from the build", e);
        }
        try (InputStream in = PasswordRules.class.getClassLoader().getResourceAsStream("core/common-passwords.txt")) {
            if (in == null) throw new IllegalStateException("core/common-passwords.txt missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) out.add(l.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}

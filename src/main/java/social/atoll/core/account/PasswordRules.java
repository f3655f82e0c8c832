package social.atoll.core.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
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

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
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

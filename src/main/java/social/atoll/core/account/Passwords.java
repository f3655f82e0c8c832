package social.atoll.core.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes, 1 lane). */
public final class Passwords {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    private Passwords() {}

    public static String hash(String password) { return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult(); }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) return false;
        return Password.check(password, hash).with(ARGON2);
    }
}

package social.atoll.core.account;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** The {@code sign_in_origins} table: each (browser, IP) pair a person has signed in from. */
public final class SignInOriginStore {

    /** True when the user has signed in from anywhere before. */
    boolean any(Handle h, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM sign_in_origins WHERE user_id = :u").bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    /** Records a pair; false when it was known already. */
    boolean add(Handle h, long userId, String browserHash, String ip, Instant now) {
        return h.createUpdate("""
                        INSERT INTO sign_in_origins (user_id, browser_hash, ip, first_seen_at) VALUES (:u, :b, :ip, :now)
                        ON CONFLICT (user_id, browser_hash, ip) DO NOTHING""")
                .bind("u", userId).bind("b", browserHash).bind("ip", ip).bind("now", now).execute() == 1;
    }
}

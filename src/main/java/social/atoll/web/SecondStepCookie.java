package social.atoll.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import social.atoll.config.Settings;
import social.atoll.core.auth.Tokens;

/**
 * The state between the password and the second step of a sign-in: an {@code HttpOnly} cookie naming the user
 * who typed the right password, until when, signed with a key derived from the installation's cookie key. It grants
 * nothing by itself — it only lets the second-step page ask that user for a code — and dies after ten minutes or
 * when the sign-in completes. Its signature also covers the user's password stamp (a digest of the password hash,
 * never in the cookie itself): once the password changes — a reset from another browser, say — a second step
 * pending from the old password no longer opens.
 */
public final class SecondStepCookie {

    static final String NAME = "_atoll_2fa";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final byte[] key;
    private final boolean secure;
    private final Clock clock;
    private final LongFunction<Optional<String>> passwordStamps;

    /** {@code passwordStamps}: the current password stamp of a user, empty when the user is gone. */
    public SecondStepCookie(Settings settings, byte[] cookieKey, Clock clock, LongFunction<Optional<String>> passwordStamps) {
        this.key = Tokens.hmac(cookieKey, "atoll second step v2");
        this.passwordStamps = passwordStamps;
        this.secure = settings.baseUrl().startsWith("https://");
        this.clock = clock;
    }

    /** Remembers that {@code userId} passed the password step in this browser. */
    public void start(Context ctx, long userId) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = userId + "." + expires + "." + Tokens.random();
        Optional<String> stamp = passwordStamps.apply(userId);
        if (stamp.isEmpty()) return;
        set(ctx, payload + "." + Tokens.hmacText(key, payload + "." + stamp.get()), LIFETIME.toSeconds());
    }

    /** The user who passed the password step in this browser, while that is recent. */
    public OptionalLong user(Context ctx) {
        String v = ctx.cookie(NAME);
        if (v == null) return OptionalLong.empty();
        int sig = v.lastIndexOf('.');
        if (sig < 0) return OptionalLong.empty();
        String payload = v.substring(0, sig);
        String[] parts = payload.split("\\.");
        if (parts.length != 3) return OptionalLong.empty();
        try {
            long userId = Long.parseLong(parts[0]);
            if (Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) return OptionalLong.empty();
            Optional<String> stamp = passwordStamps.apply(userId);
            if (stamp.isEmpty() || !Tokens.same(v.substring(sig + 1), Tokens.hmacText(key, payload + "." + stamp.get())))
                return OptionalLong.empty();
            return OptionalLong.of(userId);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public void clear(Context ctx) { set(ctx, "", 0); }

    private void set(Context ctx, String value, long maxAge) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + value + "; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=" + maxAge + (secure ? "; Secure" : ""));
    }
}

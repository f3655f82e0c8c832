package social.atoll.core.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import social.atoll.config.Settings;
import social.atoll.core.auth.Tokens;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.infra.db.Database;

/**
 * The "new sign-in" mail, as Mastodon's suspicious sign-in mail: when someone signs in from a browser and IP pair
 * not seen before for their account, a mail names the IP, the browser and the time, and links to the sessions page
 * where a stranger's session can be ended. Not for the very first sign-in (nothing is new then). A browser is its
 * user agent with the version numbers taken out, so a browser update does not count as a new browser.
 */
public final class SignInNotices {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final Database db;
    private final SignInOriginStore store;
    private final MailService mail;
    private final Clock clock;

    public SignInNotices(Settings settings, Database db, SignInOriginStore store, MailService mail, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.store = store;
        this.mail = mail;
        this.clock = clock;
    }

    /** Records where {@code user} just signed in from, and mails them when the pair is new. */
    public void signedIn(User user, Account account, String ip, String userAgent) {
        String where = ip == null || ip.isBlank() ? "unknown" : ip;
        String ua = userAgent == null ? "" : userAgent.strip();
        Instant now = clock.instant();
        db.write(h -> {
            boolean first = !store.any(h, user.id());
            if (store.add(h, user.id(), browserKey(ua), where, now) && !first)
                mail.send(new Letter(Letter.Kind.NEW_SIGN_IN, user.email(), account.username(), settings.url("/settings/sessions"),
                        user.locale(), List.of(where, ua.isEmpty() ? "unknown" : shorten(ua), WHEN.format(now))));
            return null;
        });
    }

    /** The browser without its version numbers, hashed (a user agent can be long; only equality matters). */
    static String browserKey(String userAgent) {
        return Tokens.sha256(userAgent.replaceAll("[0-9]+(?:[._][0-9]+)*", "").replaceAll("\\s+", " "));
    }

    private static String shorten(String ua) { return ua.length() <= 200 ? ua : ua.substring(0, 200) + "…"; }
}

package social.atoll.core.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** OAuth applications: registration and lookup. */
public final class OAuthService {

    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    private static final String CLI_APP_NAME = "Atoll admin CLI";

    private final Database db;
    private final OAuthStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public OAuthService(Database db, OAuthStore store, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Registers a client, validated as Mastodon does (same messages): a name of at most 60 characters, absolute
     * redirect URIs without fragment and not {@code javascript:}/{@code data:}/{@code vbscript:}, known scopes and
     * an http(s) website.
     */
    public OAuthApp register(String name, List<String> redirectUris, Set<String> scopes, String website) {
        if (name == null || name.isBlank()) throw new ValidationException("Application name can't be blank");
        if (name.trim().length() > 60) throw new ValidationException("Application name is too long (maximum is 60 characters)");
        if (redirectUris.isEmpty()) throw new ValidationException("Redirect URI can't be blank");
        for (String uri : redirectUris) checkRedirectUri(uri);
        if (String.join("\n", redirectUris).length() > 2000)
            throw new ValidationException("Redirect URI is too long (maximum is 2000 characters)");
        for (String s : scopes) {
            if (!Scopes.isKnown(s)) throw new ValidationException("Scopes doesn't match configured on the server.");
        }
        String site = website == null || website.isBlank() ? null : website.trim();
        if (site != null) checkWebsite(site);
        long id = ids.next();
        String clientId = Tokens.random();
        String clientSecret = Tokens.random();
        store.insertApp(id, name.trim(), site, String.join("\n", redirectUris), Scopes.join(scopes), clientId, clientSecret, clock.instant());
        return byId(id).orElseThrow();
    }

    /**
     * The redirect URIs of a registration request: a list, or one string holding several separated by newlines
     * (Mastodon.py) or other whitespace (Doorkeeper splits on any), which no URI contains.
     */
    public static List<String> splitRedirectUris(List<String> given) {
        return given.stream().flatMap(s -> Arrays.stream(s.trim().split("\\s+"))).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static void checkRedirectUri(String uri) {
        if (uri.equals(OOB)) return;
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new ValidationException("Redirect URI must be a valid URI.");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || scheme.isEmpty()) throw new ValidationException("Redirect URI must be an absolute URI.");
        if (u.getRawFragment() != null) throw new ValidationException("Redirect URI cannot contain a fragment.");
        if (scheme.equals("javascript") || scheme.equals("data") || scheme.equals("vbscript"))
            throw new ValidationException("Redirect URI is forbidden by the server.");
    }

    private static void checkWebsite(String website) {
        if (website.length() > 2000) throw new ValidationException("Application website is too long (maximum is 2000 characters)");
        try {
            URI w = new URI(website);
            String scheme = w.getScheme() == null ? "" : w.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || w.getHost() == null) throw new URISyntaxException(website, "not a web URL");
        } catch (URISyntaxException e) {
            throw new ValidationException("Application website is not a valid URL");
        }
    }

    /**
     * True when {@code uri} is one the app registered: the same string, or — for a loopback IP address
     * (RFC 8252 §7.3, as Doorkeeper allows) — the same URI on another port, since desktop apps listen on any
     * free port. Nothing else is lenient: the code must never be sent anywhere the client did not register.
     */
    public static boolean registeredRedirect(OAuthApp app, String uri) {
        if (uri == null || uri.isEmpty()) return false;
        for (String registered : app.redirectUriList()) {
            if (registered.equals(uri) || sameLoopbackIgnoringPort(registered, uri)) return true;
        }
        return false;
    }

    private static boolean sameLoopbackIgnoringPort(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            if (!isLoopbackIp(a.getHost()) || !isLoopbackIp(b.getHost())) return false;
            return new URI(a.getScheme(), a.getRawUserInfo(), a.getHost(), -1, a.getRawPath(), a.getRawQuery(), null)
                    .equals(new URI(b.getScheme(), b.getRawUserInfo(), b.getHost(), -1, b.getRawPath(), b.getRawQuery(), null))
                    && b.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLoopbackIp(String host) {
        return host != null && (host.equals("[::1]") || host.equals("::1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"));
    }

    public Optional<OAuthApp> byId(long id) {
        return store.appById(id);
    }

    public Optional<OAuthApp> byClientId(String clientId) {
        if (clientId == null) return Optional.empty();
        return store.appByClientId(clientId);
    }

    /** The client credentials, checked in constant time. */
    public Optional<OAuthApp> authenticate(String clientId, String clientSecret) {
        return byClientId(clientId).filter(a -> Tokens.same(a.clientSecret(), clientSecret));
    }

    /** The app that tokens made by {@code atoll admin accounts token} belong to; created on first use. */
    public OAuthApp adminCliApp() {
        return db.write(h -> {
            Optional<OAuthApp> existing = store.unownedApp(h, CLI_APP_NAME, OOB);
            if (existing.isPresent()) return existing.get();
            return register(CLI_APP_NAME, List.of(OOB), Scopes.parse("read write follow push"), null);
        });
    }
}
